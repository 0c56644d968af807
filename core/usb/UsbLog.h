// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// keepsake.core.usb, with libgphoto2's own log below it; enable debug output with
// QT_LOGGING_RULES="keepsake.core.usb.debug=true" (libgphoto2's debug log then too).
Q_DECLARE_LOGGING_CATEGORY(lcUsb)
