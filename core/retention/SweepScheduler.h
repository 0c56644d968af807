// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ExpirySweep.h"
#include "Purge.h"
#include "base/CancelToken.h"
#include "base/JobRunner.h"
#include "notify/NoticeDelivery.h"

#include <QObject>
#include <QTimer>

namespace Keepsake {

class Lab;

// One round of the lab's periodic work: the expiry sweep, delivery of what the
// outbox holds, and the purge of what is past its grace period.
struct SweepRound
{
    SweepReport sweep;
    NoticeDelivery::Report delivery;
    QList<PurgeItem> purged;
    QString error;            // empty when the round went through

    int purgedCount() const;
};

// Runs sweep rounds on a timer, off the calling (GUI) thread on a JobRunner: inside the
// counter window and `keepsakectl serve`. The first round starts at once.
class SweepScheduler : public QObject
{
    Q_OBJECT

public:
    SweepScheduler(Lab &lab, QString actor, QObject *parent = nullptr);
    ~SweepScheduler() override;

    // One round, in the calling thread.
    static SweepRound runRound(Lab &lab, const QString &actor, const CancelToken &cancel);

    void start(int intervalMs);
    void stop();               // no new rounds; a running one is asked to stop
    bool isRunning() const { return m_runner.isRunning(); }

Q_SIGNALS:
    void roundFinished(const Keepsake::SweepRound &round);

private:
    void startRound();
    void onRoundDone(const SweepRound &round);

    Lab &m_lab;
    QString m_actor;
    QTimer m_timer;
    bool m_stopped = false;
    JobRunner m_runner;   // last: a round still running ends before the rest goes
};

} // namespace Keepsake
