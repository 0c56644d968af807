// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StationBurn.h"

#include "StationJobs.h"
#include "StationLog.h"
#include "base/PausePoint.h"
#include "lab/Lab.h"

#include <QDir>
#include <QFile>

namespace Keepsake {

namespace {

BurnOptions optionsFor(const StationJob &job)
{
    BurnOptions options;
    options.customerCode = job.customer;
    for (qint64 album : job.albums)
        options.albums << QString::number(album);
    options.drive = job.drive;
    options.media = job.media;
    options.capacity = job.capacity;
    options.actor = job.actor;
    options.recordHere = false;
    return options;
}

QString headFile(const Lab &lab, qint64 jobId)
{
    return lab.path(QStringLiteral("station/job-%1.head").arg(jobId));
}

} // namespace

StationBurn::StationBurn(const Lab &lab, StationJob job, QObject *parent)
    : QObject(parent), m_lab(lab), m_job(std::move(job)), m_burn(lab, optionsFor(m_job))
{
    connect(&m_burn, &BurnJob::progress, this, &StationBurn::onProgress, Qt::DirectConnection);
    connect(&m_burn, &BurnJob::aboutToWrite, this, &StationBurn::onAboutToWrite, Qt::DirectConnection);
}

StationBurn::~StationBurn() = default;

Result<BurnSummary> StationBurn::run()
{
    m_saved.start();
    pauseBetween(-1, 0);
    Result<BurnSummary> summary = m_burn.run();
    QFile::remove(headFile(m_lab, m_job.id));
    return summary;
}

QString StationBurn::phaseText(BurnJob::Phase phase) const
{
    switch (phase) {
    case BurnJob::Phase::Preparing: return tr("Preparing the albums (photos fetched from their devices)");
    case BurnJob::Phase::Writing: return tr("Writing onto %1").arg(m_job.drive);
    case BurnJob::Phase::Verifying: return tr("Reading the disc back to verify it");
    }
    return {};
}

void StationBurn::onProgress(BurnJob::Phase phase, qint64 done, qint64 total)
{
    const double part = total > 0 ? double(qBound<qint64>(0, done, total)) / double(total) : 0.0;
    int percent = 0;
    switch (phase) {
    case BurnJob::Phase::Preparing: percent = int(10 * part); break;
    case BurnJob::Phase::Writing: percent = 10 + int(70 * part); break;
    case BurnJob::Phase::Verifying: percent = 80 + int(19 * part); break;
    }
    percent = qMax(percent, m_percent);
    const bool phaseChanged = phase != m_phase;
    if (percent == m_percent && !phaseChanged)
        return;
    const int before = m_percent;
    m_phase = phase;
    pauseBetween(before, percent);
    m_percent = percent;
    // The row is the queue everyone reads: written when the phase changes, and at
    // most a few times a second otherwise.
    if (phaseChanged || m_saved.elapsed() >= 250)
        save(percent);
}

void StationBurn::save(int percent)
{
    const StationJob::State state = m_phase == BurnJob::Phase::Verifying ? StationJob::State::Verifying
                                                                         : StationJob::State::Running;
    if (Status saved = StationJobs(m_lab.catalog()).setProgress(m_job.id, state, percent, phaseText(m_phase)); !saved)
        qCWarning(lcStation) << "The progress of job" << m_job.id << "was not saved:" << saved.error().message();
    m_saved.restart();
    Q_EMIT progressed(m_job.id, percent);
}

// A test holds the job at P: the row says P while it holds.
void StationBurn::pauseBetween(int from, int to)
{
    if (!PausePoint::enabled())
        return;
    for (int percent = from + 1; percent <= to; ++percent) {
        const QString arm = QStringLiteral("station-at-%1").arg(percent);
        if (!PausePoint::armed(arm))
            continue;
        save(percent);
        const QString paused = QStringLiteral("station-job-%1-paused-at-%2").arg(m_job.id).arg(percent);
        if (PausePoint::reach(arm, paused, m_burn.cancelToken()))
            qCInfo(lcStation) << "Job" << m_job.id << "was held at" << percent << "%";
    }
}

void StationBurn::onAboutToWrite(const QString &, const QString &imagePath, bool existed, qint64 size,
                                 const QByteArray &head)
{
    if (imagePath.isEmpty())
        return;
    if (existed) {
        QDir().mkpath(m_lab.path(QStringLiteral("station")));
        QFile file(headFile(m_lab, m_job.id));
        if (!file.open(QIODevice::WriteOnly) || file.write(head) != head.size() || !file.flush())
            qCWarning(lcStation) << "The head of" << imagePath << "was not kept for job" << m_job.id;
    }
    if (Status saved = StationJobs(m_lab.catalog()).setImage(m_job.id, imagePath, existed, size); !saved)
        qCWarning(lcStation) << "Job" << m_job.id << "could not note its image file:" << saved.error().message();
}

void StationBurn::undoImage(const Lab &lab, qint64 jobId)
{
    const Result<StationJobs::ImageBefore> image = StationJobs(lab.catalog()).imageBefore(jobId);
    if (!image || image->path.isEmpty())
        return;
    if (!image->existed) {
        if (QFile::exists(image->path) && !QFile::remove(image->path))
            qCWarning(lcStation) << "The image file" << image->path << "of job" << jobId << "could not be removed";
        return;
    }
    QFile head(headFile(lab, jobId));
    QFile file(image->path);
    const QByteArray bytes = head.open(QIODevice::ReadOnly) ? head.readAll() : QByteArray();
    if (!file.resize(image->size) || !file.open(QIODevice::ReadWrite) || file.write(bytes) != bytes.size())
        qCWarning(lcStation) << "The image file" << image->path << "of job" << jobId << "could not be put back";
    head.close();
    QFile::remove(head.fileName());
}

} // namespace Keepsake
