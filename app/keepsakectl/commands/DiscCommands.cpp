// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsakectl drives, burn, verify, disc show (CLI.md; issue 4).
#include "Command.h"
#include "Commands.h"
#include "base/ByteSize.h"
#include "catalog/AuditLog.h"
#include "disc/BurnJob.h"
#include "disc/DiscCheck.h"
#include "disc/DiscVerification.h"
#include "disc/DiscDrive.h"
#include "disc/DiscManifest.h"
#include "disc/ChainKeys.h"
#include "disc/LabKey.h"
#include "net/RemoteBurn.h"
#include "net/StationClient.h"
#include "net/StationRecords.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscCommands)
};

QJsonObject mediaJson(const DiscMedia &media)
{
    return { { QStringLiteral("status"), media.statusText() }, { QStringLiteral("profile"), media.profile },
             { QStringLiteral("erasable"), media.erasable }, { QStringLiteral("free"), media.freeBytes },
             { QStringLiteral("used"), media.usedBytes }, { QStringLiteral("image_file"), media.imageFile } };
}

class DrivesCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscCommands)

public:
    QString name() const override { return QStringLiteral("drives"); }
    QString description() const override { return tr("drives with their media"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl drives"),
                        tr("Lists the optical drives of this machine with the disc in each (type, status, free "
                           "space, erasable). An image file is always available as stdio:/path/disc.iso."),
                        QStringLiteral("keepsakectl drives --json"));
        p.addOption({ QStringLiteral("station"), tr("the drives of this burn station of the chain"), tr("DEVICE") });
        if (auto done = p.parse(context, args))
            return *done;
        if (p.isSet(QStringLiteral("station")))
            return stationDrives(context, p.value(QStringLiteral("station")));
        const Result<QList<DriveEntry>> drives = DiscDrive::list();
        if (!drives)
            return context.fail(drives.error());
        for (const DriveEntry &entry : *drives) {
            QJsonObject record { { QStringLiteral("drive"), entry.address }, { QStringLiteral("vendor"), entry.vendor },
                                 { QStringLiteral("product"), entry.product } };
            QString line = QStringLiteral("%1  %2 %3").arg(entry.address, entry.vendor, entry.product);
            const Result<std::unique_ptr<DiscDrive>> drive = DiscDrive::open(entry.address);
            if (drive) {
                const DiscMedia media = (*drive)->media();
                record.insert(QStringLiteral("media"), mediaJson(media));
                line += tr(": %1, %2, %3 free%4").arg(media.profile, media.statusText(),
                                                     formatBytes(media.freeBytes),
                                                     media.erasable ? tr(", erasable") : QString());
            } else {
                line += tr(": %1").arg(drive.error().message());
            }
            context.console.item(record, line);
        }
        context.console.summary({ { QStringLiteral("drives"), drives->size() } },
                                drives->isEmpty() ? tr("No optical drives found. Image files: --drive stdio:/path/disc.iso")
                                                  : tr("%n drive(s); image files: --drive stdio:/path/disc.iso", nullptr,
                                                       int(drives->size())));
        return ExitDone;
    }

private:
    static int stationDrives(CtlContext &context, const QString &station)
    {
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        Result<std::unique_ptr<StationClient>> client = StationClient::open(*lab, station, &context.cancel);
        if (!client)
            return context.fail(client.error());
        const Result<QList<StationDrive>> drives = (*client)->drives();
        if (!drives)
            return context.fail(drives.error());
        for (const StationDrive &drive : *drives) {
            const DiscMedia &media = drive.media;
            QString line = QStringLiteral("%1  %2 %3").arg(drive.drive.address, drive.drive.vendor, drive.drive.product);
            line += drive.problem.isEmpty() ? tr(": %1, %2, %3 free%4").arg(media.profile, media.statusText(),
                                                                          formatBytes(media.freeBytes),
                                                                          media.erasable ? tr(", erasable") : QString())
                                            : tr(": %1").arg(drive.problem);
            context.console.item(StationRecords::drive(drive, (*client)->station()), line);
        }
        context.console.summary({ { QStringLiteral("drives"), drives->size() }, { QStringLiteral("station"), station } },
                                tr("Station %1: %n drive(s); image files: --drive stdio:/absolute/path/disc.iso on the "
                                   "station.", nullptr, int(drives->size())).arg(station));
        return ExitDone;
    }
};

QString planText(const QList<PlannedDisc> &plan, const QString &drive)
{
    const bool imageFile = drive.startsWith(QLatin1String("stdio:"));
    QStringList lines;
    for (qsizetype i = 0; i < plan.size(); ++i) {
        const PlannedDisc &disc = plan.at(i);
        const QString where = imageFile ? Tr::tr(" into %1").arg(BurnJob::imageFor(drive, int(i) + 1).mid(6))
                              : i > 0   ? Tr::tr(", a later run with a new blank disc")
                                        : QString();
        lines << Tr::tr("Disc %1 (%2%3%4): %5 of %6")
                     .arg(i + 1)
                     .arg(disc.media.toUpper(), disc.appending ? Tr::tr(", appended to the disc in the drive") : QString(), where,
                          formatBytes(disc.bytes), formatBytes(disc.capacity));
        for (const PlannedAlbum &album : disc.albums)
            lines << Tr::tr("  album %1 '%2': %n photo(s), %3", nullptr, album.photos).arg(album.albumId).arg(album.label(), formatBytes(album.bytes));
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonArray planJson(const QList<PlannedDisc> &plan, const QString &drive)
{
    QJsonArray discs;
    for (qsizetype i = 0; i < plan.size(); ++i) {
        const PlannedDisc &disc = plan.at(i);
        QJsonArray albums;
        for (const PlannedAlbum &album : disc.albums) {
            QJsonObject entry { { QStringLiteral("id"), album.albumId }, { QStringLiteral("title"), album.title },
                                { QStringLiteral("photos"), album.photos }, { QStringLiteral("bytes"), album.bytes } };
            if (album.parts > 1) {
                entry.insert(QStringLiteral("part"), album.part);
                entry.insert(QStringLiteral("parts"), album.parts);
            }
            albums.append(entry);
        }
        QJsonObject entry { { QStringLiteral("albums"), albums }, { QStringLiteral("bytes"), disc.bytes },
                            { QStringLiteral("capacity"), disc.capacity }, { QStringLiteral("appending"), disc.appending },
                            { QStringLiteral("media"), disc.media } };
        if (drive.startsWith(QLatin1String("stdio:")))
            entry.insert(QStringLiteral("drive"), BurnJob::imageFor(drive, int(i) + 1));
        discs.append(entry);
    }
    return discs;
}

QJsonArray ids(const QList<qint64> &values)
{
    QJsonArray array;
    for (qint64 id : values)
        array.append(id);
    return array;
}

class BurnCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscCommands)

public:
    QString name() const override { return QStringLiteral("burn"); }
    QString description() const override { return tr("record a customer's expired albums onto a disc"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl burn --customer C [--albums ALBUM,...] --drive DRIVE [options]"),
                        tr("Plans, writes and verifies a disc with the customer's expired albums (or the albums "
                           "named). A disc the customer brought back gets a new session after its manifest and "
                           "customer are checked. Albums count as recorded only after verification.\n\n"
                           "When the albums need several discs: an album larger than a whole disc is split in "
                           "capture order into parts, folders \"DATE TITLE (1 of 2)\", and counts as recorded "
                           "once its last part is verified. With an image file every disc is burned in this run: "
                           "disc 1 into the file named, disc N into NAME-N.iso beside it (these must not exist "
                           "yet). With a real drive one disc is burned a run: insert the next blank disc and run "
                           "the same command again; it plans what is still to record. Each disc is verified and "
                           "recorded on its own."),
                        QStringLiteral("keepsakectl burn --customer C1 --drive stdio:/tmp/C1.iso"));
        p.addOption({ QStringLiteral("customer"), tr("the customer whose albums go onto the disc"), tr("C") });
        p.addOption({ QStringLiteral("albums"), tr("these albums instead of the expired ones"), tr("ALBUM,...") });
        p.addOption({ QStringLiteral("drive"), tr("the drive, or stdio:/path/image.iso"), tr("DRIVE") });
        p.addOption({ QStringLiteral("media"), tr("the medium: cd, dvd, dvd-dl, bd, bd-dl (image file: dvd)"), tr("KIND") });
        p.addOption({ QStringLiteral("capacity"), tr("the medium's capacity in bytes, for media not listed"), tr("BYTES") });
        p.addOption({ QStringLiteral("dry-run"), tr("show the plan, write nothing") });
        p.addOption({ QStringLiteral("printer"), tr("print index sheet and receipt there instead of PDFs"), tr("NAME") });
        p.addOption({ QStringLiteral("station"), tr("record on this burn station of the chain (DRIVE as it names it)"),
                      tr("DEVICE") });
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("customer")) || !p.isSet(QStringLiteral("drive")))
            return context.fail(Error::usage(tr("Say whose albums and which drive: --customer CODE --drive DRIVE.")));
        BurnOptions options;
        options.customerCode = p.value(QStringLiteral("customer"));
        options.albums = p.values(QStringLiteral("albums"));
        options.drive = p.value(QStringLiteral("drive"));
        options.media = p.value(QStringLiteral("media"));
        options.dryRun = p.isSet(QStringLiteral("dry-run"));
        options.printer = p.value(QStringLiteral("printer"));
        options.actor = AuditLog::currentActor(QStringLiteral("keepsakectl"));
        if (p.isSet(QStringLiteral("capacity"))) {
            bool ok = false;
            options.capacity = p.value(QStringLiteral("capacity")).toLongLong(&ok);
            if (!ok || options.capacity <= 0)
                return context.fail(Error::usage(tr("--capacity takes a number of bytes.")));
        }
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        if (p.isSet(QStringLiteral("station")))
            return burnOnStation(context, *lab, options, p.value(QStringLiteral("station")));
        return burn(context, *lab, options);
    }

private:
    static void printDisc(Console &console, const BurnedDisc &d, const QJsonObject &extra = {})
    {
        console.endProgress();
        QString text = tr("Disc %1, session %2: %n album(s) recorded and verified (%3 files); pickup code %4.", nullptr,
                          int(d.recordedAlbums.size()))
                           .arg(d.discId).arg(d.session).arg(d.filesVerified).arg(d.pickupCode);
        if (!d.albumParts.isEmpty())
            text += QLatin1Char(' ') + tr("%n album(s) only in part: recorded once their last part is verified.", nullptr,
                                          int(d.albumParts.size()));
        if (d.drive.startsWith(QLatin1String("stdio:")))
            text += QLatin1Char(' ') + tr("Image: %1").arg(d.drive.mid(6));
        QJsonObject record { { QStringLiteral("disc"), d.discId }, { QStringLiteral("number"), d.number },
                             { QStringLiteral("drive"), d.drive }, { QStringLiteral("session"), d.session },
                             { QStringLiteral("albums"), ids(d.recordedAlbums) },
                             { QStringLiteral("album_parts"), ids(d.albumParts) },
                             { QStringLiteral("pickup_code"), d.pickupCode }, { QStringLiteral("bytes"), d.bytes },
                             { QStringLiteral("files_verified"), d.filesVerified }, { QStringLiteral("appended"), d.appended },
                             { QStringLiteral("prints"), QJsonArray::fromStringList(d.printFiles) } };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            record.insert(it.key(), it.value());
        console.item(record, text);
    }

    static int printOutcome(CtlContext &context, const BurnOptions &options, const Result<BurnSummary> &result,
                            const QJsonObject &extra = {})
    {
        Console &console = context.console;
        console.endProgress();
        if (!result)
            return context.fail(result.error());
        const BurnSummary &s = *result;
        if (s.nothingToRecord) {
            console.summary(QJsonObject { { QStringLiteral("albums"), 0 } },
                            tr("Customer %1 has no expired albums: nothing to record.").arg(options.customerCode));
            return ExitDone;
        }
        if (s.dryRun) {
            console.summary({ { QStringLiteral("dry_run"), true }, { QStringLiteral("discs"), planJson(s.plan, options.drive) },
                              { QStringLiteral("media"), s.media } },
                            tr("Dry run: nothing was written."));
            return ExitDone;
        }
        if (s.discsLeft > 0)
            console.line(tr("%n more disc(s) are planned: insert the next blank disc and run the same command again.", nullptr,
                            s.discsLeft));
        QJsonObject summary { { QStringLiteral("disc"), s.discId }, { QStringLiteral("session"), s.session },
                              { QStringLiteral("discs"), s.discs.size() }, { QStringLiteral("albums"), s.recordedAlbums.size() },
                              { QStringLiteral("bytes"), s.bytes }, { QStringLiteral("write_seconds"), s.writeSeconds },
                              { QStringLiteral("verify_seconds"), s.verifySeconds },
                              { QStringLiteral("discs_left"), s.discsLeft } };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            summary.insert(it.key(), it.value());
        console.summary(summary, tr("%n disc(s) written in %1 s, verified in %2 s.", nullptr, int(s.discs.size()))
                                     .arg(s.writeSeconds, 0, 'f', 1).arg(s.verifySeconds, 0, 'f', 1));
        if (!s.printError.isEmpty()) {
            console.error(tr("The disc is recorded, but the prints failed: %1").arg(s.printError));
            return ExitPartial;
        }
        return ExitDone;
    }

    int burn(CtlContext &context, Lab &lab, const BurnOptions &options)
    {
        BurnJob job(lab, options);
        Console &console = context.console;
        CancelToken &token = job.cancelToken();
        const QString drive = options.drive;
        QObject::connect(&job, &BurnJob::planned, &job, [&console, drive](const QList<PlannedDisc> &plan) {
            console.line(planText(plan, drive));
        });
        QObject::connect(&job, &BurnJob::discRecorded, &job, [&console](const BurnedDisc &d) { printDisc(console, d); });
        QObject::connect(&job, &BurnJob::progress, &job,
                         [&console, &context, &token](BurnJob::Phase phase, qint64 done, qint64 total, double, int) {
                             console.progress(done, total, done, total,
                                              phase == BurnJob::Phase::Verifying ? tr("verified")
                                              : phase == BurnJob::Phase::Writing ? tr("written")
                                                                                 : tr("albums prepared"));
                             if (context.cancel.isCancelled())
                                 token.cancel();
                         });
        return printOutcome(context, options, job.run());
    }

    int burnOnStation(CtlContext &context, Lab &lab, const BurnOptions &options, const QString &station)
    {
        RemoteBurnOptions remote { station, options };
        RemoteBurn job(lab, remote);
        Console &console = context.console;
        CancelToken &token = job.cancelToken();
        QObject::connect(&job, &RemoteBurn::submitted, &job, [&console](const StationJob &j) {
            console.item(StationRecords::job(j), tr("Job %1 queued on station %2 (drive %3).").arg(j.id).arg(j.station, j.drive));
        });
        QObject::connect(&job, &RemoteBurn::changed, &job, [&console, &context, &token](const StationJob &j) {
            console.progress(j.progress, 100, j.progress, 100, j.message);
            if (context.cancel.isCancelled())
                token.cancel();
        });
        QObject::connect(&job, &RemoteBurn::discRecorded, &job, [&console, &job, station](const BurnedDisc &d) {
            printDisc(console, d, { { QStringLiteral("job"), job.job().id }, { QStringLiteral("station"), station } });
        });
        job.alsoCancelledBy(&context.cancel);   // Ctrl-C: the station is asked to cancel the job
        const Result<BurnSummary> result = job.run();
        return printOutcome(context, options, result,
                            { { QStringLiteral("job"), job.job().id }, { QStringLiteral("station"), station } });
    }
};

class VerifyCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscCommands)

public:
    QString name() const override { return QStringLiteral("verify"); }
    QString description() const override { return tr("read a disc back and check its MD5s"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl verify --drive DRIVE"),
                        tr("Reads the disc back and checks the session's MD5 and every file's recorded MD5, and "
                           "that every photo KEEPSAKE.JSON lists carries the MD5 the manifest gives it."),
                        QStringLiteral("keepsakectl verify --drive stdio:/tmp/C1.iso"));
        p.addOption({ QStringLiteral("drive"), tr("the drive, or stdio:/path/image.iso"), tr("DRIVE") });
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("drive")))
            return context.fail(Error::usage(tr("Name the drive: --drive DRIVE.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<std::unique_ptr<DiscDrive>> drive = DiscDrive::open(p.value(QStringLiteral("drive")));
        if (!drive)
            return context.fail(drive.error());
        Console &console = context.console;
        const DiscVerification verification(*lab, Actor::system(AuditLog::currentActor(QStringLiteral("keepsakectl"))));
        const Result<DiscVerification::Outcome> outcome = verification.run(**drive, [&console, &context](qint64 done, qint64 total) {
            console.progress(done, total, done, total, tr("verified"));
            return context.cancel.isCancelled();
        }, context.clock.now());
        console.endProgress();
        if (!outcome)
            return context.fail(outcome.error());
        for (const QString &bad : outcome->mismatches())
            console.item({ { QStringLiteral("file"), bad.section(QStringLiteral(": "), 0, 0) },
                           { QStringLiteral("reason"), bad.section(QStringLiteral(": "), 1) } },
                         tr("MISMATCH %1").arg(bad));
        console.summary(summary(*outcome), summaryText(*outcome));
        return outcome->ok() ? ExitDone : ExitPartial;
    }

private:
    static QJsonObject summary(const DiscVerification::Outcome &o)
    {
        return { { QStringLiteral("ok"), o.ok() }, { QStringLiteral("disc"), o.discId.isEmpty() ? QJsonValue() : QJsonValue(o.discId) },
                 { QStringLiteral("files"), o.read.files }, { QStringLiteral("manifest_md5s"), o.listed.checked },
                 { QStringLiteral("mismatches"), o.mismatches().size() },
                 { QStringLiteral("recorded"), o.notOurs.isEmpty() && o.sessionsMarked > 0 } };
    }

    static QString summaryText(const DiscVerification::Outcome &o)
    {
        QString text = o.ok() ? tr("Session and %n file(s) match their recorded MD5s; %1 photo(s) match the manifest's MD5s.",
                                   nullptr, o.read.files).arg(o.listed.checked)
                       : !o.read.ok ? tr("Verification failed: %1").arg(o.read.message)
                                    : tr("Verification failed: %n photo(s) on the disc do not match the manifest's MD5s.",
                                         nullptr, int(o.listed.bad.size()));
        if (!o.notOurs.isEmpty())
            text += QLatin1Char(' ') + tr("Nothing was recorded in the catalog: %1.").arg(o.notOurs);
        else if (o.ok())
            text += QLatin1Char(' ') + tr("Disc %1 is recorded as verified: the lab's copies of its albums may be "
                                          "purged once their grace period ends.").arg(o.discId);
        else
            text += QLatin1Char(' ') + tr("Disc %1 is recorded as not verified: the lab keeps its copies of the disc's "
                                          "albums. Verify the disc again, or restore the albums and burn them anew.")
                                           .arg(o.discId);
        return text;
    }
};

class DiscCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscCommands)

public:
    QString name() const override { return QStringLiteral("disc"); }
    QString description() const override { return tr("show a disc's manifest (disc show --drive DRIVE)"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl disc show --drive DRIVE"),
                        tr("Shows the manifest of a Keepsake disc: customer, lab, sessions, albums."),
                        QStringLiteral("keepsakectl disc show --drive stdio:/tmp/C1.iso"));
        p.addPositional(QStringLiteral("show"), tr("the sub-command"), QStringLiteral("show"));
        p.addOption({ QStringLiteral("drive"), tr("the drive, or stdio:/path/image.iso"), tr("DRIVE") });
        if (auto done = p.parse(context, args))
            return *done;
        if (p.positionals() != QStringList { QStringLiteral("show") } || !p.isSet(QStringLiteral("drive")))
            return context.fail(Error::usage(tr("Say: keepsakectl disc show --drive DRIVE.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        return show(context, *lab, p.value(QStringLiteral("drive")));
    }

private:
    int show(CtlContext &context, Lab &lab, const QString &address)
    {
        const Result<std::unique_ptr<DiscDrive>> drive = DiscDrive::open(address);
        if (!drive)
            return context.fail(drive.error());
        const QString jsonPath = QLatin1Char('/') + DiscManifest::jsonName();
        if (!(*drive)->exists(jsonPath))
            return context.fail(Error::refused(tr("The disc in %1 is not a Keepsake disc (no manifest).").arg(address)));
        const Result<QByteArray> json = (*drive)->readFile(jsonPath);
        const Result<QByteArray> sig = (*drive)->readFile(QLatin1Char('/') + DiscManifest::signatureName());
        if (!json)
            return context.fail(json.error());
        const Result<DiscManifest> manifest = DiscManifest::fromJson(*json);
        if (!manifest)
            return context.fail(manifest.error());
        // Reading a disc never makes a lab key: without one here or in the chain, no disc
        // can be this lab's yet.
        const Result<QList<LabKey>> keys = ChainKeys::trusted(lab);
        if (!keys)
            return context.fail(keys.error());
        const bool key = !keys->isEmpty();
        const bool signedHere = key && sig && DiscManifest::readSigned(*json, *sig, *keys).ok();
        const QString signature = !key ? tr("cannot be checked: this lab has no key yet, as it has made no disc")
                                  : signedHere ? tr("this lab's") : tr("NOT this lab's");
        QStringList lines { tr("Disc %1 of customer %2 (%3), made by %4; signature: %5")
                                .arg(manifest->discId, manifest->customerCode, manifest->customerName, manifest->labName,
                                     signature) };
        for (const ManifestSession &session : manifest->sessions) {
            lines << tr("  session %1, %2:").arg(session.number).arg(session.recordedAt);
            for (const ManifestAlbum &album : session.albums)
                lines << tr("    %1: %n photo(s)", nullptr, int(album.photos.size())).arg(album.folder);
        }
        QJsonObject record = QJsonDocument::fromJson(*json).object();
        record.insert(QStringLiteral("signed_by_this_lab"), signedHere);
        record.insert(QStringLiteral("signature_check"), !key  ? QStringLiteral("no_lab_key")
                                                   : signedHere ? QStringLiteral("this_lab")
                                                                : QStringLiteral("other"));
        context.console.item(record, lines.join(QLatin1Char('\n')));
        context.console.summary({ { QStringLiteral("sessions"), manifest->sessions.size() } });
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeDrivesCommand() { return std::make_unique<DrivesCommand>(); }
std::unique_ptr<Command> makeBurnCommand() { return std::make_unique<BurnCommand>(); }
std::unique_ptr<Command> makeVerifyCommand() { return std::make_unique<VerifyCommand>(); }
std::unique_ptr<Command> makeDiscCommand() { return std::make_unique<DiscCommand>(); }

} // namespace Keepsake
