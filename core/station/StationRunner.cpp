// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StationRunner.h"

#include "StationBurn.h"
#include "StationJobs.h"
#include "StationLog.h"
#include "StationReport.h"
#include "base/JobRunner.h"
#include "lab/Lab.h"

namespace Keepsake {

namespace {

constexpr int PollMs = 2000;   // jobs another process of the chain queued

} // namespace

StationRunner::StationRunner(const Lab &lab, QObject *parent)
    : QObject(parent), m_lab(lab), m_runner(std::make_unique<JobRunner>()),
      m_driveReader(std::make_unique<JobRunner>())
{
    m_timer.setInterval(PollMs);
    connect(&m_timer, &QTimer::timeout, this, &StationRunner::takeNext);
}

StationRunner::~StationRunner()
{
    stop();
    m_runner.reset();   // waits for a running job's work to return
    m_driveReader.reset();
}

Status StationRunner::start()
{
    if (!m_lab.device())
        return Error::usage(tr("%1 is not a device of a chain: a burn station is a device (keepsakectl device init).")
                                .arg(m_lab.dataDir()));
    const Result<QList<StationJob>> left = StationJobs(m_lab.catalog()).failUnfinished(
        m_lab.device()->id, tr("The station stopped or restarted during this job: nothing was recorded, the albums "
                               "stay expired. Burn again."), m_lab.clock().now());
    if (!left)
        return left.error();
    for (const StationJob &job : *left) {
        StationBurn::undoImage(m_lab, job.id);
        qCWarning(lcStation) << "Job" << job.id << "for customer" << job.customer << "was left unfinished: failed";
    }
    readDrives();
    m_started = true;
    m_timer.start();
    takeNext();
    return Status::success();
}

// Off the service's thread: a real drive may take seconds to tell its medium.
void StationRunner::readDrives()
{
    if (m_driveReader->isRunning())
        return;
    m_driveReader->start([](JobControl &) -> Result<QList<StationDrive>> {
        const Result<QList<DriveEntry>> listed = DiscDrive::list();
        if (!listed)
            return listed.error();
        QList<StationDrive> drives;
        for (const DriveEntry &entry : *listed) {
            StationDrive drive { entry, {}, {} };
            const Result<std::unique_ptr<DiscDrive>> opened = DiscDrive::open(entry.address);
            if (opened)
                drive.media = (*opened)->media();
            else
                drive.problem = opened.error().message();
            drives.append(drive);
        }
        return drives;
    }, [this](const Result<QList<StationDrive>> &drives) {
        if (drives)
            m_drives = *drives;
        else
            qCInfo(lcStation) << "The drives could not be listed:" << drives.error().message();
    });
}

void StationRunner::poke()
{
    if (m_started && !m_stopping)
        takeNext();
}

void StationRunner::takeNext()
{
    if (m_stopping || m_runner->isRunning())
        return;
    const Result<std::optional<StationJob>> next = StationJobs(m_lab.catalog()).claimNext(m_lab.device()->id,
                                                                                          m_lab.clock().now());
    if (!next) {
        qCWarning(lcStation) << "The station's queue could not be read:" << next.error().message();
        return;
    }
    if (!next->has_value())
        return;
    const StationJob job = **next;
    m_runningId = job.id;
    qCInfo(lcStation) << "Job" << job.id << "for customer" << job.customer << "on" << job.drive << "starts";
    m_runner->start(std::make_unique<StationBurn>(m_lab, job),
                    [this, id = job.id](const Result<BurnSummary> &summary) { onEnded(id, summary); });
}

void StationRunner::onEnded(qint64 jobId, const Result<BurnSummary> &summary)
{
    m_runningId = 0;
    const StationJobs jobs(m_lab.catalog());
    const QDateTime now = m_lab.clock().now();
    Result<StationJob> job = jobs.byId(jobId);
    const QString requester = job ? job->requester : QString();
    if (summary) {
        const StationReport report { summary->discs };
        const QString message = summary->nothingToRecord
            ? tr("Nothing to record: the customer has no expired albums.")
            : tr("Verified: %n file(s) read back intact; waiting for %1 to record it.", nullptr,
                 summary->filesVerified).arg(requester);
        if (Status saved = jobs.setVerified(jobId, report.toJson(), message); !saved)
            qCWarning(lcStation) << "Job" << jobId << "could not report its verified disc:" << saved.error().message();
    } else {
        const bool cancelled = summary.error().kind() == Error::Kind::Cancelled && !m_stopping;
        const QString message = m_stopping
            ? tr("The station was stopped during this job: nothing was recorded, the albums stay expired. Burn again.")
            : summary.error().message();
        (void)jobs.finish(jobId, cancelled ? StationJob::State::Cancelled : StationJob::State::Failed, message, now);
        StationBurn::undoImage(m_lab, jobId);
        qCInfo(lcStation) << "Job" << jobId << (cancelled ? "cancelled:" : "failed:") << message;
    }
    job = jobs.byId(jobId);
    if (job)
        Q_EMIT jobEnded(*job);
    if (!m_stopping) {
        if (!m_drives.isEmpty())
            readDrives();   // a real drive's medium changed with the job
        takeNext();
    }
}

Result<StationJob> StationRunner::cancel(qint64 jobId)
{
    const StationJobs jobs(m_lab.catalog());
    const Result<StationJob> job = jobs.requestCancel(jobId);
    if (!job)
        return job.error();
    if (job->state == StationJob::State::Queued) {
        (void)jobs.finish(jobId, StationJob::State::Cancelled, tr("Cancelled before it started; the albums stay "
                                                                  "expired."), m_lab.clock().now());
    } else if (jobId == m_runningId) {
        m_runner->cancel();
    }
    return jobs.byId(jobId);
}

Result<StationJob> StationRunner::reject(qint64 jobId, const QString &why)
{
    const StationJobs jobs(m_lab.catalog());
    const Result<bool> ended = jobs.finish(jobId, StationJob::State::Failed, why, m_lab.clock().now());
    if (!ended)
        return ended.error();
    if (*ended)
        StationBurn::undoImage(m_lab, jobId);
    return jobs.byId(jobId);
}

void StationRunner::stop()
{
    m_stopping = true;
    m_timer.stop();
    if (m_runner && m_runner->isRunning())
        m_runner->cancel();
}

bool StationRunner::isIdle() const
{
    return (!m_runner || !m_runner->isRunning()) && (!m_driveReader || !m_driveReader->isRunning());
}

} // namespace Keepsake
