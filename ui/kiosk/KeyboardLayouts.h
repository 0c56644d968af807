// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Keepsake {

// One key of the kiosk's touch keyboard: a character it types, or what it does.
struct KeySpec
{
    enum class Action {
        Type,        // types `text`
        Shift,       // the next letter capital; twice or held: caps lock
        Backspace,
        Space,
        Enter,       // Next field, or OK on the last one
        Layout,      // the next text layout (German, English, Japanese)
        Symbols,     // the digits and symbols page
        Letters,     // back to the text layout
        Voiced,      // ゛゜: か→が, は→ば→ぱ
        Small,       // 小: つ→っ, や→ゃ
        Script,      // hiragana ⇄ katakana
        Gap,         // an empty place
    };
    Action action = Action::Type;
    QString text;
    int span = 2;   // in half keys: rows can be offset by half a key
};

// A page of keys, in rows. Which page a field gets follows its input method hints.
struct KeyboardLayout
{
    enum class Id { German, English, Kana, Symbols, Digits, Phone };
    Id id = Id::English;
    QString name;         // on the layout key: the language's own name
    int keyHeight = 64;   // px; number pads have larger keys
    QList<QList<KeySpec>> rows;

    bool isText() const { return id == Id::German || id == Id::English || id == Id::Kana; }
    bool isNumberPad() const { return id == Id::Digits || id == Id::Phone; }
};

namespace KeyboardLayouts {

// The layout read from its table (KeyboardLayouts.cpp).
KeyboardLayout layout(KeyboardLayout::Id id);
// The text layouts, in the order the layout key goes through them.
QList<KeyboardLayout::Id> textLayouts();
// The text layout for an interface language ("de", "ja", anything else: English).
KeyboardLayout::Id forLanguage(const QString &language);

} // namespace KeyboardLayouts

} // namespace Keepsake
