// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageBox.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>

namespace Keepsake {

namespace {

// The answer given in advance by a test, and what the last box said. Only the GUI
// thread shows boxes, so plain state of this file is enough.
struct Hook
{
    QMessageBox::StandardButton nextAnswer = QMessageBox::NoButton;
    QString lastText;
    std::optional<int> nextNumber;
    std::optional<QString> nextFile;
    std::optional<std::optional<QString>> nextText;
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

void MessageBox::setNextNumber(int value)
{
    hook().nextNumber = value;
}

void MessageBox::setNextFile(const QString &path)
{
    hook().nextFile = path;
}

void MessageBox::setNextText(std::optional<QString> text)
{
    hook().nextText = std::move(text);
}

std::optional<QString> MessageBox::text(QWidget *parent, const QString &title, const QString &label,
                                        const QString &value)
{
    hook().lastText = label;
    if (hook().nextText)
        return *std::exchange(hook().nextText, std::nullopt);
    bool ok = false;
    const QString chosen = QInputDialog::getText(parent, title, label, QLineEdit::Normal, value, &ok);
    return ok ? std::optional<QString>(chosen) : std::nullopt;
}

std::optional<int> MessageBox::number(QWidget *parent, const QString &title, const QString &label, int value,
                                      int minimum, int maximum)
{
    hook().lastText = label;
    if (hook().nextNumber)
        return std::exchange(hook().nextNumber, std::nullopt);
    bool ok = false;
    const int chosen = QInputDialog::getInt(parent, title, label, value, minimum, maximum, 1, &ok);
    return ok ? std::optional<int>(chosen) : std::nullopt;
}

QString MessageBox::fileToWrite(QWidget *parent, const QString &title, const QString &filter)
{
    if (hook().nextFile)
        return *std::exchange(hook().nextFile, std::nullopt);
    return QFileDialog::getSaveFileName(parent, title, QString(), filter, nullptr, QFileDialog::DontConfirmOverwrite);
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
