// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KioskLog.h"

Q_LOGGING_CATEGORY(lcKiosk, "keepsake.ui.kiosk", QtWarningMsg)
