// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BurnJob.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace Keepsake {

class Lab;

// A burn off the GUI thread (DESIGN.md, "One worker thread owns the libraries; the GUI
// never waits on them"). start() runs a BurnJob on a thread this object owns; the
// job's signals arrive here and are sent on, so a window connects to this object only
// (receivers in the GUI thread get them queued). cancel() may be called at any time
// from the GUI thread: the job stops at its next check (libburn's cancel while
// writing) and fails with cancelled = true, leaving the albums and the image file as
// they were. Exactly one of finished() or failed() ends each run; isRunning() is
// false from then on and start() may be called again.
//
//     auto *worker = new BurnWorker(lab, this);
//     connect(worker, &BurnWorker::progress, this, &CounterWindow::showBurnProgress);
//     connect(worker, &BurnWorker::finished, this, &CounterWindow::burnDone);
//     connect(worker, &BurnWorker::failed, this, &CounterWindow::burnFailed);
//     worker->start(options);
//
// The Lab must outlive the worker; the destructor cancels a running burn and waits
// for its thread.
class BurnWorker : public QObject
{
    Q_OBJECT

public:
    explicit BurnWorker(const Lab &lab, QObject *parent = nullptr);
    ~BurnWorker() override;

    // False (and nothing started) while a burn runs.
    bool start(const BurnOptions &options);
    void cancel();
    bool isRunning() const;
    // Blocks until the running burn ends (for shutdown and tests); true when it did.
    bool wait(int milliseconds = -1);

Q_SIGNALS:
    void planned(const QList<Keepsake::PlannedDisc> &plan);
    void progress(Keepsake::BurnJob::Phase phase, qint64 done, qint64 total, double bytesPerSecond, int secondsLeft);
    void written(const QString &drive);
    void discRecorded(const Keepsake::BurnedDisc &disc);
    void finished(const Keepsake::BurnSummary &summary);
    // cancelled: the clerk asked; refused: a rule said no (another customer's disc, ...).
    void failed(const QString &message, bool cancelled, bool refused);

private:
    const Lab &m_lab;
    std::unique_ptr<BurnJob> m_job;
    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_running { false };
};

} // namespace Keepsake
