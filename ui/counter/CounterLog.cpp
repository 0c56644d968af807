// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CounterLog.h"

namespace Keepsake {

Q_LOGGING_CATEGORY(lcCounter, "keepsake.ui.counter", QtWarningMsg)

} // namespace Keepsake
