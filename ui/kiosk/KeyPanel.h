// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyboardLayouts.h"

#include <QHash>
#include <QMap>
#include <QWidget>

class QPushButton;
class QTimer;
class QVBoxLayout;

namespace Keepsake {

// One page of the touch keyboard: the keys of a layout as finger-sized buttons that
// never take the focus from the field. It says which key was tapped; what the key does
// to the field is the keyboard's part (TouchKeyboard).
class KeyPanel : public QWidget
{
    Q_OBJECT

public:
    explicit KeyPanel(const KeyboardLayout &layout, QWidget *parent = nullptr);

    KeyboardLayout::Id id() const { return m_layout.id; }
    const KeyboardLayout &layout() const { return m_layout; }
    // A key of this page by its object name: "key-ö", "key-shift", "key-enter"...
    QPushButton *key(const QString &name) const;
    QPushButton *actionKey(KeySpec::Action action) const { return m_actions.value(action); }
    // A bar above the keys (the kana page's conversion candidates).
    void setTopBar(QWidget *bar);

    // The letters as they would be typed: capitals, or katakana for kana.
    void setCapitals(bool on);
    void setKatakana(bool on);
    void setActionText(KeySpec::Action action, const QString &text, const QString &accessibleName);
    void setActionVisible(KeySpec::Action action, bool visible);

    // The style of the keys (the keyboard applies it to itself).
    static QString styleSheet();

Q_SIGNALS:
    // A character key: its text as in the layout (small letters, hiragana).
    void typed(const QString &text);
    void actionTapped(KeySpec::Action action);
    // The shift key held down: caps lock.
    void shiftHeld();

private:
    QPushButton *makeKey(const KeySpec &spec);
    void relabel();
    void watchHold(QPushButton *shift);

    KeyboardLayout m_layout;
    QVBoxLayout *m_column = nullptr;
    QHash<QString, QPushButton *> m_keys;                 // object name → key
    QHash<QPushButton *, QString> m_typing;               // character key → its layout text
    QMap<KeySpec::Action, QPushButton *> m_actions;
    QTimer *m_hold = nullptr;
    bool m_held = false;
    bool m_capitals = false;
    bool m_katakana = false;
};

} // namespace Keepsake
