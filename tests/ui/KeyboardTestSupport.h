// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Typing as a customer does: by tapping the keys of the kiosk's touch keyboard.
#pragma once

#include "kiosk/TouchKeyboard.h"

#include <QPushButton>
#include <QTest>
#include <QWidget>

namespace Keepsake::Test {

// The touch keyboard of a page (each page that asks for text has one).
inline TouchKeyboard *keyboardOf(QWidget *page)
{
    return page ? page->findChild<TouchKeyboard *>() : nullptr;
}

// Taps a key of the keys shown; false when there is no such key in sight.
inline bool tapKey(TouchKeyboard *keyboard, const QString &name)
{
    QPushButton *key = keyboard ? keyboard->key(name) : nullptr;
    if (!key || !key->isVisible() || !key->isEnabled())
        return false;
    QTest::mouseClick(key, Qt::LeftButton);
    return true;
}

inline QString keyName(QChar c)
{
    return c == QLatin1Char(' ') ? QStringLiteral("key-space") : QStringLiteral("key-") + c;
}

// Types `text` key by key: capitals with shift (unless it is on), small letters with
// shift off, digits and symbols on the symbols page and back. False at the first
// character without a key.
inline bool typeOnKeyboard(TouchKeyboard *keyboard, const QString &text)
{
    for (const QChar c : text) {
        const bool cased = c.toLower() != c.toUpper();
        const QString name = keyName(cased ? c.toLower() : c);
        if (!keyboard->key(name))   // on the other page
            tapKey(keyboard, QStringLiteral("key-symbols")) || tapKey(keyboard, QStringLiteral("key-letters"));
        if (cased && keyboard->isShifted() != c.isUpper() && !tapKey(keyboard, QStringLiteral("key-shift")))
            return false;
        if (!tapKey(keyboard, name)) {
            qWarning("No key for \"%s\" on the keyboard", qPrintable(QString(c)));
            return false;
        }
    }
    return true;
}

} // namespace Keepsake::Test
