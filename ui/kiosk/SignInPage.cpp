// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInPage.h"

#include "TouchKeyboard.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keepsake {

SignInPage::SignInPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("signInPage"));
    m_title = new QLabel;
    m_title->setProperty("role", QStringLiteral("title"));
    m_title->setAlignment(Qt::AlignCenter);
    m_code = new QLineEdit;
    m_code->setObjectName(QStringLiteral("codeField"));
    m_pin = new QLineEdit;
    m_pin->setObjectName(QStringLiteral("pinField"));
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setMaxLength(8);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setProperty("role", QStringLiteral("warning"));
    TouchKeyboard::setFieldKind(m_code, TouchKeyboard::FieldKind::Code);
    TouchKeyboard::setFieldKind(m_pin, TouchKeyboard::FieldKind::Pin);
    m_keyboard = new TouchKeyboard(this);
    m_back = new QPushButton;
    m_back->setObjectName(QStringLiteral("backButton"));

    auto *form = new QFormLayout;
    m_codeLabel = new QLabel;
    m_pinLabel = new QLabel;
    form->addRow(m_codeLabel, m_code);
    form->addRow(m_pinLabel, m_pin);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_back);
    bottom->addStretch();

    auto *center = new QWidget;
    center->setMaximumWidth(900);
    auto *inner = new QVBoxLayout(center);
    inner->addWidget(m_title);
    inner->addLayout(form);
    inner->addWidget(m_message);
    inner->addWidget(m_keyboard);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(center, 1, Qt::AlignHCenter);
    layout->addLayout(bottom);

    connect(m_keyboard, &TouchKeyboard::submitted, this, &SignInPage::submit);
    connect(m_code, &QLineEdit::returnPressed, this, &SignInPage::submit);
    connect(m_pin, &QLineEdit::returnPressed, this, &SignInPage::submit);
    connect(m_back, &QPushButton::clicked, this, &SignInPage::backRequested);
    retranslate();
    reset();
}

void SignInPage::reset()
{
    m_code->clear();
    m_pin->clear();
    m_message->clear();
    focusField(m_code);
}

void SignInPage::focusField(QLineEdit *field)
{
    m_keyboard->setTarget(field);
    field->setFocus();
}

void SignInPage::submit()
{
    if (m_code->text().trimmed().isEmpty()) {
        focusField(m_code);
        return;
    }
    if (m_pin->text().isEmpty()) {   // the code is typed: the keyboard goes on with the PIN
        focusField(m_pin);
        return;
    }
    const QString pin = m_pin->text();
    m_pin->clear();
    Q_EMIT signInRequested(m_code->text().trimmed(), pin);
}

void SignInPage::setMessage(const QString &text)
{
    m_message->setText(text);
}

QString SignInPage::message() const
{
    return m_message->text();
}

void SignInPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SignInPage::retranslate()
{
    m_title->setText(tr("Sign in"));
    m_codeLabel->setText(tr("Customer code"));
    m_pinLabel->setText(tr("PIN"));
    m_back->setText(tr("Back"));
}

} // namespace Keepsake
