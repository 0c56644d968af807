// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The burn stations' queue (CLI.md, "Network"): keepsakectl jobs [--station DEVICE]
// and job cancel ID. `drives --station` and `burn --station` are in DiscCommands.cpp.
#include "Command.h"
#include "Commands.h"
#include "catalog/AuditLog.h"
#include "lab/Lab.h"
#include "net/RemoteBurn.h"
#include "net/StationClient.h"
#include "net/StationRecords.h"
#include "station/StationJobs.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

QString jobLine(const StationJob &job)
{
    const QString where = job.position > 0
        ? QCoreApplication::translate("Keepsake::StationCommands", "queued, %1 in line").arg(job.position)
        : StationJob::stateName(job.state);
    return QCoreApplication::translate("Keepsake::StationCommands", "%1  %2 %3  customer %4  %5  %6 %  %7")
        .arg(job.id).arg(job.station, job.drive, job.customer, where).arg(job.progress).arg(job.message);
}

class JobsCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::StationCommands)

public:
    QString name() const override { return QStringLiteral("jobs"); }
    QString description() const override { return tr("the burn stations' jobs: queued, running, ended"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl jobs [--station DEVICE]"),
                        tr("Lists the recordings asked of a burn station (or of every station of the chain), oldest "
                           "first, with their state, place in the queue, progress and message. Run on the device "
                           "that asked for a job, it also records the discs a station verified while that device "
                           "was not waiting for them (it was stopped or cut off)."),
                        QStringLiteral("keepsakectl jobs --station burner-1 --json"));
        p.addOption({ QStringLiteral("station"), tr("only this station's jobs, as the station tells them"), tr("DEVICE") });
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<QList<StationJob>> settled = RemoteBurn::settleWaiting(
            *lab, tr("%1 (jobs)").arg(lab->device() ? lab->device()->name : QString()),
            AuditLog::currentActor(QStringLiteral("keepsakectl")));
        if (!settled)
            return context.fail(settled.error());
        for (const StationJob &job : *settled)
            context.console.line(tr("Job %1 of station %2 ended while nobody waited for it: %3")
                                     .arg(job.id).arg(job.station, job.message));
        const QString station = p.value(QStringLiteral("station"));
        const Result<QList<StationJob>> jobs = station.isEmpty() ? StationJobs(lab->catalog()).list(0) : ofStation(*lab, station);
        if (!jobs)
            return context.fail(jobs.error());
        for (const StationJob &job : *jobs)
            context.console.item(StationRecords::job(job), jobLine(job));
        context.console.summary({ { QStringLiteral("jobs"), jobs->size() } }, tr("%n job(s).", nullptr, int(jobs->size())));
        return ExitDone;
    }

private:
    static Result<QList<StationJob>> ofStation(const Lab &lab, const QString &station)
    {
        Result<std::unique_ptr<StationClient>> client = StationClient::open(lab, station);
        if (!client)
            return client.error();
        return (*client)->jobs();
    }
};

class JobCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::StationCommands)

public:
    QString name() const override { return QStringLiteral("job"); }
    QString description() const override { return tr("cancel a burn station's job (job cancel ID)"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl job cancel ID"),
                        tr("Asks the job's station to cancel it: a queued job ends at once, a running one at its "
                           "next step; no image is left and the albums stay expired. A job that has ended stays "
                           "as it ended."),
                        QStringLiteral("keepsakectl job cancel 12"));
        p.addPositional(QStringLiteral("cancel"), tr("the sub-command"), QStringLiteral("cancel"));
        p.addPositional(QStringLiteral("ID"), tr("the job's number, as jobs shows it"), QStringLiteral("ID"));
        if (auto done = p.parse(context, args))
            return *done;
        bool ok = false;
        const qint64 id = p.positionals().value(1).toLongLong(&ok);
        if (p.positionals().value(0) != QLatin1String("cancel") || !ok)
            return context.fail(Error::usage(tr("Say: keepsakectl job cancel ID.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<StationJob> known = StationJobs(lab->catalog()).byId(id);
        if (!known)
            return context.fail(Error::usage(known.error().message()));
        Result<std::unique_ptr<StationClient>> client = StationClient::open(*lab, known->station, &context.cancel);
        if (!client)
            return context.fail(client.error());
        const Result<StationJob> job = (*client)->cancel(id);
        if (!job)
            return context.fail(job.error());
        context.console.item(StationRecords::job(*job), jobLine(*job));
        context.console.summary({ { QStringLiteral("state"), StationJob::stateName(job->state) } },
                                job->isFinished() ? tr("Job %1 is %2.").arg(id).arg(StationJob::stateName(job->state))
                                                  : tr("Job %1 is asked to stop.").arg(id));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeJobsCommand() { return std::make_unique<JobsCommand>(); }
std::unique_ptr<Command> makeJobCommand() { return std::make_unique<JobCommand>(); }

} // namespace Keepsake
