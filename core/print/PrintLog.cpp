// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintLog.h"

Q_LOGGING_CATEGORY(lcPrint, "keepsake.core.print", QtWarningMsg)
