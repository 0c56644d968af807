// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace Keepsake {

// Runs one long job (an IngestJob, a burn, a print) on a worker thread of its own so
// that the window never freezes. The job object moves to that thread, so its signals
// reach the window queued; `done` runs on the window's thread once the work returned.
class JobThread : public QObject
{
    Q_OBJECT

public:
    explicit JobThread(QObject *parent = nullptr);
    ~JobThread() override;   // waits for the work to return (cancel it first)

    bool isRunning() const { return m_running; }
    void start(QObject *job, std::function<void()> work, std::function<void()> done);

Q_SIGNALS:
    void finished();

private:
    void finish();

    QThread m_thread;
    std::unique_ptr<QObject> m_job;
    std::function<void()> m_done;
    bool m_running = false;
};

} // namespace Keepsake
