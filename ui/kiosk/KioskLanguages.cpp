// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KioskLanguages.h"

#include <QLocale>
#include <QRegularExpression>

namespace Keepsake {

QString languageEndonym(const QString &language)
{
    const QString code = language.section(QLatin1Char('_'), 0, 0).toLower();
    // The kiosk's languages by their own names; these are not translated.
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    if (code == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (code == QLatin1String("ja"))
        return QStringLiteral("日本語");
    // Another translation added later: its language's own name, without a country.
    QString name = QLocale(code).nativeLanguageName();
    if (name.isEmpty())
        return code;
    name[0] = name[0].toUpper();
    return name;
}

QString dateInWords(const QDate &date)
{
    static const QRegularExpression weekday(QStringLiteral("\\s*,?\\s*dddd\\s*,?\\s*"));
    const QLocale locale;
    QString format = locale.dateFormat(QLocale::LongFormat);
    const qsizetype at = format.indexOf(QLatin1String("dddd"));
    format.replace(weekday, at > 0 && at + 4 < format.size() ? QStringLiteral(" ") : QString());
    return locale.toString(date, format.trimmed());
}

} // namespace Keepsake
