// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NotifyLog.h"

Q_LOGGING_CATEGORY(lcNotify, "keepsake.core.notify", QtWarningMsg)
