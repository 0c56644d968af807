// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

namespace Keepsake {

// A language's name in that language, as a button that offers it says it: "English",
// "Deutsch", "日本語" — the same in every interface language, and without a country
// (QLocale's native name of "en" is "American English").
QString languageEndonym(const QString &language);

// A date as people say it, in the kiosk's language and without the weekday: "12 June
// 2026", "12. Juni 2026", "2026年6月12日" (the locale's long format less its weekday).
QString dateInWords(const QDate &date);

} // namespace Keepsake
