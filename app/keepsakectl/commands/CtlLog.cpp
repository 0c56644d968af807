// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CtlLog.h"

Q_LOGGING_CATEGORY(lcCtl, "keepsake.core.ctl", QtWarningMsg)
