// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "catalog/Albums.h"

namespace Keepsake {

class Lab;

// ALBUM as CLI.md names it: an ID, or a title together with the owner's code.
Result<AlbumSummary> resolveAlbum(Lab &lab, const QString &album, const QString &customerCode);

} // namespace Keepsake
