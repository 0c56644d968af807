// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QMap>
#include <QString>

namespace Keepsake {

class Lab;

// The lab at a glance (`keepsakectl status`, the counter's dashboard).
struct LabOverview
{
    int customers = 0;
    QMap<QString, int> albumsByState;   // "active" → 12, ...
    int photos = 0;
    qint64 storedFiles = 0;
    qint64 storedBytes = 0;
    qint64 freeBytes = -1;              // on the disk holding the store
    int handinsFailed = 0;
    int handinsInterrupted = 0;         // their process died (HandinLiveness)
    int schemaVersion = 0;
    QString catalog;
    QString dataDir;

    static Result<LabOverview> read(const Lab &lab);
};

} // namespace Keepsake
