// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// keepsake.core.web: the customers' web page and the phones' hand-in (sign-ins, links,
// live notices); enable debug output with QT_LOGGING_RULES="keepsake.core.web.debug=true"
Q_DECLARE_LOGGING_CATEGORY(lcWeb)
