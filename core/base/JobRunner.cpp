// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobRunner.h"

#include <QMetaObject>
#include <QPointer>

#include <mutex>
#include <vector>

namespace Keepsake {

// One job's cancel request, shared by the runner (which cancels) and its work.
struct JobControl::Run
{
    CancelToken cancel;
    std::mutex mutex;                            // the two fields below
    std::vector<std::function<void()>> wakers;   // called on cancel while the work runs
    bool ended = false;                          // the work returned

    void requestCancel()
    {
        const std::lock_guard<std::mutex> lock(mutex);
        if (ended)
            return;
        cancel.cancel();
        for (const std::function<void()> &wake : wakers)
            wake();
    }

    void addWaker(std::function<void()> wake)
    {
        const std::lock_guard<std::mutex> lock(mutex);
        if (ended)
            return;
        if (cancel.isCancelled())
            wake();
        wakers.push_back(std::move(wake));
    }

    // True when cancel was asked for before the work returned.
    bool end()
    {
        const std::lock_guard<std::mutex> lock(mutex);
        ended = true;
        wakers.clear();
        return cancel.isCancelled();
    }
};

const CancelToken &JobControl::cancelToken() const
{
    return m_run.cancel;
}

void JobControl::setProgress(qint64 done, qint64 total) const
{
    JobRunner *runner = &m_runner;
    runner->post([runner, done, total] { Q_EMIT runner->progress(done, total); });
}

void JobControl::onCancel(std::function<void()> wake) const
{
    m_run.addWaker(std::move(wake));
}

JobRunner::JobRunner(QObject *parent) : QObject(parent)
{
    m_pool.setObjectName(QStringLiteral("keepsake-job"));
    m_pool.setMaxThreadCount(1);
}

JobRunner::~JobRunner()
{
    // The work may hold this object (it posts here) and the job: it must return
    // first. What it posted is dropped with this object.
    cancel();
    m_pool.waitForDone();
}

void JobRunner::cancel()
{
    if (m_run)
        m_run->requestCancel();
}

bool JobRunner::launch(Task task, std::unique_ptr<QObject> job, std::function<void()> cancelJob)
{
    if (m_running)
        return false;
    m_running = true;
    m_job = std::move(job);
    m_run = std::make_shared<JobControl::Run>();
    if (cancelJob)
        m_run->addWaker(std::move(cancelJob));
    m_pool.start([this, run = m_run, task = std::move(task)]() mutable {
        Delivery delivery;
        {
            JobControl control(*this, *run);
            delivery = task(control);
        }
        const bool cancelled = run->end();
        post([this, cancelled, delivery = std::move(delivery)] { finish(cancelled, delivery); });
    });
    return true;
}

void JobRunner::post(Delivery call)
{
    QMetaObject::invokeMethod(this, std::move(call), Qt::QueuedConnection);
}

void JobRunner::finish(bool cancelled, const Delivery &delivery)
{
    // Every signal of the job reached its receivers before this call (they were posted
    // to this thread earlier): the job may go. `done` may start the next job.
    m_job.reset();
    m_run.reset();
    m_running = false;
    const QPointer<JobRunner> self(this);
    delivery();
    if (self)   // `done` may have closed the window that owned this runner
        Q_EMIT finished(cancelled);
}

} // namespace Keepsake
