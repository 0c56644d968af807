// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StationJob.h"
#include "base/Error.h"
#include "disc/BurnJob.h"

#include <QElapsedTimer>
#include <QObject>

namespace Keepsake {

class Lab;

// One job on a burn station: the same BurnJob as a local burn (photos the station
// does not keep are fetched from their device, hash-verified, as staging does), with
// its recording left to the requester. While it runs, the job's row carries its state
// and progress (0–10 preparing, 10–80 writing, 80–100 verifying) and, before the
// first byte is written, what the image file was, so that a restarted station can
// put it back (undoImage). A job held by a test stops at the armed pause point
// "station-at-P" (base/PausePoint.h) when its progress reaches P.
class StationBurn : public QObject
{
    Q_OBJECT

public:
    StationBurn(const Lab &lab, StationJob job, QObject *parent = nullptr);
    ~StationBurn() override;

    Result<BurnSummary> run();
    CancelToken &cancelToken() { return m_burn.cancelToken(); }
    const StationJob &job() const { return m_job; }

    // What a job wrote into its image file is undone: a new file removed, an existing
    // one given back its size and head. For a job that did not end well.
    static void undoImage(const Lab &lab, qint64 jobId);

Q_SIGNALS:
    void progressed(qint64 jobId, int percent);

private:
    void onProgress(BurnJob::Phase phase, qint64 done, qint64 total);
    void onAboutToWrite(const QString &drive, const QString &imagePath, bool existed, qint64 size,
                        const QByteArray &head);
    void pauseBetween(int from, int to);
    void save(int percent);
    QString phaseText(BurnJob::Phase phase) const;

    const Lab &m_lab;
    StationJob m_job;
    BurnJob m_burn;
    int m_percent = 0;
    BurnJob::Phase m_phase = BurnJob::Phase::Preparing;
    QElapsedTimer m_saved;
};

} // namespace Keepsake
