// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WelcomePage.h"

#include "KioskLanguages.h"
#include "base/Translations.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keepsake {

WelcomePage::WelcomePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("welcomeTitle"));
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setProperty("role", QStringLiteral("title"));
    m_title->setWordWrap(true);
    m_hint = new QLabel;
    m_hint->setObjectName(QStringLiteral("welcomeHint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_signIn = new QPushButton;
    m_signIn->setObjectName(QStringLiteral("startButton"));
    m_signIn->setProperty("role", QStringLiteral("primary"));
    m_register = new QPushButton;
    m_register->setObjectName(QStringLiteral("registerButton"));

    auto *languages = new QHBoxLayout;
    languages->addStretch();
    m_languages = new QButtonGroup(this);
    m_languages->setExclusive(true);
    QStringList available = Translations::available();
    available.removeDuplicates();   // English has a file of its own for plural forms
    for (const QString &language : std::as_const(available)) {
        auto *button = new QPushButton(languageEndonym(language));
        button->setObjectName(QStringLiteral("language_%1").arg(language));
        button->setCheckable(true);
        button->setProperty("language", language);
        m_languages->addButton(button);
        connect(button, &QPushButton::clicked, this, [this, language] { Q_EMIT languageChosen(language); });
        languages->addWidget(button);
    }
    languages->addStretch();

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_signIn);
    buttons->addWidget(m_register);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(m_title);
    layout->addSpacing(24);
    layout->addWidget(m_hint);
    layout->addSpacing(48);
    layout->addLayout(buttons);
    layout->addStretch(3);
    layout->addLayout(languages);
    connect(m_signIn, &QPushButton::clicked, this, &WelcomePage::signInRequested);
    connect(m_register, &QPushButton::clicked, this, &WelcomePage::registerRequested);
    retranslate();
}

void WelcomePage::setLabName(const QString &name)
{
    m_labName = name;
    retranslate();
}

void WelcomePage::setCardNoticed(bool noticed)
{
    m_cardNoticed = noticed;
    retranslate();
}

void WelcomePage::setCameraNoticed(bool noticed)
{
    m_cameraNoticed = noticed;
    retranslate();
}

void WelcomePage::setActiveLanguage(const QString &language)
{
    for (QAbstractButton *button : m_languages->buttons())
        button->setChecked(button->property("language").toString() == language);
}

void WelcomePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void WelcomePage::retranslate()
{
    m_title->setText(tr("Welcome to %1").arg(m_labName));
    if (m_cardNoticed)
        m_hint->setText(tr("Your card is ready. Sign in with your customer code and PIN to hand in its photos."));
    else if (m_cameraNoticed)
        m_hint->setText(tr("Your camera or phone is connected. Sign in with your customer code and PIN to hand in "
                           "its photos."));
    else
        m_hint->setText(tr("Insert a memory card or USB stick, or sign in to see your albums."));
    m_signIn->setText(tr("Sign in"));
    m_register->setText(tr("New customer"));
}

} // namespace Keepsake
