// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MetadataLog.h"

Q_LOGGING_CATEGORY(lcMetadata, "keepsake.core.metadata", QtWarningMsg)
