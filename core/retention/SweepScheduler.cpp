// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SweepScheduler.h"

#include "RetentionLog.h"
#include "lab/Lab.h"

namespace Keepsake {

int SweepRound::purgedCount() const
{
    int count = 0;
    for (const PurgeItem &item : purged)
        count += item.purge ? 1 : 0;
    return count;
}

SweepScheduler::SweepScheduler(Lab &lab, QString actor, QObject *parent)
    : QObject(parent), m_lab(lab), m_actor(std::move(actor))
{
    connect(&m_timer, &QTimer::timeout, this, &SweepScheduler::startRound);
}

SweepScheduler::~SweepScheduler()
{
    stop();
}

SweepRound SweepScheduler::runRound(Lab &lab, const QString &actor, const CancelToken &cancel)
{
    SweepRound round;
    const Result<SweepReport> sweep = ExpirySweep(lab.catalog(), lab.clock()).run(false, actor);
    if (!sweep) {
        round.error = sweep.error().message();
        return round;
    }
    round.sweep = *sweep;
    const Result<NoticeDelivery::Report> delivery = NoticeDelivery(lab.catalog(), lab.clock()).deliver(false, cancel);
    if (!delivery) {
        round.error = delivery.error().message();
        return round;
    }
    round.delivery = *delivery;
    const Result<QList<PurgeItem>> purged = Purge(lab.catalog(), lab.store(), lab.clock()).run({}, false, actor, cancel);
    if (!purged) {
        round.error = purged.error().message();
        return round;
    }
    round.purged = *purged;
    return round;
}

void SweepScheduler::start(int intervalMs)
{
    m_stopped = false;
    m_timer.start(intervalMs);
    startRound();
}

void SweepScheduler::stop()
{
    m_timer.stop();
    m_stopped = true;
    m_runner.cancel();
}

void SweepScheduler::startRound()
{
    if (m_runner.isRunning() || m_stopped)
        return;   // the previous round is still busy: skip this tick
    Lab &lab = m_lab;
    m_runner.start([&lab, actor = m_actor](JobControl &control) { return runRound(lab, actor, control.cancelToken()); },
                   [this](const SweepRound &round) { onRoundDone(round); });
}

void SweepScheduler::onRoundDone(const SweepRound &round)
{
    if (!round.error.isEmpty())
        qCWarning(lcRetention) << "Sweep round failed:" << round.error;
    Q_EMIT roundFinished(round);
}

} // namespace Keepsake
