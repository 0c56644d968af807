// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CancelToken.h"

#include <QString>

namespace Keepsake {

// A place where a test may hold a job that runs in another process, to do the
// dangerous thing (kill a process, cut a connection, cancel) at exactly that point,
// without sleeping and hoping. Off unless the environment names a folder in
// KEEPSAKE_PAUSE_DIR: then, when the file `DIR/ARM` exists, reach() writes
// `DIR/PAUSED`, waits until ARM is removed or the token is cancelled, and removes
// PAUSED again. Costs one environment lookup when off.
class PausePoint
{
public:
    static bool enabled();
    // Whether a test armed `arm` (so that the caller may show where it is about to hold).
    static bool armed(const QString &arm);
    // Returns whether it paused.
    static bool reach(const QString &arm, const QString &paused, const CancelToken &cancel);
};

} // namespace Keepsake
