// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobThread.h"

namespace Keepsake {

JobThread::JobThread(QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("keepsake-job"));
}

JobThread::~JobThread()
{
    m_thread.quit();
    m_thread.wait();
}

void JobThread::start(QObject *job, std::function<void()> work, std::function<void()> done)
{
    Q_ASSERT(!m_running);
    m_running = true;
    m_job.reset(job);
    m_done = std::move(done);
    if (!m_thread.isRunning())
        m_thread.start();
    job->moveToThread(&m_thread);
    QMetaObject::invokeMethod(job, [this, work = std::move(work)] {
        work();
        QMetaObject::invokeMethod(this, &JobThread::finish, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void JobThread::finish()
{
    m_running = false;
    // The job's queued signals were posted before this call: they have been delivered.
    // The job lives on the worker thread: it is deleted there.
    m_job.release()->deleteLater();
    if (auto done = std::exchange(m_done, {}))
        done();
    Q_EMIT finished();
}

} // namespace Keepsake
