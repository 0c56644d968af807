// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscLog.h"

Q_LOGGING_CATEGORY(lcDisc, "keepsake.core.disc", QtWarningMsg)
