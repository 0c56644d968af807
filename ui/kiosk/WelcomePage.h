// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QButtonGroup;
class QLabel;
class QPushButton;

namespace Keepsake {

// The kiosk's first screen: the lab's greeting, the language buttons, sign in and
// register. The screen every session returns to.
class WelcomePage : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setLabName(const QString &name);
    void setCardNoticed(bool noticed);
    void setCameraNoticed(bool noticed);   // a camera or phone on USB
    // The language the kiosk speaks now: its button shows as chosen.
    void setActiveLanguage(const QString &language);
    QString labName() const { return m_labName; }

Q_SIGNALS:
    void languageChosen(const QString &language);
    void signInRequested();
    void registerRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QString m_labName;
    bool m_cardNoticed = false;
    bool m_cameraNoticed = false;
    QLabel *m_title = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_register = nullptr;
    QButtonGroup *m_languages = nullptr;
};

} // namespace Keepsake
