// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CandidateBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScroller>

namespace Keepsake {

namespace {

constexpr int BarHeight = 56;

} // namespace

CandidateBar::CandidateBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("candidateBar"));
    setFixedHeight(BarHeight);
    m_composing = new QLabel;
    m_composing->setObjectName(QStringLiteral("composingText"));
    m_composing->setProperty("role", QStringLiteral("composing"));
    auto *strip = new QWidget;
    strip->setObjectName(QStringLiteral("candidateStrip"));
    m_row = new QHBoxLayout(strip);
    m_row->setContentsMargins(0, 0, 0, 0);
    m_row->setSpacing(6);
    m_row->addStretch();
    auto *scroll = new QScrollArea;   // many candidates: swiped sideways, no scroll bar
    scroll->setObjectName(QStringLiteral("candidateScroll"));
    scroll->setWidget(strip);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus);
    QScroller::grabGesture(scroll->viewport(), QScroller::LeftMouseButtonGesture);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_composing);
    layout->addWidget(scroll, 1);
}

void CandidateBar::setCandidates(const QString &composing, const QStringList &candidates)
{
    m_composing->setText(composing);
    m_candidates = candidates;
    for (QPushButton *old : std::as_const(m_buttons)) {   // one of them may be the one tapped
        old->hide();
        old->setObjectName(QString());
        old->deleteLater();
    }
    m_buttons.clear();
    for (const QString &candidate : candidates) {
        auto *button = new QPushButton(candidate);
        button->setObjectName(QStringLiteral("candidate-%1").arg(m_buttons.size()));
        button->setAccessibleName(candidate);
        button->setProperty("role", QStringLiteral("candidate"));
        button->setFocusPolicy(Qt::NoFocus);
        button->setAutoDefault(false);
        connect(button, &QPushButton::clicked, this, [this, candidate] { Q_EMIT chosen(candidate); });
        m_row->insertWidget(int(m_buttons.size()), button);
        m_buttons.append(button);
    }
}

QPushButton *CandidateBar::button(int index) const
{
    return m_buttons.value(index);
}

} // namespace Keepsake
