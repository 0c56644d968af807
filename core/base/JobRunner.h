// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CancelToken.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <type_traits>

namespace Keepsake {

class JobRunner;

// What a job's work holds while it runs on the runner's worker thread: the cancel
// request, and the way to report progress to the runner's thread.
class JobControl
{
public:
    const CancelToken &cancelToken() const;
    bool isCancelled() const { return cancelToken().isCancelled(); }
    // Step `done` of `total`: the runner emits progress() on its own thread, in the
    // order reported, and always before the result.
    void setProgress(qint64 done, qint64 total) const;
    // For work that blocks (on a lock, a reply, a test's semaphore): `wake` is called on
    // the thread that cancels, or at once if the job is cancelled already. The runner
    // forgets it when the work returns, so it may touch only what outlives the work.
    void onCancel(std::function<void()> wake) const;

private:
    friend class JobRunner;
    struct Run;
    JobControl(JobRunner &runner, Run &run) : m_runner(runner), m_run(run) { }

    JobRunner &m_runner;
    Run &m_run;
};

// The one way Keepsake runs long work off a window's thread (hand-in, burn, drive
// listing, print, sweep rounds, loading a customer): one job at a time, on a worker
// thread that the runner owns. The work gets a JobControl for the cancel request and
// its progress; its result reaches `done` on the runner's thread (the thread it was
// made in: a window's), after every progress report of the job.
//
//     m_loader = new JobRunner(this);
//     m_loader->start([&lab, id](JobControl &) { return Customers(lab.catalog()).byId(id); },
//                     [this](const Result<Customer> &customer) { show(customer); });
//
// A job object with `Result<T> run()` and `CancelToken &cancelToken()` (IngestJob,
// BurnJob) may be handed over instead: cancel() reaches its token, its signals reach
// receivers on this thread queued (before `done`), and the runner deletes it after.
//
// Destroying the runner cancels a running job and waits for its work to return; its
// result and any report still on the way are dropped. So a window that owns its
// runners may close while a job runs: nothing reaches it afterwards.
class JobRunner : public QObject
{
    Q_OBJECT

public:
    explicit JobRunner(QObject *parent = nullptr);
    ~JobRunner() override;

    // False, and nothing started, while a job runs (until its `done` was called).
    template <typename Work, typename Done>
    bool start(Work work, Done done);
    template <typename Job, typename Done>
    bool start(std::unique_ptr<Job> job, Done done);

    // Asks the running job to stop (it stops at its next check), from this object's
    // thread (a queued connection from elsewhere does that).
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    // After `done` was called; cancelled: cancel() was asked for before the work returned.
    void finished(bool cancelled);

private:
    friend class JobControl;
    using Delivery = std::function<void()>;
    using Task = std::function<Delivery(JobControl &)>;

    template <typename Work, typename Done>
    static Task makeTask(Work work, Done done);
    bool launch(Task task, std::unique_ptr<QObject> job, std::function<void()> cancelJob);
    void post(Delivery call);
    void finish(bool cancelled, const Delivery &delivery);

    std::shared_ptr<JobControl::Run> m_run;
    std::unique_ptr<QObject> m_job;
    bool m_running = false;
    QThreadPool m_pool;   // one thread, kept a while between jobs
};

template <typename Work, typename Done>
JobRunner::Task JobRunner::makeTask(Work work, Done done)
{
    return [work = std::move(work), done = std::move(done)](JobControl &control) mutable -> Delivery {
        using Result = std::invoke_result_t<Work &, JobControl &>;
        if constexpr (std::is_void_v<Result>) {
            work(control);
            return [done = std::move(done)]() mutable { done(); };
        } else {
            return [done = std::move(done), result = work(control)]() mutable { done(std::move(result)); };
        }
    };
}

template <typename Work, typename Done>
bool JobRunner::start(Work work, Done done)
{
    return launch(makeTask(std::move(work), std::move(done)), nullptr, {});
}

template <typename Job, typename Done>
bool JobRunner::start(std::unique_ptr<Job> job, Done done)
{
    Job *raw = job.get();
    return launch(makeTask([raw](JobControl &) { return raw->run(); }, std::move(done)), std::move(job),
                  [raw] { raw->cancelToken().cancel(); });
}

} // namespace Keepsake
