// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Keepsake {

// A language's name in that language, as a button that offers it says it: "English",
// "Deutsch", "日本語" — the same in every interface language, and without a country
// (QLocale's native name of "en" is "American English").
QString languageEndonym(const QString &language);

} // namespace Keepsake
