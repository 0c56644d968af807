// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StationJob.h"
#include "base/Error.h"
#include "disc/BurnJob.h"

#include <QCoreApplication>

namespace Keepsake {

class Lab;
class LabKey;
struct DiscManifest;
struct ManifestSession;

// The requesting side of a station burn, once the station has verified the disc
// (issue 15): the report is checked against the catalog — the disc signed with a key
// of the chain, for the job's customer, holding exactly the photos of the job's
// albums with the SHA-256 (and MD5) the catalog has for them — and only then are the
// discs recorded, the albums marked recorded and the prints made, as after a local
// burn. A report that does not match records nothing: the error says why (Refused),
// and the caller has the station undo the image.
class StationSettlement
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::StationSettlement)

public:
    struct Options
    {
        QString settler;    // who records it, for the claim ("device S1, process 4711")
        QString actor;      // the audit trail's actor
        QString printer;    // empty: PDFs into DIR/prints/DISC/
    };

    // Records the job's discs; the job ends `done` in the transaction that records the
    // last one. Settled by someone else already: an empty list and no error.
    static Result<QList<BurnedDisc>> settle(const Lab &lab, const StationJob &job, const Options &options);

private:
    static Status check(const Lab &lab, const StationJob &job, const BurnedDisc &disc, const DiscManifest &manifest,
                        const QList<LabKey> &keys);
    static Status checkAlbum(const Lab &lab, const StationJob &job, qint64 albumId, const QString &discId,
                             const ManifestSession &session);
    // settledElsewhere: given for the job's last disc, which ends the job done in the
    // same transaction; set when another process had settled it.
    static Result<BurnedDisc> record(const Lab &lab, const StationJob &job, const BurnedDisc &disc,
                                     const DiscManifest &manifest, const Options &options, bool *settledElsewhere);
};

} // namespace Keepsake
