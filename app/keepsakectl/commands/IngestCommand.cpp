// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"
#include "Commands.h"
#include "JsonRecords.h"
#include "base/ByteSize.h"
#include "catalog/AuditLog.h"
#include "ingest/IngestJob.h"
#include "net/RemoteIngest.h"

#include <QCoreApplication>
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
        CommandParser p(QStringLiteral("keepsakectl ingest --customer C [options] PATH..."),
                        tr("Hands in the photos of a card or folder: stores the ones not received "
                           "before and sorts them into albums."),
                        QStringLiteral("keepsakectl ingest --customer C1 --json /media/card"));
        p.addOption({ QStringLiteral("customer"), tr("the customer handing the photos in"), tr("C") });
        p.addOption({ QStringLiteral("album"), tr("put every photo into the customer's album of this title"), tr("TITLE") });
        p.addOption({ QStringLiteral("again"), tr("store photos already received anyway") });
        p.addOption({ QStringLiteral("verify-full"), tr("read every file whole (no header shortcut)") });
        p.addOption({ QStringLiteral("no-thumbnails"), tr("do not make thumbnails now") });
        p.addPositional(QStringLiteral("path"), tr("cards or folders to hand in"), tr("PATH..."));
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("customer")))
            return context.fail(Error::usage(tr("Say whose photos these are: --customer CODE.")));
        if (p.positionals().isEmpty())
            return context.fail(Error::usage(tr("Name the card or folder to hand in.")));
        IngestOptions options;
        options.customerCode = p.value(QStringLiteral("customer"));
        options.sources = p.positionals();
        options.albumTitle = p.value(QStringLiteral("album")).trimmed();
        options.again = p.isSet(QStringLiteral("again"));
        options.verifyFull = p.isSet(QStringLiteral("verify-full"));
        options.thumbnails = !p.isSet(QStringLiteral("no-thumbnails"));
        options.channel = QStringLiteral("keepsakectl");
        options.actor = AuditLog::currentActor(QStringLiteral("keepsakectl"));
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
    // The same for a local hand-in (IngestJob) and one through a device (RemoteIngest).
    template<typename Job>
    int report(CtlContext &context, const IngestOptions &options, Job &job)
    {
        Console &console = context.console;
        QObject::connect(&job, &Job::fileDecided, &job, [&console](const IngestRecord &record) {
            console.item(ingestRecordJson(record),
                         record.outcome == IngestOutcome::New ? QString() : ingestRecordLine(record));
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
        if constexpr (std::is_same_v<Job, IngestJob>)
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
    static void announceCardReleased(Console &console, IngestJob &job)
    {
        QObject::connect(&job, &IngestJob::cardReleased, &job, [&console](const IngestSummary &s) {
            console.endProgress();
            const int stored = s.added + s.newVersions;
            console.event(QStringLiteral("card_may_be_removed"),
                          { { QStringLiteral("handin"), s.handinId },
                            { QStringLiteral("files"), s.total() },
                            { QStringLiteral("stored"), stored },
                            { QStringLiteral("seconds"), s.cardFreeSeconds } },
                          tr("The card may be removed: %n photo(s) stored safely.", nullptr, stored));
        });
        // From the thumbnail workers, one at a time.
        auto drawing = std::make_shared<QMutex>();
        QObject::connect(&job, &IngestJob::thumbnailProgress, &job, [&console, drawing](int done, int total) {
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
