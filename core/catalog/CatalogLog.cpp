// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CatalogLog.h"

Q_LOGGING_CATEGORY(lcCatalog, "keepsake.core.catalog", QtWarningMsg)
