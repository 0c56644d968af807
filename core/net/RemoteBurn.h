// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"
#include "disc/BurnJob.h"
#include "station/StationJob.h"

#include <QObject>

namespace Keepsake {

class Lab;
class StationClient;

struct RemoteBurnOptions
{
    QString station;          // a device of the chain with drives
    BurnOptions burn;         // customer, albums, drive (as the station names it), media, printer, actor
    int giveUpSeconds = 600;  // without reaching the station (CLI.md: 10 minutes)
    int pollMs = 400;
};

// A burn recorded on a burn station (issue 15), from the device that asks: the job is
// sent to the station, followed until it ends — across a broken connection or a
// station that restarts — and once the station has verified the disc, its report is
// checked against the catalog and the albums recorded here (StationSettlement). A
// report that does not match is rejected, which has the station undo the image.
// Cancelling asks the station to cancel the job. run() blocks in the calling thread.
class RemoteBurn : public QObject
{
    Q_OBJECT

public:
    RemoteBurn(const Lab &lab, RemoteBurnOptions options, QObject *parent = nullptr);
    ~RemoteBurn() override;

    Result<BurnSummary> run();
    CancelToken &cancelToken() { return m_cancel; }
    // A second token that cancels it too (Ctrl-C's).
    void alsoCancelledBy(const CancelToken *cancel) { m_alsoCancel = cancel; }
    // Stops following the job without cancelling it (a counter window that closes):
    // run() returns Cancelled soon, the station goes on, and the verified disc is
    // recorded by the next settleWaiting() of this device. Wins over a cancel asked after it.
    void leave() { m_leave.cancel(); }
    const StationJob &job() const { return m_job; }

    // The jobs this device asked for whose disc a station verified while nobody was
    // waiting for them (a requester that was stopped or cut off): checked and recorded
    // now, or rejected. Gives the jobs settled, as they ended.
    static Result<QList<StationJob>> settleWaiting(const Lab &lab, const QString &settler, const QString &actor);

Q_SIGNALS:
    void submitted(const Keepsake::StationJob &job);
    void changed(const Keepsake::StationJob &job);
    void discRecorded(const Keepsake::BurnedDisc &disc);

private:
    QJsonObject request() const;
    Result<StationJob> follow(StationClient &client);
    Result<BurnSummary> outcome(StationClient &client, const StationJob &job);
    static Result<QList<BurnedDisc>> settle(const Lab &lab, StationClient *client, const StationJob &job,
                                            const QString &settler, const QString &actor, const QString &printer);

    const Lab &m_lab;
    RemoteBurnOptions m_options;
    bool cancelled() const { return m_cancel.isCancelled() || (m_alsoCancel && m_alsoCancel->isCancelled()); }

    CancelToken m_cancel;
    CancelToken m_leave;
    const CancelToken *m_alsoCancel = nullptr;
    StationJob m_job;
};

} // namespace Keepsake
