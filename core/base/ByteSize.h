// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

namespace Keepsake {

// A size for people, in SI units and the current locale: "1.2 GB", "350 MB", "12 KB".
// The command line and the windows both show sizes this way.
QString formatBytes(qint64 bytes);

} // namespace Keepsake
