// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMessageBox>

#include <optional>

namespace Keepsake {

// Every question and message the windows ask or show goes through here, so that GUI
// tests can give the answer in advance (setNextAnswer) instead of clicking a modal box.
class MessageBox
{
public:
    static QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                                QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
                                                QMessageBox::StandardButton defaultButton = QMessageBox::No);
    static void information(QWidget *parent, const QString &title, const QString &text);
    static void warning(QWidget *parent, const QString &title, const QString &text);
    // A whole number, or nothing when the clerk cancelled.
    static std::optional<int> number(QWidget *parent, const QString &title, const QString &label, int value,
                                     int minimum, int maximum);
    // A file to write (an existing one may be chosen: it is not replaced without asking
    // the caller), or empty when the clerk cancelled.
    static QString fileToWrite(QWidget *parent, const QString &title, const QString &filter);
    // A line of text, or nothing when the clerk cancelled.
    static std::optional<QString> text(QWidget *parent, const QString &title, const QString &label,
                                       const QString &value = {});

    // Test hook: the next box is not shown and returns this answer.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // Test hooks: the next number() or fileToWrite() asks nobody and returns this.
    static void setNextNumber(int value);
    static void setNextFile(const QString &path);
    // Test hook: the next text() asks nobody and returns this (nullopt: cancelled).
    static void setNextText(std::optional<QString> text);
    // Test hook: the text of the last box shown or answered in advance.
    static QString lastText();

private:
    static QMessageBox::StandardButton show(QWidget *parent, QMessageBox::Icon icon, const QString &title,
                                            const QString &text, QMessageBox::StandardButtons buttons,
                                            QMessageBox::StandardButton defaultButton);
};

} // namespace Keepsake
