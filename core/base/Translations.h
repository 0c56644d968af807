// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTranslator>

#include <memory>

namespace Keepsake {

// Keepsake's own translations (embedded at :/i18n) and Qt's, for one language. The
// object keeps the translators installed while it lives; install() again switches
// the language (the kiosk's welcome page does).
class Translations
{
public:
    Translations();
    ~Translations();

    // "de", "de_DE", "ja"... Falls back to English source text.
    bool install(const QString &language);
    QString language() const { return m_language; }

    static QStringList available();   // "en", "de", "ja"
    // Keepsake's own translator of one language ("de", "de_DE"; empty: English), for
    // texts worded for someone else than the program's user (a mail, a web page); null
    // when Keepsake has no such translation.
    static std::shared_ptr<QTranslator> forLanguage(const QString &language);

private:
    void remove();

    std::unique_ptr<QTranslator> m_keepsake;
    std::unique_ptr<QTranslator> m_qt;
    QString m_language;
};

} // namespace Keepsake
