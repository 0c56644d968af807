// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetLog.h"

Q_LOGGING_CATEGORY(lcNet, "keepsake.core.net", QtWarningMsg)
