// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StationJob.h"
#include "base/Error.h"
#include "disc/BurnJob.h"
#include "disc/DiscDrive.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace Keepsake {

class JobRunner;
class Lab;

// A device's drives as its station offers them, with what is in each.
struct StationDrive
{
    DriveEntry drive;
    DiscMedia media;
    QString problem;    // why its medium could not be read, if so
};

// The burn station of a device (issue 15): takes the device's queued jobs one after
// the other (the disc libraries drive one drive at a time per process), each as a
// StationBurn on a JobRunner, and leaves each job's outcome in its row: verified (the
// report waits for the requester), failed or cancelled. When it starts, the jobs a
// station that stopped or died left unfinished are failed and their image files put
// back. The drive list is read when idle and kept, so that asking for it never waits
// for a burn.
class StationRunner : public QObject
{
    Q_OBJECT

public:
    explicit StationRunner(const Lab &lab, QObject *parent = nullptr);
    ~StationRunner() override;

    // Fails what an earlier process left unfinished, reads the drives, and starts
    // taking jobs (now, after each job, when poked, and every few seconds).
    Status start();
    void poke();
    // A queued job ends cancelled at once; a running one is asked to stop.
    Result<StationJob> cancel(qint64 jobId);
    // A verified job its requester found wrong: failed, its image undone.
    Result<StationJob> reject(qint64 jobId, const QString &why);
    // No new jobs; a running one is abandoned (failed, its image undone).
    void stop();
    bool isIdle() const;

    QList<StationDrive> drives() const { return m_drives; }
    qint64 runningJob() const { return m_runningId; }

Q_SIGNALS:
    void jobEnded(const Keepsake::StationJob &job);

private:
    void takeNext();
    void onEnded(qint64 jobId, const Result<BurnSummary> &summary);
    void readDrives();

    const Lab &m_lab;
    std::unique_ptr<JobRunner> m_runner;        // the job that burns
    std::unique_ptr<JobRunner> m_driveReader;   // the drives and their media
    QTimer m_timer;
    QList<StationDrive> m_drives;
    qint64 m_runningId = 0;
    bool m_stopping = false;
    bool m_started = false;
};

} // namespace Keepsake
