// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "EntryPage.h"

#include "TouchKeyboard.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScroller>
#include <QVBoxLayout>

namespace Keepsake {

EntryPage::EntryPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("entryPage"));
    m_prompt = new QLabel;
    m_prompt->setObjectName(QStringLiteral("entryPrompt"));
    m_prompt->setProperty("role", QStringLiteral("title"));
    m_prompt->setWordWrap(true);
    m_field = new QLineEdit;
    m_field->setObjectName(QStringLiteral("entryField"));
    m_choices = new QListWidget;
    m_choices->setObjectName(QStringLiteral("entryChoices"));
    // Its finger-sized scroll bar (KioskStyle) would ask for 200 px of height even when
    // the page shows the keys and no list: the list takes the room the page has left.
    m_choices->setMinimumHeight(120);
    QScroller::grabGesture(m_choices->viewport(), QScroller::LeftMouseButtonGesture);
    m_keyboard = new TouchKeyboard(this);
    m_keyboard->setTarget(m_field);
    m_ok = new QPushButton;
    m_ok->setObjectName(QStringLiteral("entryOk"));
    m_ok->setProperty("role", QStringLiteral("primary"));
    m_cancel = new QPushButton;
    m_cancel->setObjectName(QStringLiteral("entryCancel"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    buttons->addWidget(m_ok);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_prompt);
    layout->addWidget(m_field);
    layout->addWidget(m_choices, 1);
    layout->addWidget(m_keyboard, 0, Qt::AlignHCenter);
    layout->addStretch();
    layout->addLayout(buttons);
    connect(m_keyboard, &TouchKeyboard::submitted, this, &EntryPage::accept);
    connect(m_field, &QLineEdit::returnPressed, this, &EntryPage::accept);
    connect(m_ok, &QPushButton::clicked, this, &EntryPage::accept);
    connect(m_choices, &QListWidget::itemActivated, this, &EntryPage::accept);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_textAnswer = {};
        m_choiceAnswer = {};
        Q_EMIT closed();
    });
    retranslate();
}

void EntryPage::askText(const QString &prompt, const QString &initial, TextAnswer answer, TouchKeyboard::FieldKind kind,
                        bool emptyAllowed)
{
    m_prompt->setText(prompt);
    m_emptyAllowed = emptyAllowed;
    TouchKeyboard::setFieldKind(m_field, kind);
    m_field->setText(initial);
    m_field->selectAll();
    m_field->show();
    m_keyboard->show();
    m_choices->hide();
    m_textAnswer = std::move(answer);
    m_choiceAnswer = {};
    m_field->setFocus();
    m_keyboard->setTarget(m_field);   // the same field with other hints: the keys follow
}

void EntryPage::askChoice(const QString &prompt, const QList<QPair<qint64, QString>> &choices, ChoiceAnswer answer)
{
    m_prompt->setText(prompt);
    m_field->hide();
    m_keyboard->hide();
    m_choices->clear();
    for (const auto &choice : choices) {
        auto *item = new QListWidgetItem(choice.second, m_choices);
        item->setData(Qt::UserRole, choice.first);
    }
    m_choices->show();
    m_textAnswer = {};
    m_choiceAnswer = std::move(answer);
}

void EntryPage::accept()
{
    if (m_textAnswer) {
        const QString text = m_field->text().trimmed();
        if (text.isEmpty() && !m_emptyAllowed)
            return;
        auto answer = std::exchange(m_textAnswer, {});
        Q_EMIT closed();
        answer(text);
    } else if (m_choiceAnswer) {
        const QListWidgetItem *item = m_choices->currentItem();
        if (!item)
            return;
        const qint64 id = item->data(Qt::UserRole).toLongLong();
        auto answer = std::exchange(m_choiceAnswer, {});
        Q_EMIT closed();
        answer(id);
    }
}

void EntryPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void EntryPage::retranslate()
{
    m_ok->setText(tr("OK"));
    m_cancel->setText(tr("Cancel"));
}

} // namespace Keepsake
