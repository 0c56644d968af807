// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StationSettlement.h"

#include "StationJobs.h"
#include "StationLog.h"
#include "StationReport.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/PickupCode.h"
#include "disc/ChainKeys.h"
#include "disc/DiscManifest.h"
#include "disc/DiscRecord.h"
#include "disc/LabKey.h"
#include "lab/Lab.h"
#include "print/DiscPrints.h"

#include <QHash>
#include <QSqlDatabase>

#include <algorithm>

namespace Keepsake {

Result<QList<BurnedDisc>> StationSettlement::settle(const Lab &lab, const StationJob &job, const Options &options)
{
    if (!job.awaitsRequester())
        return Error::failure(tr("Burn station job %1 has no verified disc to record (it is %2).")
                                  .arg(job.id).arg(StationJob::stateName(job.state)));
    const Result<StationReport> report = StationReport::fromJson(job.report);
    if (!report)
        return report.error();
    const Result<QList<LabKey>> keys = ChainKeys::trusted(lab);
    if (!keys)
        return keys.error();
    QList<DiscManifest> manifests;
    for (const BurnedDisc &disc : report->discs) {
        Result<DiscManifest> manifest = DiscManifest::fromJson(disc.manifestJson);
        if (!manifest)
            return Error::refused(tr("The manifest of disc %1 that station %2 reports cannot be read: %3")
                                      .arg(disc.discId, job.station, manifest.error().message()));
        if (Status checked = check(lab, job, disc, *manifest, *keys); !checked)
            return checked.error();
        manifests.append(std::move(manifest).value());
    }
    // The job ends done in the transaction that records its last disc: both, or neither.
    QList<BurnedDisc> recorded;
    bool settledElsewhere = false;
    for (qsizetype i = 0; i < report->discs.size(); ++i) {
        const bool last = i + 1 == report->discs.size();
        const Result<BurnedDisc> disc = record(lab, job, report->discs.at(i), manifests.at(i), options,
                                               last ? &settledElsewhere : nullptr);
        if (settledElsewhere)
            return QList<BurnedDisc>();
        if (!disc)
            return disc.error();
        recorded.append(*disc);
    }
    if (report->discs.isEmpty()) {   // nothing to record: only the job ends
        const Result<bool> ended = StationJobs::markSettled(lab.catalog().db(), job.id, options.settler,
                                                            tr("Nothing to record: the customer has no expired albums."),
                                                            lab.clock().now());
        if (!ended)
            return ended.error();
    }
    return recorded;
}

Status StationSettlement::check(const Lab &lab, const StationJob &job, const BurnedDisc &disc,
                                const DiscManifest &manifest, const QList<LabKey> &keys)
{
    if (std::none_of(keys.cbegin(), keys.cend(), [&disc](const LabKey &key) { return key.keyId() == disc.labKey; })
        || manifest.labKeyId != disc.labKey)
        return Error::refused(tr("Station %1 signed disc %2 with a key this chain does not know (%3): nothing was "
                                 "recorded.").arg(job.station, disc.discId, disc.labKey));
    if (manifest.discId != disc.discId || manifest.sessions.isEmpty()
        || manifest.sessions.last().number != disc.session)
        return Error::refused(tr("Station %1 reports session %2 of disc %3, which its manifest does not hold: nothing "
                                 "was recorded.").arg(job.station).arg(disc.session).arg(disc.discId));
    if (Customers::codeKey(manifest.customerCode) != Customers::codeKey(job.customer))
        return Error::refused(tr("Station %1 wrote disc %2 for customer %3, not for %4: nothing was recorded.")
                                  .arg(job.station, disc.discId, manifest.customerCode, job.customer));
    const ManifestSession &session = manifest.sessions.last();
    for (const ManifestAlbum &album : session.albums)
        if (Status checked = checkAlbum(lab, job, album.id, disc.discId, session); !checked)
            return checked;
    return Status::success();
}

// Every photo the session lists for the album is the album's, with the catalog's
// SHA-256, size and (where known) MD5; the album is the customer's and was asked for.
Status StationSettlement::checkAlbum(const Lab &lab, const StationJob &job, qint64 albumId, const QString &discId,
                                     const ManifestSession &session)
{
    const Albums albums(lab.catalog());
    const Result<AlbumSummary> album = albums.byId(albumId);
    if (!album)
        return album.error();
    if (album->ownerId != job.customerId || (!job.albums.isEmpty() && !job.albums.contains(albumId)))
        return Error::refused(tr("Disc %1 holds album %2, which job %3 did not ask for: nothing was recorded.")
                                  .arg(discId).arg(albumId).arg(job.id));
    const Result<QList<PhotoRecord>> photos = albums.photos(albumId);
    if (!photos)
        return photos.error();
    QHash<qint64, PhotoRecord> byId;
    for (const PhotoRecord &photo : *photos)
        byId.insert(photo.id, photo);
    for (const ManifestAlbum &listed : session.albums) {
        if (listed.id != albumId)
            continue;
        for (const ManifestPhoto &photo : listed.photos) {
            const auto known = byId.constFind(photo.id);
            const bool same = known != byId.cend() && known->sha256 == photo.sha256 && known->size == photo.size
                && (known->md5.isEmpty() || photo.md5.isEmpty() || known->md5 == photo.md5);
            if (!same)
                return Error::refused(tr("Disc %1 lists photo %2 (%3) of album '%4' with other bytes than the "
                                         "catalog holds: nothing was recorded. Run keepsakectl check on the device "
                                         "that keeps it.").arg(discId).arg(photo.id).arg(photo.name, album->title));
        }
    }
    return Status::success();
}

Result<BurnedDisc> StationSettlement::record(const Lab &lab, const StationJob &job, const BurnedDisc &disc,
                                             const DiscManifest &manifest, const Options &options, bool *settledElsewhere)
{
    BurnedDisc burned = disc;
    DiscRecord::Written written { disc.discId, job.customerId, disc.media, disc.labKey, disc.session, disc.bytes,
                                  PickupCode::generate(), options.actor.isEmpty() ? job.actor : options.actor,
                                  lab.clock().now(), &manifest.sessions.last() };
    if (settledElsewhere) {
        const QString message = tr("Recorded on disc %1 and verified.").arg(disc.discId);
        written.first = [&job, &options, &lab, message, settledElsewhere](QSqlDatabase &db) -> Status {
            const Result<bool> mine = StationJobs::markSettled(db, job.id, options.settler, message, lab.clock().now());
            if (!mine)
                return mine.error();
            *settledElsewhere = !*mine;
            return *mine ? Status::success() : Status(Error::failure(tr("Job %1 was recorded elsewhere.").arg(job.id)));
        };
    }
    const Result<QList<qint64>> recorded = DiscRecord::record(lab.catalog(), written);
    if (!recorded && settledElsewhere && *settledElsewhere)
        return recorded.error();
    if (!recorded)
        return recorded.error().prefixed(tr("Station %1 verified disc %2, but the catalog could not record it: ")
                                             .arg(job.station, disc.discId));
    burned.pickupCode = written.pickupCode;
    burned.recordedAlbums = *recorded;
    for (const ManifestAlbum &album : manifest.sessions.last().albums)
        if (!recorded->contains(album.id))
            burned.albumParts.append(album.id);
    const DiscPrints::Output output { options.printer, lab.path(QStringLiteral("prints/") + disc.discId) };
    const Result<DiscPrints::Produced> prints = DiscPrints::produce(lab, disc.discId, disc.session, output);
    if (prints)
        burned.printFiles = prints->files;
    else
        burned.printError = prints.error().message();
    return burned;
}

} // namespace Keepsake
