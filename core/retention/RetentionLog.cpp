// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetentionLog.h"

Q_LOGGING_CATEGORY(lcRetention, "keepsake.core.retention", QtWarningMsg)
