// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FileInspector.h"

#include <QHash>
#include <QString>

namespace Keepsake {

// The files of a hand-in that a device took in over the network before the hand-in
// runs (HandinReception), by their path relative to the spool: each verified by its
// SHA-256 as it arrived, and a file that came in one piece also looked at then, while
// its bytes were in memory. The hand-in takes them as they are: it neither hashes
// them again nor, for those looked at, reads them (their MD5 is left to the first burn).
struct ArrivedFiles
{
    QHash<QString, QString> sha256;
    QHash<QString, InspectedFile> inspected;   // without their bytes
};

} // namespace Keepsake
