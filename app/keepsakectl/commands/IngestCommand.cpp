// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"
#include "Commands.h"
#include "JsonRecords.h"
#include "base/ByteSize.h"
#include "catalog/AuditLog.h"
#include "ingest/IngestJob.h"
#include "net/RemoteIngest.h"
#include "usb/UsbHandin.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QMutex>

#include <memory>

namespace Keepsake {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Keepsake::IngestCommand", text, disambiguation, n);
}

class IngestCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("ingest"); }
    QString description() const override { return tr("hand in a card or folder for a customer"); }
    bool hasClientMode() const override { return true; }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl ingest --customer C [options] (PATH... | --usb PORT)"),
                        tr("Hands in the photos of a card or folder, or of a camera or phone on USB: stores the "
                           "ones not received before and sorts them into albums."),
                        QStringLiteral("keepsakectl ingest --customer C1 --json /media/card\n"
                                       "  keepsakectl ingest --customer C1 --usb usb:001,004"));
        p.addOption({ QStringLiteral("customer"), tr("the customer handing the photos in"), tr("C") });
        p.addOption({ QStringLiteral("album"), tr("put every photo into the customer's album of this title"), tr("TITLE") });
        p.addOption({ QStringLiteral("again"), tr("store photos already received anyway") });
        p.addOption({ QStringLiteral("verify-full"), tr("read every file whole (no header shortcut)") });
        p.addOption({ QStringLiteral("no-thumbnails"), tr("do not make thumbnails now") });
        p.addOption({ QStringLiteral("usb"), tr("hand in the camera or phone at this USB port (see: keepsakectl usb)"),
                      tr("PORT") });
        p.addOption({ QStringLiteral("usb-model"), tr("its model, when autodetect does not name it"), tr("MODEL") });
        p.addPositional(QStringLiteral("path"), tr("cards or folders to hand in"), tr("PATH..."));
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("customer")))
            return context.fail(Error::usage(tr("Say whose photos these are: --customer CODE.")));
        const bool usb = p.isSet(QStringLiteral("usb"));
        if (usb && !p.positionals().isEmpty())
            return context.fail(Error::usage(tr("Hand in either a card or folder, or a camera with --usb, not both.")));
        if (!usb && p.positionals().isEmpty())
            return context.fail(Error::usage(tr("Name the card or folder to hand in, or a camera with --usb PORT.")));
        IngestOptions options;
        options.customerCode = p.value(QStringLiteral("customer"));
        options.sources = p.positionals();
        options.albumTitle = p.value(QStringLiteral("album")).trimmed();
        options.again = p.isSet(QStringLiteral("again"));
        options.verifyFull = p.isSet(QStringLiteral("verify-full"));
        options.thumbnails = !p.isSet(QStringLiteral("no-thumbnails"));
        options.channel = QStringLiteral("keepsakectl");
        options.actor = AuditLog::currentActor(QStringLiteral("keepsakectl"));
        if (usb)
            return handInCamera(context, options, p.value(QStringLiteral("usb")), p.value(QStringLiteral("usb-model")));
        if (DeviceClient *device = context.device()) {
            RemoteIngest job(*device, options);
            return report(context, options, job);
        }
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        IngestJob job(*lab, options);
        return report(context, options, job);
    }

private:
    // A camera or phone: copied into a spool, which is handed in as a card, here or
    // through a device.
    int handInCamera(CtlContext &context, const IngestOptions &options, const QString &port, const QString &model)
    {
        const Result<UsbCamera> camera = UsbCameras::find(port, model);
        if (!camera)
            return context.fail(camera.error());
        std::unique_ptr<UsbHandin> job;
        if (DeviceClient *device = context.device()) {
            const QString spool = QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
                                  + QStringLiteral("/usb-spool");
            job = std::make_unique<UsbHandin>(*camera, options, spool,
                                              [device](UsbHandin &self, const IngestOptions &spooled) {
                                                  RemoteIngest ingest(*device, spooled);
                                                  return self.handInWith(ingest);
                                              });
        } else {
            Lab *lab = context.lab();
            if (!lab)
                return ExitFailed;
            job = UsbHandin::onLab(*lab, *camera, options);
        }
        announceCopy(context, *job);
        return report(context, options, *job);
    }

    // The copy from the camera: its own progress bar, and the moment it may be unplugged.
    static void announceCopy(CtlContext &context, UsbHandin &job)
    {
        Console &console = context.console;
        CancelToken &token = job.cancelToken();
        QObject::connect(&job, &UsbHandin::copyProgress, &job,
                         [&console, &context, &token](int done, int total, qint64 bytesDone, qint64 bytesTotal) {
                             console.progress(done, total, bytesDone, bytesTotal, tr("copied"));
                             if (context.cancel.isCancelled())
                                 token.cancel();
                         });
        QObject::connect(&job, &UsbHandin::cameraReleased, &job, [&console, &job](int copied, int notCopied) {
            console.endProgress();
            console.event(QStringLiteral("camera_may_be_unplugged"),
                          { { QStringLiteral("camera"), job.camera().label() },
                            { QStringLiteral("copied"), copied },
                            { QStringLiteral("not_copied"), notCopied } },
                          tr("The camera may be unplugged: %n file(s) copied from it.", nullptr, copied));
        });
    }

    // The same for a local hand-in (IngestJob), one through a device (RemoteIngest)
    // and a camera's (UsbHandin).
    template<typename Job>
    int report(CtlContext &context, const IngestOptions &options, Job &job)
    {
        Console &console = context.console;
        QObject::connect(&job, &Job::fileDecided, &job, [&console](const IngestRecord &record) {
            // A plain new file goes without a line; one that looks like an earlier photo has one.
            const bool plainNew = record.outcome == IngestOutcome::New && !record.similar;
            console.item(ingestRecordJson(record), plainNew ? QString() : ingestRecordLine(record));
        });
        QObject::connect(&job, &Job::progress, &job,
                         [&console](int done, int total, qint64 bytesDone, qint64 bytesTotal) {
                             console.progress(done, total, bytesDone, bytesTotal, tr("files"));
                         });
        // Ctrl-C reaches the job through the shared cancel token.
        CancelToken &token = job.cancelToken();
        QObject::connect(&job, &Job::progress, &job, [&context, &token] {
            if (context.cancel.isCancelled())
                token.cancel();
        });
        if constexpr (requires { &Job::cardReleased; })
            announceCardReleased(console, job);
        const Result<IngestSummary> summary = job.run();
        console.endProgress();
        if (!summary)
            return context.fail(summary.error());
        const IngestSummary &s = *summary;
        QJsonObject json = ingestSummaryJson(s);
        if constexpr (std::is_same_v<Job, RemoteIngest>)
            json.insert(QStringLiteral("bytes_sent"), job.bytesSent());
        console.summary(json,
                        tr("Hand-in %1 for %2 (pickup code %3): %4 new, %5 already received, "
                           "%6 new versions, %7 rejected; %8 stored in %9 s.")
                            .arg(s.handinId)
                            .arg(options.customerCode, s.pickupCode)
                            .arg(s.added).arg(s.alreadyReceived).arg(s.newVersions).arg(s.rejected)
                            .arg(formatBytes(s.bytesStored))
                            .arg(s.seconds, 0, 'f', 1));
        if (s.cancelled) {
            console.error(tr("Cancelled: the photos listed above are stored; hand the card in again "
                             "to finish."));
            return ExitCancelled;
        }
        return s.rejected > 0 ? ExitPartial : ExitDone;
    }

    // The moment the card may leave the reader, before the thumbnails are made.
    template<typename Job>
    static void announceCardReleased(Console &console, Job &job)
    {
        QObject::connect(&job, &Job::cardReleased, &job, [&console](const IngestSummary &s) {
            console.endProgress();
            const int stored = s.added + s.newVersions;
            console.event(QStringLiteral("card_may_be_removed"),
                          { { QStringLiteral("handin"), s.handinId },
                            { QStringLiteral("files"), s.total() },
                            { QStringLiteral("stored"), stored },
                            { QStringLiteral("seconds"), s.cardFreeSeconds } },
                          std::is_same_v<Job, UsbHandin>   // the camera was let go after the copy
                              ? tr("%n photo(s) stored safely.", nullptr, stored)
                              : tr("The card may be removed: %n photo(s) stored safely.", nullptr, stored));
        });
        // From the thumbnail workers, one at a time.
        auto drawing = std::make_shared<QMutex>();
        QObject::connect(&job, &Job::thumbnailProgress, &job, [&console, drawing](int done, int total) {
            const QMutexLocker lock(drawing.get());
            console.progress(done, total, 0, 0, tr("thumbnails"));
        }, Qt::DirectConnection);
    }
};

} // namespace

std::unique_ptr<Command> makeIngestCommand()
{
    return std::make_unique<IngestCommand>();
}

} // namespace Keepsake
