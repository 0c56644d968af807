// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The touch keyboard's layouts as tables: a row is a line of keys separated by spaces.
// A plain key types its text; {name} or {name:span} is an action key; every key is two
// half-key units wide unless a span says otherwise.
#include "KeyboardLayouts.h"

#include <QStringList>

namespace Keepsake::KeyboardLayouts {

namespace {

struct LayoutTable
{
    KeyboardLayout::Id id;
    const char *name;   // UTF-8; not translated: the language's own name
    int keyHeight;
    QStringList rows;
};

QList<LayoutTable> tables()
{
    using Id = KeyboardLayout::Id;
    return {
        { Id::German, "Deutsch", 64,
          { QStringLiteral("q w e r t z u i o p ü"),
            QStringLiteral("a s d f g h j k l ö ä"),
            QStringLiteral("{shift:3} y x c v b n m ß {back:3}"),
            QStringLiteral("{symbols:3} {layout:4} - {space:5} . @ {enter:4}") } },
        { Id::English, "English", 64,
          { QStringLiteral("q w e r t y u i o p"),
            QStringLiteral("{gap:1} a s d f g h j k l {gap:1}"),
            QStringLiteral("{shift:3} z x c v b n m {back:3}"),
            QStringLiteral("{symbols:3} {layout:4} - {space:4} . @ {enter:3}") } },
        { Id::Kana, "日本語", 52,
          { QStringLiteral("あ か さ た な は ま や ら わ ゃ {back:4}"),
            QStringLiteral("い き し ち に ひ み {gap} り を ゅ {voiced:4}"),
            QStringLiteral("う く す つ ぬ ふ む ゆ る ん ょ {small:4}"),
            QStringLiteral("え け せ て ね へ め {gap} れ ー っ {script:4}"),
            QStringLiteral("お こ そ と の ほ も よ ろ 、 。 {gap:4}"),
            QStringLiteral("{symbols:4} {layout:5} {space:11} {enter:6}") } },
        { Id::Symbols, "?123", 64,
          { QStringLiteral("1 2 3 4 5 6 7 8 9 0"),
            QStringLiteral("+ - . , @ _ ' / & :"),
            QStringLiteral("{gap:3} ( ) ! ? # \" € {back:3}"),
            QStringLiteral("{letters:4} {layout:4} {space:8} {enter:4}") } },
        { Id::Digits, "123", 72,
          { QStringLiteral("1 2 3 {back}"),
            QStringLiteral("4 5 6 {gap}"),
            QStringLiteral("7 8 9 {gap}"),
            QStringLiteral("{letters} 0 {enter:4}") } },
        { Id::Phone, "+123", 72,
          { QStringLiteral("1 2 3 {back}"),
            QStringLiteral("4 5 6 +"),
            QStringLiteral("7 8 9 {space}"),
            QStringLiteral("{letters} 0 {enter:4}") } },
    };
}

KeySpec::Action actionNamed(QStringView name)
{
    using Action = KeySpec::Action;
    static constexpr struct { const char *name; Action action; } actions[] = {
        { "shift", Action::Shift },     { "back", Action::Backspace }, { "space", Action::Space },
        { "enter", Action::Enter },     { "layout", Action::Layout },  { "symbols", Action::Symbols },
        { "letters", Action::Letters }, { "voiced", Action::Voiced },  { "small", Action::Small },
        { "script", Action::Script },   { "gap", Action::Gap },
    };
    for (const auto &entry : actions) {
        if (name == QLatin1String(entry.name))
            return entry.action;
    }
    Q_ASSERT_X(false, "KeyboardLayouts", "an unknown action in a layout table");
    return Action::Gap;
}

KeySpec parseKey(const QString &token)
{
    KeySpec key;
    if (token.size() < 3 || !token.startsWith(QLatin1Char('{')) || !token.endsWith(QLatin1Char('}'))) {
        key.text = token;
        return key;
    }
    const QStringView inner = QStringView(token).mid(1, token.size() - 2);
    const qsizetype colon = inner.indexOf(QLatin1Char(':'));
    key.action = actionNamed(colon < 0 ? inner : inner.left(colon));
    if (colon >= 0)
        key.span = inner.mid(colon + 1).toInt();
    return key;
}

} // namespace

KeyboardLayout layout(KeyboardLayout::Id id)
{
    KeyboardLayout result;
    for (const LayoutTable &table : tables()) {
        if (table.id != id)
            continue;
        result.id = id;
        result.name = QString::fromUtf8(table.name);
        result.keyHeight = table.keyHeight;
        for (const QString &row : table.rows) {
            QList<KeySpec> keys;
            for (const QString &token : row.split(QLatin1Char(' '), Qt::SkipEmptyParts))
                keys.append(parseKey(token));
            result.rows.append(keys);
        }
    }
    return result;
}

QList<KeyboardLayout::Id> textLayouts()
{
    return { KeyboardLayout::Id::German, KeyboardLayout::Id::English, KeyboardLayout::Id::Kana };
}

KeyboardLayout::Id forLanguage(const QString &language)
{
    if (language.startsWith(QLatin1String("de")))
        return KeyboardLayout::Id::German;
    if (language.startsWith(QLatin1String("ja")))
        return KeyboardLayout::Id::Kana;
    return KeyboardLayout::Id::English;
}

} // namespace Keepsake::KeyboardLayouts
