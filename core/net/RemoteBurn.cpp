// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RemoteBurn.h"

#include "NetLog.h"
#include "StationClient.h"
#include "lab/Lab.h"
#include "station/StationJobs.h"
#include "station/StationSettlement.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>

namespace Keepsake {

RemoteBurn::RemoteBurn(const Lab &lab, RemoteBurnOptions options, QObject *parent)
    : QObject(parent), m_lab(lab), m_options(std::move(options))
{
}

RemoteBurn::~RemoteBurn() = default;

QJsonObject RemoteBurn::request() const
{
    const BurnOptions &burn = m_options.burn;
    return { { QStringLiteral("customer"), burn.customerCode },
             { QStringLiteral("albums"), QJsonArray::fromStringList(burn.albums) },
             { QStringLiteral("drive"), burn.drive },
             { QStringLiteral("media"), burn.media },
             { QStringLiteral("capacity"), burn.capacity },
             { QStringLiteral("actor"), burn.actor } };
}

Result<BurnSummary> RemoteBurn::run()
{
    if (m_options.burn.dryRun)
        return Error::usage(tr("A dry run plans on this device: leave out --station, or --dry-run."));
    Result<std::unique_ptr<StationClient>> client = StationClient::open(m_lab, m_options.station, &m_cancel);
    if (client)
        (*client)->alsoCancelledBy(m_alsoCancel);
    if (!client)
        return client.error();
    const Result<StationJob> taken = (*client)->submit(request());
    if (!taken)
        return taken.error().prefixed(tr("Station %1 did not take the job: ").arg(m_options.station));
    m_job = *taken;
    Q_EMIT submitted(m_job);
    const Result<StationJob> ended = follow(**client);
    if (!ended)
        return ended.error();
    return outcome(**client, *ended);
}

// Asks the station how the job goes until it ends or its disc waits for us. The
// station may be cut off or restart meanwhile: we keep asking, up to giveUpSeconds
// without an answer. Cancelling is asked of the station, which ends the job.
Result<StationJob> RemoteBurn::follow(StationClient &client)
{
    QElapsedTimer reached;
    reached.start();
    bool cancelAsked = false;
    // The client's own calls must go on when we are cancelled: it asks the station to stop.
    Result<std::unique_ptr<StationClient>> asker = StationClient::open(m_lab, m_options.station);
    if (!asker)
        return asker.error();
    for (;;) {
        if (m_leave.isCancelled())
            return Error::cancelled(tr("Job %1 is left to station %2: it goes on there, and its disc is recorded when "
                                       "this device next looks at the queue.").arg(m_job.id).arg(m_options.station));
        if (cancelled() && !cancelAsked && !m_leave.isCancelled()) {
            const Result<StationJob> cancelled = (*asker)->cancel(m_job.id);
            cancelAsked = cancelled.ok() || (*asker)->answered();
        }
        StationClient &ask = cancelAsked || cancelled() ? **asker : client;
        const Result<StationJob> now = ask.job(m_job.id);
        if (now) {
            reached.restart();
            const bool moved = now->state != m_job.state || now->progress != m_job.progress || now->message != m_job.message;
            m_job = *now;
            if (moved)
                Q_EMIT changed(m_job);
            if (m_job.isFinished() || m_job.awaitsRequester())
                return m_job;
        } else if (ask.answered()) {
            return now.error().prefixed(tr("Station %1, job %2: ").arg(m_options.station).arg(m_job.id));
        } else if (reached.elapsed() > qint64(m_options.giveUpSeconds) * 1000) {
            return Error::failure(tr("Station %1 could not be reached for %n minute(s): job %2 is left to it; "
                                     "keepsakectl jobs --station %1 shows how it ends, and records a verified disc.",
                                     nullptr, m_options.giveUpSeconds / 60).arg(m_options.station).arg(m_job.id));
        }
        QThread::msleep(quint32(m_options.pollMs));
    }
}

Result<BurnSummary> RemoteBurn::outcome(StationClient &client, const StationJob &job)
{
    if (job.state == StationJob::State::Cancelled)
        return Error::cancelled(tr("Station %1 cancelled job %2: %3").arg(job.station).arg(job.id).arg(job.message));
    if (job.state == StationJob::State::Failed)
        return Error::failure(tr("Station %1, job %2 failed: %3").arg(job.station).arg(job.id).arg(job.message));
    BurnSummary summary;
    if (job.state == StationJob::State::Done)
        return summary;   // recorded by another process of this device meanwhile (keepsakectl jobs)
    const Result<QList<BurnedDisc>> discs = settle(m_lab, &client, job, tr("%1 (burn)").arg(m_lab.device()->name),
                                                   m_options.burn.actor, m_options.burn.printer);
    if (!discs)
        return discs.error();
    summary.nothingToRecord = discs->isEmpty();
    for (const BurnedDisc &disc : *discs) {
        if (summary.discs.isEmpty())
            summary.media = disc.media;
        summary.add(disc);
        Q_EMIT discRecorded(disc);
    }
    const Result<StationJob> done = StationJobs(m_lab.catalog()).byId(job.id);
    if (done)
        m_job = *done;
    return summary;
}

Result<QList<BurnedDisc>> RemoteBurn::settle(const Lab &lab, StationClient *client, const StationJob &job,
                                             const QString &settler, const QString &actor, const QString &printer)
{
    const Result<StationJob> full = StationJobs(lab.catalog()).byId(job.id);   // the report, from the catalog
    if (!full)
        return full.error();
    const Result<QList<BurnedDisc>> discs = StationSettlement::settle(lab, *full, { settler, actor, printer });
    if (discs || discs.error().kind() != Error::Kind::Refused)
        return discs;
    // The disc does not hold what the catalog says: the station undoes it.
    const QString why = discs.error().message();
    std::unique_ptr<StationClient> own;
    if (!client) {
        Result<std::unique_ptr<StationClient>> opened = StationClient::open(lab, job.station);
        if (opened)
            own = std::move(opened).value();
        client = own.get();
    }
    if (!client || !client->reject(job.id, why)) {
        qCWarning(lcNet) << "Station" << job.station << "could not be told to undo job" << job.id << "- failed here";
        (void)StationJobs(lab.catalog()).finish(job.id, StationJob::State::Failed, why, lab.clock().now());
    }
    return discs;
}

Result<QList<StationJob>> RemoteBurn::settleWaiting(const Lab &lab, const QString &settler, const QString &actor)
{
    if (!lab.device())
        return QList<StationJob>();
    const Result<QList<StationJob>> jobs = StationJobs(lab.catalog()).list(0);
    if (!jobs)
        return jobs.error();
    QList<StationJob> settled;
    for (const StationJob &job : *jobs) {
        if (job.requesterId != lab.device()->id || !job.awaitsRequester())
            continue;
        const Result<QList<BurnedDisc>> discs = settle(lab, nullptr, job, settler, actor, QString());
        if (!discs)
            qCWarning(lcNet) << "Job" << job.id << "of station" << job.station << "was not recorded:" << discs.error().message();
        const Result<StationJob> now = StationJobs(lab.catalog()).byId(job.id);
        if (now)
            settled.append(*now);
    }
    return settled;
}

} // namespace Keepsake
