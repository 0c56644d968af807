// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLineEdit>
#include <QPointer>
#include <QString>


namespace Keepsake {

// The kana typed into a field since the last commit: what kana-to-kanji conversion
// replaces. The kana stand in the field itself (what a customer sees is what the
// field holds); the composer remembers where, and forgets them as soon as the field
// was changed another way (a tap elsewhere in it, a cleared field). Also the kana's
// own rules: voiced and small forms, hiragana and katakana.
class KanaComposer
{
public:
    // Types kana at the field's cursor, going on with the composition when it is there.
    void type(QLineEdit *field, const QString &kana);
    // Backspace in the field; the composition loses its last kana.
    void backspace(QLineEdit *field);
    // Replaces the kana before the cursor by `next(kana)` (voiced or small form).
    // False when the character before the cursor has no such form.
    bool changeLast(QLineEdit *field, QChar (*next)(QChar));
    // Replaces the composed kana in the field by `text` and ends the composition.
    void commit(QLineEdit *field, const QString &text);
    // Ends the composition, leaving the kana in the field as they are.
    void clear();

    // The kana composed in this field so far; empty when there are none.
    QString composing(const QLineEdit *field) const;

    // か→が→か, は→ば→ぱ→は, う→ゔ (katakana alike); others unchanged.
    static QChar voiced(QChar kana);
    // つ→っ→つ, や→ゃ, あ→ぁ, わ→ゎ (katakana alike); others unchanged.
    static QChar small(QChar kana);
    static QString toKatakana(const QString &hiragana);
    static QString toHiragana(const QString &katakana);
    static bool isKana(QChar c);

private:
    bool holds(const QLineEdit *field) const;

    QPointer<const QLineEdit> m_field;
    qsizetype m_start = 0;
    QString m_kana;
};

} // namespace Keepsake
