// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KanaComposer.h"

#include <QLineEdit>
#include <QStringList>

namespace Keepsake {

namespace {

// Hiragana and katakana lie 0x60 apart in Unicode, from ぁ/ァ to ゖ/ヶ.
constexpr char16_t HiraganaFirst = 0x3041;
constexpr char16_t HiraganaLast = 0x3096;
constexpr char16_t KatakanaOffset = 0x60;

// Each group is one kana's forms, in the order a tap of the key goes through them.
const QStringList &voicedGroups()
{
    static const QStringList groups = {
        QStringLiteral("かが"), QStringLiteral("きぎ"), QStringLiteral("くぐ"), QStringLiteral("けげ"),
        QStringLiteral("こご"), QStringLiteral("さざ"), QStringLiteral("しじ"), QStringLiteral("すず"),
        QStringLiteral("せぜ"), QStringLiteral("そぞ"), QStringLiteral("ただ"), QStringLiteral("ちぢ"),
        QStringLiteral("つづ"), QStringLiteral("てで"), QStringLiteral("とど"), QStringLiteral("はばぱ"),
        QStringLiteral("ひびぴ"), QStringLiteral("ふぶぷ"), QStringLiteral("へべぺ"), QStringLiteral("ほぼぽ"),
        QStringLiteral("うゔ"),
    };
    return groups;
}

const QStringList &smallGroups()
{
    static const QStringList groups = {
        QStringLiteral("あぁ"), QStringLiteral("いぃ"), QStringLiteral("うぅ"), QStringLiteral("えぇ"),
        QStringLiteral("おぉ"), QStringLiteral("やゃ"), QStringLiteral("ゆゅ"), QStringLiteral("よょ"),
        QStringLiteral("つっ"), QStringLiteral("わゎ"), QStringLiteral("かゕ"), QStringLiteral("けゖ"),
    };
    return groups;
}

QChar nextInGroup(const QStringList &groups, QChar kana)
{
    const bool katakana = kana.unicode() >= HiraganaFirst + KatakanaOffset
                          && kana.unicode() <= HiraganaLast + KatakanaOffset;
    const QChar hiragana = katakana ? QChar(char16_t(kana.unicode() - KatakanaOffset)) : kana;
    for (const QString &group : groups) {
        const qsizetype at = group.indexOf(hiragana);
        if (at < 0)
            continue;
        const QChar next = group.at((at + 1) % group.size());
        return katakana ? QChar(char16_t(next.unicode() + KatakanaOffset)) : next;
    }
    return kana;
}

QString shifted(const QString &text, char16_t from, char16_t to, int offset)
{
    QString result = text;
    for (QChar &c : result) {
        if (c.unicode() >= from && c.unicode() <= to)
            c = QChar(char16_t(c.unicode() + offset));
    }
    return result;
}

} // namespace

bool KanaComposer::holds(const QLineEdit *field) const
{
    return field && m_field == field && !m_kana.isEmpty() && !field->hasSelectedText()
           && field->cursorPosition() == m_start + m_kana.size()
           && QStringView(field->text()).mid(m_start, m_kana.size()) == m_kana;
}

QString KanaComposer::composing(const QLineEdit *field) const
{
    return holds(field) ? m_kana : QString();
}

void KanaComposer::type(QLineEdit *field, const QString &kana)
{
    const QString before = holds(field) ? m_kana : QString();
    field->insert(kana);
    // Kept only when the field took the kana (its maximum length or validator may refuse).
    const QString now = before + kana;
    const qsizetype start = field->cursorPosition() - now.size();
    if (start >= 0 && QStringView(field->text()).mid(start, now.size()) == now) {
        m_field = field;
        m_start = start;
        m_kana = now;
    } else {
        clear();
    }
}

void KanaComposer::backspace(QLineEdit *field)
{
    const bool composing = holds(field);
    field->backspace();
    if (composing) {
        m_kana.chop(1);
        if (!holds(field))
            clear();
    }
}

bool KanaComposer::changeLast(QLineEdit *field, QChar (*next)(QChar))
{
    const qsizetype cursor = field->cursorPosition();
    if (cursor == 0 || field->hasSelectedText())
        return false;
    const QChar last = field->text().at(cursor - 1);
    const QChar changed = next(last);
    if (changed == last)
        return false;
    const bool composing = holds(field);
    field->backspace();
    field->insert(QString(changed));
    if (composing) {
        m_kana.back() = changed;
        if (!holds(field))
            clear();
    }
    return true;
}

void KanaComposer::commit(QLineEdit *field, const QString &text)
{
    if (holds(field)) {
        field->setSelection(int(m_start), int(m_kana.size()));
        field->insert(text);
    }
    clear();
}

void KanaComposer::clear()
{
    m_field = nullptr;
    m_start = 0;
    m_kana.clear();
}

QChar KanaComposer::voiced(QChar kana)
{
    return nextInGroup(voicedGroups(), kana);
}

QChar KanaComposer::small(QChar kana)
{
    return nextInGroup(smallGroups(), kana);
}

QString KanaComposer::toKatakana(const QString &hiragana)
{
    return shifted(hiragana, HiraganaFirst, HiraganaLast, KatakanaOffset);
}

QString KanaComposer::toHiragana(const QString &katakana)
{
    return shifted(katakana, HiraganaFirst + KatakanaOffset, HiraganaLast + KatakanaOffset, -KatakanaOffset);
}

bool KanaComposer::isKana(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= HiraganaFirst && u <= HiraganaLast + KatakanaOffset) || u == 0x30FC;   // ー
}

} // namespace Keepsake
