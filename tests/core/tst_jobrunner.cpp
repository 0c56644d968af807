// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The job runner: work off this thread, its progress and result back on it, in order;
// cancel; a job object's signals; and a runner destroyed while its job runs. Every
// pause is a semaphore the test holds: nothing here waits for time to pass.
#include "base/Error.h"
#include "base/JobRunner.h"

#include <QPointer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <optional>

using namespace Keepsake;

namespace {

// A job object as IngestJob and BurnJob are: run() in the worker, signals on the way,
// its own cancel token. It stops at `gate` once, until released or cancelled.
class SteppingJob : public QObject
{
    Q_OBJECT

public:
    explicit SteppingJob(QSemaphore &gate) : m_gate(gate) { }

    CancelToken &cancelToken() { return m_cancel; }
    Result<int> run()
    {
        for (int step = 1; step <= 3; ++step) {
            if (m_cancel.isCancelled())
                return Error::cancelled(QStringLiteral("cancelled at step %1").arg(step));
            Q_EMIT stepped(step, QThread::currentThread());
            if (step == 2)
                m_gate.acquire();
        }
        return 3;
    }

Q_SIGNALS:
    void stepped(int step, QThread *thread);

private:
    QSemaphore &m_gate;
    CancelToken m_cancel;
};

} // namespace

class TestJobRunner : public QObject
{
    Q_OBJECT

private slots:
    void progressThenResultOnThisThreadInOrder();
    void cancelStopsTheWorkAndSaysSo();
    void oneJobAtATime();
    void jobObjectSignalsCancelAndDeletion();
    void destroyedWhileRunningCancelsAndWaits();
};

// Progress reported before a pause is on this thread while the work still waits;
// the rest follows in order, and the result last, all on this thread.
void TestJobRunner::progressThenResultOnThisThreadInOrder()
{
    JobRunner runner;
    QSemaphore paused;
    QSemaphore resume;
    std::atomic<QThread *> worker { nullptr };
    QStringList events;
    QList<QThread *> threads;
    connect(&runner, &JobRunner::progress, this, [&](qint64 done, qint64 total) {
        events << QStringLiteral("%1/%2").arg(done).arg(total);
        threads << QThread::currentThread();
    });
    connect(&runner, &JobRunner::finished, this, [&](bool cancelled) {
        events << (cancelled ? QStringLiteral("finished cancelled") : QStringLiteral("finished"));
    });
    QVERIFY(runner.start(
        [&](JobControl &control) {
            worker = QThread::currentThread();
            for (int i = 1; i <= 3; ++i)
                control.setProgress(i, 6);
            paused.release();
            resume.acquire();
            for (int i = 4; i <= 6; ++i)
                control.setProgress(i, 6);
            return QStringLiteral("result");
        },
        [&](const QString &result) {
            events << result;
            threads << QThread::currentThread();
        }));
    QVERIFY(runner.isRunning());
    paused.acquire();
    QTRY_COMPARE(events, (QStringList { QStringLiteral("1/6"), QStringLiteral("2/6"), QStringLiteral("3/6") }));
    QVERIFY(runner.isRunning());
    resume.release();
    QSignalSpy finished(&runner, &JobRunner::finished);
    QVERIFY(finished.wait());
    QCOMPARE(events, (QStringList { QStringLiteral("1/6"), QStringLiteral("2/6"), QStringLiteral("3/6"),
                                    QStringLiteral("4/6"), QStringLiteral("5/6"), QStringLiteral("6/6"),
                                    QStringLiteral("result"), QStringLiteral("finished") }));
    QVERIFY(!runner.isRunning());
    QVERIFY(worker.load() != nullptr);
    QVERIFY(worker.load() != QThread::currentThread());
    QCOMPARE(threads.count(QThread::currentThread()), threads.size());
}

// Cancel while the work waits at its pause: it wakes, stops before its next step, and
// the runner says cancelled; the runner takes the next job afterwards.
void TestJobRunner::cancelStopsTheWorkAndSaysSo()
{
    JobRunner runner;
    QSemaphore gate;
    std::atomic<int> steps { 0 };
    std::optional<Status> outcome;
    QSignalSpy progress(&runner, &JobRunner::progress);
    QSignalSpy finished(&runner, &JobRunner::finished);
    QVERIFY(runner.start(
        [&](JobControl &control) -> Status {
            control.onCancel([&gate] { gate.release(); });
            for (int step = 1; step <= 100; ++step) {
                if (control.isCancelled())
                    return Error::cancelled(QStringLiteral("stopped"));
                steps = step;
                control.setProgress(step, 100);
                if (step == 2)
                    gate.acquire();
            }
            return Status::success();
        },
        [&](const Status &status) { outcome = status; }));
    QTRY_COMPARE(progress.size(), 2);
    runner.cancel();
    QVERIFY(finished.wait());
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(outcome.has_value());
    QVERIFY(!*outcome);
    QCOMPARE(outcome->error().kind(), Error::Kind::Cancelled);
    QCOMPARE(steps.load(), 2);
    QCOMPARE(progress.size(), 2);

    // The next job starts afresh: not cancelled.
    bool cancelledAtStart = true;
    QVERIFY(runner.start([](JobControl &control) { return control.isCancelled(); },
                         [&](bool cancelled) { cancelledAtStart = cancelled; }));
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(1).first().toBool(), false);
    QVERIFY(!cancelledAtStart);
}

// A second job is refused until the first one's result was delivered.
void TestJobRunner::oneJobAtATime()
{
    JobRunner runner;
    QSemaphore gate;
    int results = 0;
    QVERIFY(runner.start([&](JobControl &) { gate.acquire(); }, [&] { ++results; }));
    QVERIFY(!runner.start([](JobControl &) { }, [&] { results += 10; }));
    gate.release();
    QSignalSpy finished(&runner, &JobRunner::finished);
    QVERIFY(finished.wait());
    QCOMPARE(results, 1);
    QVERIFY(runner.start([](JobControl &) { }, [&] { results += 10; }));
    QVERIFY(finished.wait());
    QCOMPARE(results, 11);
}

// A job object: its signals come queued to this thread before the result, cancel()
// reaches its own token, and the runner deletes it once the result is delivered.
void TestJobRunner::jobObjectSignalsCancelAndDeletion()
{
    JobRunner runner;
    QSemaphore gate;
    auto job = std::make_unique<SteppingJob>(gate);
    QPointer<SteppingJob> watch(job.get());
    QList<int> steps;
    int elsewhere = 0;
    connect(job.get(), &SteppingJob::stepped, this, [&](int step, QThread *emitter) {
        steps << step;
        elsewhere += emitter != QThread::currentThread() ? 1 : 0;
    });
    std::optional<Result<int>> outcome;
    QVERIFY(runner.start(std::move(job), [&](const Result<int> &result) {
        QCOMPARE(steps, (QList<int> { 1, 2 }));
        outcome = result;
    }));
    QTRY_COMPARE(steps.size(), 2);
    runner.cancel();
    gate.release();
    QSignalSpy finished(&runner, &JobRunner::finished);
    QVERIFY(finished.wait());
    QVERIFY(outcome.has_value() && !*outcome);
    QCOMPARE(outcome->error().kind(), Error::Kind::Cancelled);
    QCOMPARE(elsewhere, 2);
    QVERIFY(watch.isNull());
}

// The window closes while its job runs: the runner cancels the job, waits until the
// work returned, and nothing of it (progress, result) arrives afterwards.
void TestJobRunner::destroyedWhileRunningCancelsAndWaits()
{
    auto runner = std::make_unique<JobRunner>();
    QSemaphore entered;
    QSemaphore gate;
    std::atomic<bool> sawCancel { false };
    std::atomic<bool> returned { false };
    int progressSeen = 0;
    bool delivered = false;
    connect(runner.get(), &JobRunner::progress, this, [&] { ++progressSeen; });
    QVERIFY(runner->start(
        [&](JobControl &control) {
            control.onCancel([&gate] { gate.release(); });
            entered.release();
            gate.acquire();
            sawCancel = control.isCancelled();
            control.setProgress(1, 1);   // posted to a runner on its way out
            returned = true;
            return 1;
        },
        [&](int) { delivered = true; }));
    entered.acquire();
    runner.reset();
    QVERIFY(returned);
    QVERIFY(sawCancel);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(progressSeen, 0);
    QVERIFY(!delivered);
}

QTEST_GUILESS_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
