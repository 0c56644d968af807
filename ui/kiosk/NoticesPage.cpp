// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoticesPage.h"

#include "common/MessageLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollArea>
#include <QScroller>
#include <QVBoxLayout>

#include <algorithm>

namespace Keepsake {

namespace {

QLabel *wrapped(const QString &text, const char *role = nullptr)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    if (role)
        label->setProperty("role", QLatin1String(role));
    label->setAttribute(Qt::WA_TransparentForMouseEvents);   // a tap goes to the card
    return label;
}

} // namespace

NoticeCardView::NoticeCardView(qint64 noticeId, const NoticeCard &card, QWidget *parent)
    : QFrame(parent), m_id(noticeId)
{
    setObjectName(QStringLiteral("noticeCard_%1").arg(noticeId));
    setProperty("role", QStringLiteral("card"));
    setProperty("unread", card.unread);
    auto *layout = new QVBoxLayout(this);
    auto *what = wrapped(card.what, "cardTitle");
    what->setObjectName(QStringLiteral("noticeWhat"));
    layout->addWidget(what);
    for (const QString &line : { card.album, card.when, card.todo }) {
        if (!line.isEmpty())
            layout->addWidget(wrapped(line));
    }
    m_full = wrapped(card.fullText, "hint");
    m_full->setObjectName(QStringLiteral("noticeFullText"));
    m_full->hide();
    layout->addWidget(m_full);
}

bool NoticeCardView::isOpen() const
{
    return m_full->isVisibleTo(this);
}

void NoticeCardView::toggle()
{
    m_full->setVisible(!isOpen());
    if (isOpen())
        Q_EMIT opened(m_id);
}

void NoticeCardView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        toggle();
    QFrame::mouseReleaseEvent(event);
}

NoticesPage::NoticesPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("noticesPage"));
    m_title = new QLabel;
    m_title->setProperty("role", QStringLiteral("title"));
    m_title->setWordWrap(true);
    auto *list = new QWidget;
    list->setObjectName(QStringLiteral("noticeCards"));
    m_list = new QVBoxLayout(list);
    m_list->addStretch();
    m_scroll = new QScrollArea;
    m_scroll->setObjectName(QStringLiteral("noticeList"));
    m_scroll->setWidget(list);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    QScroller::grabGesture(m_scroll->viewport(), QScroller::LeftMouseButtonGesture);
    m_hint = new MessageLabel(2);
    m_hint->setObjectName(QStringLiteral("noticesHint"));
    m_hint->setRole(QStringLiteral("hint"));
    m_close = new QPushButton;
    m_close->setObjectName(QStringLiteral("noticesClose"));
    m_close->setProperty("role", QStringLiteral("primary"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_hint);
    layout->addLayout(buttons);
    connect(m_close, &QPushButton::clicked, this, &NoticesPage::closed);
    retranslate();
}

void NoticesPage::clearCards()
{
    qDeleteAll(m_cards);
    m_cards.clear();
    m_error.clear();
}

void NoticesPage::showNotices(const QList<Notice> &notices, const QDate &today)
{
    clearCards();
    m_notices = notices;
    m_today = today;
    std::stable_sort(m_notices.begin(), m_notices.end(),
                     [](const Notice &a, const Notice &b) { return a.createdAt > b.createdAt; });
    for (const Notice &notice : std::as_const(m_notices)) {
        auto *card = new NoticeCardView(notice.id, NoticeCards::card(notice, today));
        connect(card, &NoticeCardView::opened, this, &NoticesPage::opened);
        m_list->insertWidget(m_list->count() - 1, card);   // above the stretch
        m_cards.append(card);
    }
    retranslate();
}

void NoticesPage::showError(const QString &message)
{
    clearCards();
    m_notices.clear();
    m_error = message;
    retranslate();
}

void NoticesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        if (!m_notices.isEmpty())
            showNotices(QList<Notice>(m_notices), m_today);   // the cards in the new language
    }
    QWidget::changeEvent(event);
}

void NoticesPage::retranslate()
{
    m_title->setText(tr("Your notices"));
    m_close->setText(tr("Close"));
    if (!m_error.isEmpty())
        m_hint->setText(m_error);
    else if (m_notices.isEmpty())
        m_hint->setText(tr("No notices. Your albums are kept until the dates shown with them."));
    else
        m_hint->setText(tr("Tap a notice to read all of it. To keep an album longer, ask at the counter."));
}

} // namespace Keepsake
