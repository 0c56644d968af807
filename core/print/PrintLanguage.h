// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QLocale>
#include <QString>
#include <QTranslator>

#include <memory>

namespace Keepsake {

// The language a print speaks: the customer's where known, else the program's. It
// translates with a translator of its own (:/i18n/keepsake_<lang>.qm), so printing
// for a Japanese customer does not switch the counter's window to Japanese. Texts
// are marked for lupdate by calling translate("Keepsake::Context", "text").
class PrintLanguage
{
public:
    // "ja", "de_AT"...; empty: the program's language and translators.
    explicit PrintLanguage(const QString &language = {});
    ~PrintLanguage();
    PrintLanguage(const PrintLanguage &) = delete;
    PrintLanguage &operator=(const PrintLanguage &) = delete;

    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const;
    const QLocale &locale() const { return m_locale; }

    // A font that has the glyphs of Latin, Cyrillic, Greek and CJK names, with the
    // CJK face of the language first (Japanese names in a Japanese face).
    QFont font(qreal pointSize, bool bold = false) const;

private:
    QLocale m_locale;
    std::unique_ptr<QTranslator> m_translator;   // null: the program's translators
};

} // namespace Keepsake
