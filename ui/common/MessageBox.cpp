// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageBox.h"

namespace Keepsake {

namespace {

// The answer given in advance by a test, and what the last box said. Only the GUI
// thread shows boxes, so plain state of this file is enough.
struct Hook
{
    QMessageBox::StandardButton nextAnswer = QMessageBox::NoButton;
    QString lastText;
};

Hook &hook()
{
    static Hook state;
    return state;
}

} // namespace

void MessageBox::setNextAnswer(QMessageBox::StandardButton answer)
{
    hook().nextAnswer = answer;
}

QString MessageBox::lastText()
{
    return hook().lastText;
}

QMessageBox::StandardButton MessageBox::show(QWidget *parent, QMessageBox::Icon icon, const QString &title,
                                             const QString &text, QMessageBox::StandardButtons buttons,
                                             QMessageBox::StandardButton defaultButton)
{
    hook().lastText = text;
    if (hook().nextAnswer != QMessageBox::NoButton) {
        const QMessageBox::StandardButton answer = hook().nextAnswer;
        hook().nextAnswer = QMessageBox::NoButton;
        return answer;
    }
    QMessageBox box(icon, title, text, buttons, parent);
    box.setObjectName(QStringLiteral("messageBox"));
    box.setDefaultButton(defaultButton);
    return static_cast<QMessageBox::StandardButton>(box.exec());
}

QMessageBox::StandardButton MessageBox::question(QWidget *parent, const QString &title, const QString &text,
                                                 QMessageBox::StandardButtons buttons,
                                                 QMessageBox::StandardButton defaultButton)
{
    return show(parent, QMessageBox::Question, title, text, buttons, defaultButton);
}

void MessageBox::information(QWidget *parent, const QString &title, const QString &text)
{
    show(parent, QMessageBox::Information, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

void MessageBox::warning(QWidget *parent, const QString &title, const QString &text)
{
    show(parent, QMessageBox::Warning, title, text, QMessageBox::Ok, QMessageBox::Ok);
}

} // namespace Keepsake
