// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"
#include "Commands.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "ingest/ThumbnailJob.h"
#include "store/BlobStore.h"
#include "lab/LabPrivacy.h"
#include "lab/StoreCheck.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMutex>

namespace Keepsake {

namespace {

class ThumbnailsCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::StoreCommands)

public:
    QString name() const override { return QStringLiteral("thumbnails"); }
    QString description() const override { return tr("make the missing thumbnails of stored photos"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl thumbnails [--customer C]"),
                        tr("Makes every missing thumbnail (grid and print size) of the stored photos, and gives "
                           "the photos stored before near-duplicates were looked for their picture hash."),
                        QStringLiteral("keepsakectl thumbnails --customer C1"));
        p.addOption({ QStringLiteral("customer"), tr("only this customer's photos"), tr("C") });
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        std::optional<qint64> customerId;
        if (p.isSet(QStringLiteral("customer"))) {
            const Result<Customer> customer = Customers(lab->catalog()).byCode(p.value(QStringLiteral("customer")));
            if (!customer)
                return context.fail(customer.error());
            customerId = customer->id;
        }
        ThumbnailJob job(*lab, customerId);
        QMutex mutex;
        Console &console = context.console;
        CancelToken &interrupt = context.cancel;
        CancelToken &token = job.cancelToken();
        QObject::connect(&job, &ThumbnailJob::progress, &job, [&](int done, int total) {
            const QMutexLocker lock(&mutex);
            console.progress(done, total, 0, 0, tr("thumbnails"));
            if (interrupt.isCancelled())
                token.cancel();
        }, Qt::DirectConnection);
        QObject::connect(&job, &ThumbnailJob::failed, &job, [&](const QString &sha, const QString &reason) {
            const QMutexLocker lock(&mutex);
            console.warning(tr("No thumbnail for stored file %1: %2").arg(sha, reason));
        }, Qt::DirectConnection);
        const auto summary = job.run();
        console.endProgress();
        if (!summary)
            return context.fail(summary.error());
        console.summary({ { QStringLiteral("made"), summary->made },
                          { QStringLiteral("present"), summary->present },
                          { QStringLiteral("failed"), summary->failed },
                          { QStringLiteral("hashed"), summary->hashed },
                          { QStringLiteral("seconds"), summary->seconds } },
                        tr("%1 thumbnails made, %2 were there, %3 failed; %4 photos stored before got their "
                           "picture hash (%5 s).")
                            .arg(summary->made).arg(summary->present).arg(summary->failed).arg(summary->hashed)
                            .arg(summary->seconds, 0, 'f', 1));
        return summary->failed > 0 ? ExitPartial : ExitDone;
    }
};

class CheckCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::StoreCommands)

public:
    QString name() const override { return QStringLiteral("check"); }
    QString description() const override { return tr("check that the photo store and the catalog agree"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl check [--repair]"),
                        tr("Checks every stored file against the catalog: files nothing references, "
                           "catalogued files that are missing, files whose bytes changed."),
                        QStringLiteral("keepsakectl check --repair"));
        p.addOption({ QStringLiteral("repair"), tr("delete the files nothing references") });
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const StoreCheck check(*lab);
        Console &console = context.console;
        QMutex mutex;
        const auto report = check.run(context.cancel, [&](int done, int total) {
            const QMutexLocker lock(&mutex);
            console.progress(done, total, 0, 0, tr("files"));
        });
        console.endProgress();
        if (!report)
            return context.fail(report.error());
        for (const QString &path : report->unreferenced)
            console.item({ { QStringLiteral("problem"), QStringLiteral("unreferenced") }, { QStringLiteral("path"), path } },
                         tr("unreferenced: %1 (no photo uses it; --repair deletes it)").arg(path));
        for (const QString &sha : report->missing)
            console.item({ { QStringLiteral("problem"), QStringLiteral("missing") }, { QStringLiteral("sha256"), sha } },
                         tr("missing: %1 is catalogued but its file is gone; restore the store from backup").arg(sha));
        for (const QString &sha : report->damaged)
            console.item({ { QStringLiteral("problem"), QStringLiteral("damaged") }, { QStringLiteral("sha256"), sha } },
                         tr("damaged: the bytes of %1 changed; restore it from backup").arg(sha));
        const int tooOpen = reportTooOpen(console, LabPrivacy(*lab).tooOpen());
        int repaired = 0;
        if (p.isSet(QStringLiteral("repair")) && !report->unreferenced.isEmpty()) {
            const Result<int> removed = check.repair(*report);
            if (!removed)
                return context.fail(removed.error());
            repaired = *removed;
        }
        console.summary({ { QStringLiteral("checked"), report->checked },
                          { QStringLiteral("unreferenced"), report->unreferenced.size() },
                          { QStringLiteral("missing"), report->missing.size() },
                          { QStringLiteral("damaged"), report->damaged.size() },
                          { QStringLiteral("repaired"), repaired },
                          { QStringLiteral("too_open"), tooOpen } },
                        report->clean() ? tr("The store and the catalog agree (%1 files checked).").arg(report->checked)
                                        : tr("%1 files checked: %2 unreferenced (%3 deleted), %4 missing, %5 damaged.")
                                              .arg(report->checked).arg(report->unreferenced.size()).arg(repaired)
                                              .arg(report->missing.size()).arg(report->damaged.size()));
        const bool fixed = report->missing.isEmpty() && report->damaged.isEmpty()
            && repaired == report->unreferenced.size();
        return report->clean() || (p.isSet(QStringLiteral("repair")) && fixed) ? ExitDone : ExitPartial;
    }

private:
    // A warning, not a failure of the check: the lab may have widened them on purpose.
    static int reportTooOpen(Console &console, const QList<PrivateFiles::TooOpen> &entries)
    {
        for (const PrivateFiles::TooOpen &entry : entries) {
            console.item({ { QStringLiteral("problem"), QStringLiteral("too_open") },
                           { QStringLiteral("path"), entry.path },
                           { QStringLiteral("mode"), PrivateFiles::octal(entry.mode) },
                           { QStringLiteral("wanted"), PrivateFiles::octal(entry.wanted) } },
                         tr("warning: %1 has mode %2: other local users can read the lab's photos, PIN "
                            "hashes or mail password. Run: chmod %3 %1")
                             .arg(entry.path, PrivateFiles::octal(entry.mode), PrivateFiles::octal(entry.wanted)));
        }
        return int(entries.size());
    }
};

} // namespace

std::unique_ptr<Command> makeThumbnailsCommand()
{
    return std::make_unique<ThumbnailsCommand>();
}

std::unique_ptr<Command> makeCheckCommand()
{
    return std::make_unique<CheckCommand>();
}

} // namespace Keepsake
