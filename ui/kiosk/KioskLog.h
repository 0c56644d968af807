// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// keepsake.ui.kiosk; enable debug output with QT_LOGGING_RULES="keepsake.ui.kiosk.debug=true"
Q_DECLARE_LOGGING_CATEGORY(lcKiosk)
