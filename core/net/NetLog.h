// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// keepsake.core.net; enable debug output with QT_LOGGING_RULES="keepsake.core.net.debug=true"
Q_DECLARE_LOGGING_CATEGORY(lcNet)
