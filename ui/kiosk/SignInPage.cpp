// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInPage.h"

#include "TouchKeyboard.h"
#include "common/MessageLabel.h"

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
    m_title->setWordWrap(true);   // the field labels are short and get their whole width
    m_code = new QLineEdit;
    m_code->setObjectName(QStringLiteral("codeField"));
    m_pin = new QLineEdit;
    m_pin->setObjectName(QStringLiteral("pinField"));
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setMaxLength(8);
    buildMessages();
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
    inner->addWidget(m_welcome);
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

// A refusal in red; after a registration, the welcome with the new code, large, and Print.
void SignInPage::buildMessages()
{
    m_message = new MessageLabel(2);   // a refusal that wraps does not push the pad down
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setProperty("role", QStringLiteral("warning"));
    m_welcome = new QWidget;
    m_welcome->setObjectName(QStringLiteral("signInWelcome"));
    m_welcomeText = new QLabel;
    m_welcomeText->setObjectName(QStringLiteral("signInWelcomeText"));
    m_welcomeText->setWordWrap(true);
    m_welcomeText->setProperty("role", QStringLiteral("success"));
    m_welcomeText->setMinimumWidth(460);   // two lines at most, not a narrow column of many
    m_welcomeCode = new QLabel;
    m_welcomeCode->setObjectName(QStringLiteral("signInWelcomeCode"));
    m_welcomeCode->setProperty("role", QStringLiteral("code"));
    m_welcomeCode->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_print = new QPushButton;
    m_print->setObjectName(QStringLiteral("printCodeButton"));
    m_print->setFocusPolicy(Qt::NoFocus);   // the PIN field keeps the typing
    auto *row = new QHBoxLayout(m_welcome);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_welcomeText, 1);
    row->addWidget(m_welcomeCode);
    row->addWidget(m_print);
    m_welcome->hide();
    connect(m_print, &QPushButton::clicked, this, [this] { Q_EMIT printRequested(m_newName, m_welcomeCode->text()); });
}

void SignInPage::welcomeNewCustomer(const QString &name, const QString &code)
{
    reset();
    m_newName = name;
    m_welcomeText->setText(tr("Welcome, %1! Your customer code:").arg(name));
    m_welcomeCode->setText(code);
    // The welcome stands in for the title: the page keeps to the screen's height. The
    // title goes first: showing a widget lays its parent out at once, and the window
    // keeps the tallest size it saw.
    m_title->hide();
    m_welcome->show();
    m_code->setText(code);
    focusField(m_pin);
}

void SignInPage::reset()
{
    m_code->clear();
    m_pin->clear();
    m_message->clear();
    m_welcome->hide();
    m_title->show();
    m_newName.clear();
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
    m_print->setText(tr("Print"));
    if (m_welcome->isVisibleTo(this))
        m_welcomeText->setText(tr("Welcome, %1! Your customer code:").arg(m_newName));
}

} // namespace Keepsake
