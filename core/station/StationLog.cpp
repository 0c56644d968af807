// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StationLog.h"

Q_LOGGING_CATEGORY(lcStation, "keepsake.core.station", QtWarningMsg)
