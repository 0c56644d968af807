// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "disc/BurnJob.h"

#include <QByteArray>
#include <QList>

namespace Keepsake {

// What a station reports of a verified job (station_jobs.report): per disc its drive,
// ID, session, sizes, times and the signed manifest exactly as written, for the
// requester to check against the catalog before it records anything.
struct StationReport
{
    QList<BurnedDisc> discs;

    QByteArray toJson() const;
    static Result<StationReport> fromJson(const QByteArray &json);
};

} // namespace Keepsake
