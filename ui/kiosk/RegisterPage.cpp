// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RegisterPage.h"

#include "TouchKeyboard.h"
#include "common/MessageLabel.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Keepsake {

RegisterPage::RegisterPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("registerPage"));
    m_title = new QLabel;
    m_title->setProperty("role", QStringLiteral("title"));
    auto field = [this](const char *name, bool secret) {
        auto *edit = new QLineEdit;
        edit->setObjectName(QLatin1String(name));
        if (secret) {
            edit->setEchoMode(QLineEdit::Password);
            edit->setMaxLength(8);
        }
        return edit;
    };
    m_name = field("registerName", false);
    m_contact = field("registerContact", false);
    m_pin = field("registerPin", true);
    m_repeat = field("registerPinAgain", true);
    TouchKeyboard::setFieldKind(m_name, TouchKeyboard::FieldKind::Name);
    TouchKeyboard::setFieldKind(m_contact, TouchKeyboard::FieldKind::PhoneOrEmail);
    TouchKeyboard::setFieldKind(m_pin, TouchKeyboard::FieldKind::Pin);
    TouchKeyboard::setFieldKind(m_repeat, TouchKeyboard::FieldKind::Pin);
    m_message = new MessageLabel(3);   // room for a refusal: the form does not move
    m_message->setObjectName(QStringLiteral("registerMessage"));
    m_message->setProperty("role", QStringLiteral("warning"));
    m_keyboard = new TouchKeyboard(this);
    m_submit = new QPushButton;
    m_submit->setObjectName(QStringLiteral("registerSubmit"));
    m_submit->setProperty("role", QStringLiteral("primary"));
    m_back = new QPushButton;
    m_back->setObjectName(QStringLiteral("registerBack"));

    auto *form = new QFormLayout;
    m_nameLabel = new QLabel;
    m_contactLabel = new QLabel;
    m_pinLabel = new QLabel;
    m_repeatLabel = new QLabel;
    for (QLabel *label : { m_title, m_nameLabel, m_contactLabel, m_pinLabel, m_repeatLabel })
        label->setWordWrap(true);   // "Telefon oder E-Mail": the words wrap, nothing is cut
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_contactLabel, m_contact);
    form->addRow(m_pinLabel, m_pin);
    form->addRow(m_repeatLabel, m_repeat);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addStretch();
    buttons->addWidget(m_submit);
    auto *left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(m_message);
    left->addStretch();
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addWidget(m_keyboard, 0, Qt::AlignTop);   // its own width; the form takes the rest
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(columns, 1);
    layout->addLayout(buttons);
    connect(m_keyboard, &TouchKeyboard::submitted, this, &RegisterPage::submit);
    connect(m_submit, &QPushButton::clicked, this, &RegisterPage::submit);
    connect(m_back, &QPushButton::clicked, this, &RegisterPage::backRequested);
    retranslate();
}

void RegisterPage::reset()
{
    for (QLineEdit *edit : { m_name, m_contact, m_pin, m_repeat })
        edit->clear();
    m_message->clear();
    m_keyboard->setTarget(m_name);
    m_name->setFocus();
}

void RegisterPage::setMessage(const QString &text)
{
    m_message->setText(text);
}

void RegisterPage::submit()
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{4,8}$"));
    if (m_name->text().trimmed().isEmpty()) {
        setMessage(tr("Please type your name."));
        return;
    }
    if (!digits.match(m_pin->text()).hasMatch()) {
        setMessage(tr("Your PIN needs 4 to 8 digits."));
        return;
    }
    if (m_pin->text() != m_repeat->text()) {
        setMessage(tr("The two PINs differ. Please type the same PIN twice."));
        return;
    }
    Q_EMIT registerRequested({ m_name->text().simplified(), m_contact->text().trimmed(), m_pin->text() });
}

void RegisterPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RegisterPage::retranslate()
{
    m_title->setText(tr("Register as a new customer"));
    m_nameLabel->setText(tr("Name"));
    m_contactLabel->setText(tr("Phone or e-mail"));
    m_pinLabel->setText(tr("PIN (4 to 8 digits)"));
    m_repeatLabel->setText(tr("PIN again"));
    m_submit->setText(tr("Register"));
    m_back->setText(tr("Back"));
}

} // namespace Keepsake
