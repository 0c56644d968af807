// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabLog.h"

Q_LOGGING_CATEGORY(lcLab, "keepsake.core.lab", QtWarningMsg)
