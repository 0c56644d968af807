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

Q_SIGNALS:
    void signInRequested(const QString &code, const QString &pin);
    void backRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void submit();
    void focusField(QLineEdit *field);

    QLabel *m_title = nullptr;
    QLabel *m_codeLabel = nullptr;
    QLabel *m_pinLabel = nullptr;
    QLineEdit *m_code = nullptr;
    QLineEdit *m_pin = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_back = nullptr;
    TouchKeyboard *m_keyboard = nullptr;
};

} // namespace Keepsake
