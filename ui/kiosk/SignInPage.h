// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Keepsake {

class TouchKeyboard;

// Customer code and PIN, typed on the on-screen keyboard.
class SignInPage : public QWidget
{
    Q_OBJECT

public:
    explicit SignInPage(QWidget *parent = nullptr);

    void reset();
    void setMessage(const QString &text);
    QString message() const;
    // A customer who has just registered: their code shown large as a success, with
    // Print, and filled in; the PIN field takes the typing.
    void welcomeNewCustomer(const QString &name, const QString &code);

Q_SIGNALS:
    void signInRequested(const QString &code, const QString &pin);
    void backRequested();
    void printRequested(const QString &name, const QString &code);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildMessages();
    void retranslate();
    void submit();
    void focusField(QLineEdit *field);

    QLabel *m_title = nullptr;
    QLabel *m_codeLabel = nullptr;
    QLabel *m_pinLabel = nullptr;
    QLineEdit *m_code = nullptr;
    QLineEdit *m_pin = nullptr;
    QLabel *m_message = nullptr;
    QWidget *m_welcome = nullptr;    // after a registration
    QLabel *m_welcomeText = nullptr;
    QLabel *m_welcomeCode = nullptr;
    QPushButton *m_print = nullptr;
    QString m_newName;
    QPushButton *m_back = nullptr;
    TouchKeyboard *m_keyboard = nullptr;
};

} // namespace Keepsake
