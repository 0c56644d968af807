// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Keepsake {

class TouchKeyboard;

// A new customer registers at the kiosk: name, phone or e-mail, and a PIN twice. The
// kiosk gives them a customer code; the clerk confirms the registration at the counter.
class RegisterPage : public QWidget
{
    Q_OBJECT

public:
    explicit RegisterPage(QWidget *parent = nullptr);

    void reset();
    void setMessage(const QString &text);

    struct Form { QString name; QString contact; QString pin; };

Q_SIGNALS:
    void registerRequested(const Keepsake::RegisterPage::Form &form);
    void backRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void submit();

    QLabel *m_title = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_contactLabel = nullptr;
    QLabel *m_pinLabel = nullptr;
    QLabel *m_repeatLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_contact = nullptr;
    QLineEdit *m_pin = nullptr;
    QLineEdit *m_repeat = nullptr;
    QLabel *m_message = nullptr;
    TouchKeyboard *m_keyboard = nullptr;
    QPushButton *m_submit = nullptr;
    QPushButton *m_back = nullptr;
};

} // namespace Keepsake
