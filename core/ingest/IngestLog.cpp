// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestLog.h"

Q_LOGGING_CATEGORY(lcIngest, "keepsake.core.ingest", QtWarningMsg)
