// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "BurnWorker.h"

#include "DiscLog.h"

namespace Keepsake {

BurnWorker::BurnWorker(const Lab &lab, QObject *parent) : QObject(parent), m_lab(lab)
{
    qRegisterMetaType<Keepsake::BurnSummary>();
    qRegisterMetaType<Keepsake::BurnedDisc>();
    qRegisterMetaType<QList<Keepsake::PlannedDisc>>();
    qRegisterMetaType<Keepsake::BurnJob::Phase>();
}

BurnWorker::~BurnWorker()
{
    cancel();
    wait();
}

bool BurnWorker::isRunning() const
{
    return m_running.load();
}

bool BurnWorker::wait(int milliseconds)
{
    if (!m_thread)
        return true;
    return m_thread->wait(milliseconds < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(milliseconds));
}

void BurnWorker::cancel()
{
    if (m_job)
        m_job->cancelToken().cancel();
}

bool BurnWorker::start(const BurnOptions &options)
{
    if (isRunning())
        return false;
    if (m_thread)
        m_thread->wait();   // finished, its end not yet handled
    m_thread.reset();
    m_job = std::make_unique<BurnJob>(m_lab, options);
    // Signal to signal, in the worker thread: receivers of this object in other
    // threads get them queued.
    connect(m_job.get(), &BurnJob::planned, this, &BurnWorker::planned, Qt::DirectConnection);
    connect(m_job.get(), &BurnJob::progress, this, &BurnWorker::progress, Qt::DirectConnection);
    connect(m_job.get(), &BurnJob::written, this, &BurnWorker::written, Qt::DirectConnection);
    connect(m_job.get(), &BurnJob::discRecorded, this, &BurnWorker::discRecorded, Qt::DirectConnection);
    BurnJob *job = m_job.get();
    m_running = true;
    m_thread.reset(QThread::create([this, job] {
        const Result<BurnSummary> result = job->run();
        m_running = false;
        if (result) {
            Q_EMIT finished(*result);
            return;
        }
        qCInfo(lcDisc).noquote() << "Burn failed:" << result.error().message();
        Q_EMIT failed(result.error().message(), result.error().kind() == Error::Kind::Cancelled,
                      result.error().kind() == Error::Kind::Refused);
    }));
    m_thread->setObjectName(QStringLiteral("keepsake-burn"));
    m_thread->start();
    return true;
}

} // namespace Keepsake
