// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestRunner.h"

#include "JobThread.h"
#include "ingest/IngestJob.h"

namespace Keepsake {

IngestRunner::IngestRunner(const Lab &lab, QObject *parent) : QObject(parent), m_lab(lab)
{
    qRegisterMetaType<Keepsake::IngestRecord>();
    qRegisterMetaType<Keepsake::IngestSummary>();
    m_thread = new JobThread(this);
}

IngestRunner::~IngestRunner()
{
    cancel();
}

bool IngestRunner::isRunning() const
{
    return m_thread->isRunning();
}

void IngestRunner::cancel()
{
    if (m_job)
        m_job->cancelToken().cancel();
}

void IngestRunner::start(const IngestOptions &options)
{
    if (isRunning())
        return;
    auto *job = new IngestJob(m_lab, options);
    m_job = job;
    connect(job, &IngestJob::started, this, &IngestRunner::started);
    connect(job, &IngestJob::progress, this, &IngestRunner::progress);
    connect(job, &IngestJob::fileDecided, this, &IngestRunner::fileDecided);
    auto outcome = std::make_shared<std::pair<IngestSummary, QString>>();
    m_thread->start(job, [job, outcome] {
        Result<IngestSummary> result = job->run();
        if (result)
            outcome->first = *result;
        else
            outcome->second = result.error().message();
    }, [this, outcome] {
        m_job = nullptr;
        Q_EMIT finished(outcome->first, outcome->second);
    });
}

} // namespace Keepsake
