// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Keepsake {

struct AlbumSummary;

// Why an album expires when it does, in words a clerk can read out:
// "expires on 5 Jan 2027: rule 'Standard 90 days', handed in on 7 Oct 2026".
QString expiryReasonText(const AlbumSummary &album);

} // namespace Keepsake
