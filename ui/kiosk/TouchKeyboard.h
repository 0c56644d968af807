// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KanaComposer.h"
#include "KeyboardLayouts.h"

#include <QElapsedTimer>
#include <QMap>
#include <QLineEdit>
#include <QPointer>
#include <QWidget>

#include <memory>

class QPushButton;
class QStackedWidget;

namespace Keepsake {

class CandidateBar;
class KanaConverter;
class KeyPanel;

// The kiosk's on-screen keyboard for the fields of one page (its form): German with
// umlauts, English, Japanese kana with conversion to kanji, symbols, and number pads
// for PINs and phone numbers. It types into the focused field of its form and shows
// the keys that field asks for by its input method hints (setFieldKind sets them).
// Next moves on to the form's next field; OK on the last one emits submitted().
//
//     auto *keyboard = new TouchKeyboard(this);           // in a page's constructor
//     TouchKeyboard::setFieldKind(m_phone, TouchKeyboard::FieldKind::Phone);
//     connect(keyboard, &TouchKeyboard::submitted, this, &Page::submit);
class TouchKeyboard : public QWidget
{
    Q_OBJECT

public:
    // What a field holds, and so which keys it gets.
    enum class FieldKind {
        Text,           // letters of the interface language, switchable (album names)
        Name,           // letters, the first of each word a capital
        Email,          // Latin letters with @ at hand
        Phone,          // the phone pad: 0-9, + and space
        PhoneOrEmail,   // the phone pad, with a key to the letters
        Pin,            // the digits pad only
        Code,           // the digits pad, with a key to the letters (customer codes)
    };
    static void setFieldKind(QLineEdit *field, FieldKind kind);

    // `form`: the page whose fields the keyboard serves; it becomes the parent.
    explicit TouchKeyboard(QWidget *form);
    ~TouchKeyboard() override;

    // The field typed into; set by the focus, or here.
    void setTarget(QLineEdit *field);
    QLineEdit *target() const { return m_target; }

    // The keys shown (a text layout, symbols or a number pad) and the text layout the
    // customer chose (by default the interface language's).
    KeyboardLayout::Id currentLayout() const;
    KeyboardLayout::Id textLayout() const { return m_textLayout; }
    void setTextLayout(KeyboardLayout::Id id);
    // A key of the keys shown, by object name ("key-ö", "key-shift", "key-enter").
    QPushButton *key(const QString &name) const;
    CandidateBar *candidateBar() const { return m_candidates; }
    bool isShifted() const { return m_shift != Shift::Off; }
    bool isCapsLocked() const { return m_shift == Shift::Locked; }

Q_SIGNALS:
    // OK on the form's last field.
    void submitted();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    enum class Shift { Off, Once, Locked };

    void buildPanels();
    KeyPanel *panel(KeyboardLayout::Id id) const { return m_panels.value(id); }
    KeyPanel *currentPanel() const;
    void showLayout(KeyboardLayout::Id id);
    void followField();
    void followFocus(QWidget *now);
    bool latinOnly() const;
    QLineEdit *field();
    QLineEdit *nextField() const;
    void type(const QString &text);
    void act(KeySpec::Action action);
    void backspace();
    void enter();
    void nextTextLayout();
    void tapShift();
    void setShift(Shift shift);
    void autoShift();
    void commitComposing();
    void updateCandidates();
    void retranslate();

    QWidget *m_form = nullptr;
    QPointer<QLineEdit> m_target;
    QStackedWidget *m_stack = nullptr;
    QMap<KeyboardLayout::Id, KeyPanel *> m_panels;
    CandidateBar *m_candidates = nullptr;
    KeyboardLayout::Id m_textLayout = KeyboardLayout::Id::English;
    Shift m_shift = Shift::Off;
    QElapsedTimer m_lastShiftTap;
    bool m_katakana = false;
    KanaComposer m_composer;
    std::unique_ptr<KanaConverter> m_converter;   // opened with the first kana
};

} // namespace Keepsake
