// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "BurnJob.h"

#include "DiscCheck.h"
#include "DiscDrive.h"
#include "DiscLayout.h"
#include "DiscLog.h"
#include "DiscManifest.h"
#include "DiscRecord.h"
#include "ChainKeys.h"
#include "LabKey.h"
#include "base/Time.h"
#include "catalog/Catalog.h"
#include "catalog/PickupCode.h"
#include "catalog/Settings.h"
#include "lab/Lab.h"
#include "print/DiscPrints.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QTemporaryDir>

#include <algorithm>

namespace Keepsake {

namespace {

constexpr qint64 ImageHead = 64 * 1024;   // what libisoburn rewrites to activate a session

} // namespace

struct BurnJob::Target
{
    QString address;
    std::unique_ptr<DiscDrive> drive;
    DiscMedia media;
    MediaKind kind;
    QString imagePath;         // stdio: drives
    bool imageExisted = false;
    qint64 imageSize = 0;
    QByteArray imageHead;
    std::optional<DiscManifest> manifest;
    QString discId;
    int session = 1;
};

void BurnSummary::add(const BurnedDisc &disc)
{
    if (discs.isEmpty()) {
        discId = disc.discId;
        session = disc.session;
        appended = disc.appended;
        pickupCode = disc.pickupCode;
    }
    discs.append(disc);
    recordedAlbums += disc.recordedAlbums;
    bytes += disc.bytes;
    filesVerified += disc.filesVerified;
    writeSeconds += disc.writeSeconds;
    verifySeconds += disc.verifySeconds;
    printFiles += disc.printFiles;
    if (!disc.printError.isEmpty())
        printError += (printError.isEmpty() ? QString() : QStringLiteral("; ")) + disc.printError;
}

BurnJob::BurnJob(const Lab &lab, BurnOptions options, QObject *parent)
    : QObject(parent), m_lab(lab), m_options(std::move(options))
{
}

BurnJob::~BurnJob() = default;

bool BurnJob::report(Phase phase, qint64 done, qint64 total)
{
    if (phase != m_phase || !m_phaseClock.isValid()) {
        m_phase = phase;
        m_phaseClock.start();
    }
    const double seconds = qMax<qint64>(1, m_phaseClock.elapsed()) / 1000.0;
    const double speed = done / seconds;
    const int left = speed > 0 && total > done ? int((total - done) / speed) : 0;
    Q_EMIT progress(phase, done, total, speed, left);
    return m_cancel.isCancelled();
}

Result<QList<AlbumSummary>> BurnJob::chooseAlbums(const Customer &customer) const
{
    const Albums albums(m_lab.catalog());
    QList<AlbumSummary> chosen;
    if (m_options.albums.isEmpty()) {
        const Result<QList<AlbumSummary>> all = albums.customerView(customer.id, true);
        if (!all)
            return all.error();
        for (const AlbumSummary &album : *all)
            if (album.state == AlbumState::Expired && album.ownerId == customer.id && album.photos > 0)
                chosen.append(album);
        return chosen;
    }
    for (const QString &name : m_options.albums) {
        const Result<AlbumSummary> album = albums.resolve(name, customer.id);
        if (!album)
            return album.error();
        if (album->ownerId != customer.id)
            return Error::usage(tr("Album %1 belongs to customer %2, not to %3.").arg(name, album->ownerCode, customer.code));
        if (album->state == AlbumState::Recorded || album->state == AlbumState::Purged)
            return Error::usage(tr("Album '%1' is already on disc %2.").arg(album->title, album->disc));
        chosen.append(*album);
    }
    return chosen;
}

Result<QList<PlannedAlbum>> BurnJob::sizes(const QList<AlbumSummary> &albums) const
{
    QList<PlannedAlbum> planned;
    for (const AlbumSummary &album : albums) {
        const Result<QList<PhotoRecord>> photos = Albums(m_lab.catalog()).photos(album.id);
        if (!photos)
            return photos.error();
        const Result<DiscRecord::OnDisc> onDisc = DiscRecord::partsOnDisc(m_lab.catalog(), album.id);
        if (!onDisc)
            return onDisc.error();
        PlannedAlbum entry { album.id, album.title, 0, DiscPlanner::AlbumOverhead, {}, {}, 0, 0, onDisc->parts };
        for (const PhotoRecord &photo : *photos) {
            if (onDisc->photos.contains(photo.id))
                continue;   // on a verified disc as an earlier part of this album
            entry.photoIds.append(photo.id);
            entry.photoBytes.append(DiscLayout::estimate(photo));
            entry.bytes += entry.photoBytes.last();
        }
        entry.photos = int(entry.photoIds.size());
        if (entry.photos > 0)
            planned.append(entry);
    }
    return planned;
}

Status BurnJob::checkDisc(const Target &target, const Customer &customer, const LabKey &key,
                          std::optional<DiscManifest> &manifest) const
{
    if (target.media.status == DiscMedia::Status::Blank)
        return Status::success();
    const bool keepsake = target.drive->exists(QLatin1Char('/') + DiscManifest::jsonName());
    if (!keepsake)
        return Error::refused(tr("This disc was not made by Keepsake (it has no Keepsake manifest). "
                                 "Nothing was written; please use a new disc."));
    const Result<QByteArray> json = target.drive->readFile(QLatin1Char('/') + DiscManifest::jsonName());
    const Result<QByteArray> sig = target.drive->readFile(QLatin1Char('/') + DiscManifest::signatureName());
    if (!json || !sig)
        return Error::refused(tr("This disc's manifest cannot be read, so it cannot be checked. "
                                 "Nothing was written; please use a new disc."));
    // Discs of this lab's chain: signed with this data folder's key or any the catalog holds.
    Result<QList<LabKey>> keys = ChainKeys::trusted(m_lab);
    if (!keys)
        return keys.error();
    if (std::none_of(keys->cbegin(), keys->cend(), [&](const LabKey &k) { return k.keyId() == key.keyId(); }))
        keys->append(key);
    Result<DiscManifest> read = DiscManifest::readSigned(*json, *sig, *keys);
    if (!read)
        return read.error();
    if (Customers::codeKey(read->customerCode) != Customers::codeKey(customer.code))
        return Error::refused(tr("This disc belongs to customer %1, not to %2 (%3). Nothing was written; "
                                 "please use the customer's own disc or a new one.")
                                  .arg(read->customerCode, customer.code, customer.name));
    const Result<std::optional<qint64>> owner = DiscRecord::owner(m_lab.catalog(), read->discId);
    if (!owner)
        return owner.error();
    if (owner->has_value() && **owner != customer.id)
        return Error::refused(tr("The catalog records disc %1 for another customer, not for %2. Nothing was "
                                 "written.").arg(read->discId, customer.code));
    if (target.media.status == DiscMedia::Status::Full)
        return Error::failure(tr("Disc %1 is closed: nothing more can be added to it. Insert a blank disc.")
                                  .arg(read->discId));
    manifest = std::move(read).value();
    return Status::success();
}

Result<MediaKind> BurnJob::mediaKind(const Target &target) const
{
    QString name = m_options.media;
    if (name.isEmpty()) {
        const QString profile = target.media.profile.toUpper();
        name = target.media.imageFile ? QStringLiteral("dvd")
               : profile.startsWith(QLatin1String("CD")) ? QStringLiteral("cd")
               : profile.startsWith(QLatin1String("BD")) ? QStringLiteral("bd")
                                                         : QStringLiteral("dvd");
    }
    std::optional<MediaKind> kind = MediaKind::byName(name);
    if (!kind)
        return Error::usage(tr("Unknown medium '%1': say one of %2.").arg(name, MediaKind::names().join(QStringLiteral(", "))));
    if (m_options.capacity > 0)
        kind->capacity = m_options.capacity;
    return *kind;
}

QString BurnJob::imageFor(const QString &drive, int number)
{
    if (number <= 1 || !drive.startsWith(QLatin1String("stdio:")))
        return drive;
    const QFileInfo image(drive.mid(6));
    const QString suffix = image.suffix().isEmpty() ? QString() : QLatin1Char('.') + image.suffix();
    const QString base = image.fileName().left(image.fileName().size() - suffix.size());
    return QStringLiteral("stdio:") + image.absoluteDir().filePath(QStringLiteral("%1-%2%3").arg(base).arg(number).arg(suffix));
}

Result<BurnJob::Target> BurnJob::openTarget(const QString &address) const
{
    Target target;
    target.address = address;
    target.imagePath = address.startsWith(QLatin1String("stdio:")) ? QFileInfo(address.mid(6)).absoluteFilePath() : QString();
    target.imageExisted = !target.imagePath.isEmpty() && QFileInfo::exists(target.imagePath);
    Result<std::unique_ptr<DiscDrive>> drive = DiscDrive::open(address);
    if (!drive)
        return drive.error();
    target.drive = std::move(drive).value();
    target.media = target.drive->media();
    if (target.media.status == DiscMedia::Status::None)
        return Error::failure(tr("There is no writable disc in %1. Insert a blank or the customer's disc.").arg(address));
    return target;
}

Result<BurnSummary> BurnJob::run()
{
    const Result<Customer> customer = Customers(m_lab.catalog()).byCode(m_options.customerCode);
    if (!customer)
        return customer.error();
    const Result<QList<AlbumSummary>> albums = chooseAlbums(*customer);
    if (!albums)
        return albums.error();
    BurnSummary summary;
    summary.dryRun = m_options.dryRun;
    if (albums->isEmpty()) {
        summary.nothingToRecord = true;
        return summary;
    }
    const Result<LabKey> key = ChainKeys::signingKey(m_lab);
    if (!key)
        return key.error();
    Result<Target> target = openTarget(m_options.drive);
    if (!target)
        return target.error();
    if (Status checked = checkDisc(*target, *customer, *key, target->manifest); !checked)
        return checked.error();
    const Result<QList<PlannedDisc>> planned = plan(*target, *customer, *key, *albums, summary);
    if (!planned)
        return planned.error();
    if (planned->isEmpty()) {
        summary.nothingToRecord = true;
        return summary;
    }
    if (m_options.dryRun)
        return summary;
    if (Status burned = burnAll(*target, *customer, *key, *albums, summary); !burned)
        return burned.error();
    return summary;
}

Result<QList<PlannedDisc>> BurnJob::plan(Target &target, const Customer &, const LabKey &,
                                         const QList<AlbumSummary> &albums, BurnSummary &summary)
{
    Result<MediaKind> kind = mediaKind(target);
    if (!kind)
        return kind.error();
    target.kind = *kind;
    summary.media = kind->name;
    const Result<QList<PlannedAlbum>> sized = sizes(albums);
    if (!sized)
        return sized.error();
    if (sized->isEmpty())
        return QList<PlannedDisc>();
    qint64 room = kind->capacity - target.media.usedBytes;
    if (target.media.freeBytes > 0)
        room = qMin(room, target.media.freeBytes);
    const int existing = target.manifest ? int(target.manifest->sessions.size()) : 0;
    const Result<QList<PlannedDisc>> plan = DiscPlanner::plan(*sized, *kind, room, existing);
    if (!plan)
        return plan.error();
    summary.plan = *plan;
    const bool imageFiles = !target.imagePath.isEmpty();
    summary.discsLeft = imageFiles ? 0 : int(plan->size()) - 1;
    if (imageFiles)
        for (int n = 1; n <= plan->size(); ++n)
            summary.images.append(imageFor(m_options.drive, n));
    Q_EMIT planned(*plan);
    return plan;
}

// Disc 1 into the target; on image files every further disc into an image of its own.
Status BurnJob::burnAll(Target &first, const Customer &customer, const LabKey &key,
                        const QList<AlbumSummary> &albums, BurnSummary &summary)
{
    for (qsizetype n = 1; n < summary.images.size(); ++n)
        if (QFileInfo::exists(summary.images.at(n).mid(6)))
            return Error::failure(tr("This burn needs %1 discs, and the image file %2 for disc %3 exists already. "
                                     "Nothing was written: move it away, or name another image file.")
                                      .arg(summary.images.size()).arg(summary.images.at(n).mid(6)).arg(n + 1));
    const qsizetype count = summary.images.isEmpty() ? 1 : summary.images.size();
    const MediaKind kind = first.kind;
    for (qsizetype n = 0; n < count; ++n) {
        Result<Target> opened = n == 0 ? Result<Target>(std::move(first)) : openTarget(summary.images.at(n));
        if (!opened)
            return opened.error();
        opened->kind = kind;
        BurnedDisc burned;
        burned.number = int(n + 1);
        burned.drive = opened->address;
        const Status done = burn(*opened, customer, key, summary.plan.at(n), albums, burned);
        if (!done) {
            if (summary.discs.isEmpty())
                return done;
            QStringList recorded;
            for (const BurnedDisc &disc : std::as_const(summary.discs))
                recorded << disc.discId;
            return Error(done.error().kind(),
                         tr("Disc %1 of %2 was not recorded: %3 The discs before it (%4) are recorded and verified; "
                            "burn again for the albums left.")
                             .arg(n + 1).arg(count).arg(done.error().message(), recorded.join(QStringLiteral(", "))));
        }
        summary.add(burned);
        Q_EMIT discRecorded(burned);
    }
    return Status::success();
}

Status BurnJob::burn(Target &target, const Customer &customer, const LabKey &key, const PlannedDisc &disc,
                     const QList<AlbumSummary> &albums, BurnedDisc &burned)
{
    const QDateTime now = m_lab.clock().now();
    const Settings settings(m_lab.catalog());
    const QString labName = settings.value(QStringLiteral("lab.name")).value();
    DiscManifest manifest;
    if (target.manifest) {
        manifest = *target.manifest;
    } else {
        const Result<QString> id = DiscRecord::newDiscId(m_lab.catalog(), labName, now.toLocalTime().date(), now);
        if (!id)
            return id.error();
        manifest.discId = *id;
        manifest.labName = labName;
        manifest.labKeyId = key.keyId();
        manifest.customerCode = customer.code;
        manifest.customerName = customer.name;
    }
    target.discId = manifest.discId;
    target.session = int(manifest.sessions.size()) + 1;
    burned.discId = manifest.discId;
    burned.session = target.session;
    burned.appended = target.session > 1;

    QDir().mkpath(m_lab.path(QStringLiteral("tmp")));
    QTemporaryDir staging(m_lab.path(QStringLiteral("tmp/burn-XXXXXX")));
    if (!staging.isValid())
        return Error::failure(tr("No staging folder could be made in %1: %2").arg(m_lab.path(QStringLiteral("tmp")), staging.errorString()));
    DiscLayout layout(m_lab, staging.path(), m_cancel, m_options.stagingThreads);
    QSet<QString> folders;
    for (const ManifestSession &s : manifest.sessions)
        for (const ManifestAlbum &a : s.albums)
            folders.insert(a.folder.toCaseFolded());
    layout.reserveFolders(folders);
    ManifestSession session { target.session, toCatalogTime(now), {} };
    for (qsizetype i = 0; i < disc.albums.size(); ++i) {
        report(Phase::Preparing, i, disc.albums.size());
        const PlannedAlbum &planned = disc.albums.at(i);
        const auto album = std::find_if(albums.cbegin(), albums.cend(),
                                        [&planned](const AlbumSummary &a) { return a.id == planned.albumId; });
        if (album == albums.cend())
            continue;
        Result<ManifestAlbum> added = layout.addAlbum(*album, planned);
        if (!added)
            return added.error();
        session.albums.append(*added);
    }
    if (Status completed = layout.completeAlbums(session.albums); !completed)
        return completed;
    manifest.sessions.append(session);
    const QByteArray json = manifest.toJson();
    const Result<QByteArray> signature = manifest.signature(key, json);
    if (!signature)
        return signature.error();
    if (Status finished = layout.finish(manifest, json, *signature, customer.language); !finished)
        return finished;
    for (const DiscLayout::Entry &entry : layout.entries())
        if (Status added = target.drive->addFile(entry.path, entry.source); !added)
            return added;
    for (const DiscLayout::Clone &clone : layout.clones())
        if (Status added = target.drive->addClone(clone.original, clone.path); !added)
            return added;
    target.drive->setVolumeId(manifest.discId);
    if (Status written = writeAndVerify(target, manifest, burned); !written)
        return written;
    if (!m_options.recordHere) {
        burned.manifestJson = json;
        burned.media = target.kind.name;
        burned.labKey = key.keyId();
        return Status::success();
    }

    DiscRecord::Written record { manifest.discId, customer.id, target.kind.name, key.keyId(), target.session,
                                 burned.bytes, PickupCode::generate(), m_options.actor, now,
                                 &manifest.sessions.last() };
    const Result<QList<qint64>> recorded = DiscRecord::record(m_lab.catalog(), record);
    if (!recorded) {
        restoreImage(target);
        return recorded.error().prefixed(tr("The disc was written and verified, but the catalog could not record it "
                                            "(the albums stay as they were): "));
    }
    burned.pickupCode = record.pickupCode;
    burned.recordedAlbums = *recorded;
    for (const ManifestAlbum &a : manifest.sessions.last().albums)
        if (!recorded->contains(a.id))
            burned.albumParts.append(a.id);
    DiscPrints::Output output { m_options.printer, m_lab.path(QStringLiteral("prints/") + manifest.discId) };
    const Result<DiscPrints::Produced> prints = DiscPrints::produce(m_lab, manifest.discId, target.session, output);
    if (prints)
        burned.printFiles = prints->files;
    else
        burned.printError = prints.error().message();
    return Status::success();
}

Status BurnJob::writeAndVerify(Target &target, const DiscManifest &manifest, BurnedDisc &summary)
{
    if (!target.imagePath.isEmpty() && target.imageExisted) {
        QFile image(target.imagePath);
        target.imageSize = image.size();
        if (image.open(QIODevice::ReadOnly))
            target.imageHead = image.read(ImageHead);
    }
    Q_EMIT aboutToWrite(target.address, target.imagePath, target.imageExisted, target.imageSize, target.imageHead);
    QElapsedTimer clock;
    clock.start();
    const DiscDrive::Written outcome = target.drive->write(m_options.capacity, [this](qint64 done, qint64 total) {
        return report(Phase::Writing, done, total);
    });
    summary.writeSeconds = clock.elapsed() / 1000.0;
    summary.bytes = outcome.bytes;
    target.drive.reset();   // released: the session is read back from the medium itself
    switch (outcome.outcome) {
    case DiscDrive::WriteOutcome::Written: break;
    case DiscDrive::WriteOutcome::TooSmall:
        restoreImage(target);
        return Error::failure(tr("The medium in %1 is too small for this session (%2). Nothing was recorded; "
                                 "insert a larger or blank disc, or burn fewer albums with --albums.")
                                  .arg(target.address, outcome.message));
    case DiscDrive::WriteOutcome::Cancelled:
        restoreImage(target);
        return Error::cancelled(tr("The burn was cancelled; the albums stay expired, ready to burn again."));
    case DiscDrive::WriteOutcome::NoMedium:
    case DiscDrive::WriteOutcome::Failed:
        restoreImage(target);
        return Error::failure(tr("Writing to %1 failed: %2. Nothing was recorded; the albums stay expired. "
                                 "Try again with another disc.").arg(target.address, outcome.message));
    }
    Q_EMIT written(target.address);
    clock.restart();
    Result<std::unique_ptr<DiscDrive>> reopened = DiscDrive::open(target.address);
    if (!reopened) {
        restoreImage(target);
        return reopened.error();
    }
    const DiscDrive::Verified verified = (*reopened)->verify([this](qint64 done, qint64 total) {
        return report(Phase::Verifying, done, total);
    });
    const DiscCheck::Md5s listed = verified.ok ? DiscCheck::manifestMd5s(**reopened, manifest) : DiscCheck::Md5s();
    reopened->reset();
    summary.verifySeconds = clock.elapsed() / 1000.0;
    summary.filesVerified = verified.files;
    if (verified.ok && listed.bad.isEmpty())
        return Status::success();
    restoreImage(target);
    if (verified.ok)
        return Error::failure(tr("The disc in %1 does not hold the photos its manifest lists (%2): their stored "
                                 "originals are damaged, or changed while burning, since their bytes are not those "
                                 "handed in. Nothing was recorded; the albums stay expired. Run keepsakectl check, "
                                 "and hand damaged photos in again from the customer's card or a backup.")
                                  .arg(target.address, listed.bad.join(QStringLiteral("; "))));
    if (verified.cancelled)
        return Error::cancelled(tr("Verification was cancelled; the albums stay expired, ready to burn again."));
    return Error::failure(tr("The disc in %1 failed verification: %2%3. Nothing was recorded; the albums stay "
                             "expired. Burn again on a new disc.")
                              .arg(target.address, verified.message,
                                   verified.badFiles.isEmpty() ? QString()
                                                               : QStringLiteral(" (") + verified.badFiles.join(QStringLiteral(", ")) + QLatin1Char(')')));
}

// A failed, cancelled or unverified session leaves no trace: a new image file is
// removed, an existing one gets back its size and its head (the session that mounts).
void BurnJob::restoreImage(const Target &target) const
{
    if (target.imagePath.isEmpty())
        return;
    if (!target.imageExisted) {
        QFile::remove(target.imagePath);
        return;
    }
    QFile image(target.imagePath);
    if (!image.resize(target.imageSize) || !image.open(QIODevice::ReadWrite) || image.write(target.imageHead) != target.imageHead.size())
        qCWarning(lcDisc) << "The image file" << target.imagePath << "could not be restored:" << image.errorString();
}

} // namespace Keepsake
