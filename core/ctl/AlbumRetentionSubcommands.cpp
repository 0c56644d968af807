// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumCommand.h"

namespace Keepsake {

QList<AlbumSubcommand> albumRetentionSubcommands()
{
    return {};
}

} // namespace Keepsake
