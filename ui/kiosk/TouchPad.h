// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLineEdit>
#include <QPointer>
#include <QWidget>


class QPushButton;

namespace Keepsake {

// The kiosk's on-screen keys: a number pad for codes and PINs, or letters and digits
// for names and addresses. Keys type into the target field; no physical keyboard needed.
class TouchPad : public QWidget
{
    Q_OBJECT

public:
    enum class Layout { Digits, Letters };
    explicit TouchPad(Layout layout, QWidget *parent = nullptr);

    void setTarget(QLineEdit *target);
    QLineEdit *target() const { return m_target; }

Q_SIGNALS:
    void entered();

protected:
    void changeEvent(QEvent *event) override;

private:
    QPushButton *key(const QString &name, const QString &text);
    void type(const QString &text);
    void backspace();
    void retranslate();

    QPointer<QLineEdit> m_target;
    QPushButton *m_back = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_space = nullptr;
};

} // namespace Keepsake
