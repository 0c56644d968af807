// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StationJob.h"
#include "base/Error.h"

#include <QCoreApplication>

class QSqlDatabase;

namespace Keepsake {

class Catalog;

// The burn stations' queue in the chain's catalog (table station_jobs). Every change
// of state is one guarded UPDATE, so a station, its requesters and a restarted
// station never both move a job: a job is claimed from `queued` only, settled from a
// verified `verifying` only, and an ended job never changes again.
class StationJobs
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::StationJobs)

public:
    explicit StationJobs(const Catalog &catalog) : m_catalog(catalog) { }

    Result<StationJob> add(const StationJobRequest &request, const QDateTime &now) const;
    Result<StationJob> byId(qint64 id) const;
    // A station's jobs (stationId 0: every station's), oldest first; ended ones only
    // from `since` on (an invalid time: all).
    Result<QList<StationJob>> list(qint64 stationId, const QDateTime &since = {}) const;

    // The station takes its oldest queued job: running, started now. None: nothing queued.
    Result<std::optional<StationJob>> claimNext(qint64 stationId, const QDateTime &now) const;
    Status setProgress(qint64 id, StationJob::State state, int progress, const QString &message) const;
    // The image file the job is about to write, as it was before (for a restart).
    Status setImage(qint64 id, const QString &path, bool existed, qint64 size) const;
    // The station verified the disc: the report waits for the requester.
    Status setVerified(qint64 id, const QByteArray &report, const QString &message) const;
    // failed or cancelled (from any unfinished state) or done (from a verified one).
    // Returns whether this call ended it (false: it had ended already).
    Result<bool> finish(qint64 id, StationJob::State state, const QString &message, const QDateTime &now) const;
    // The requester has recorded the verified job's discs: done. Run in the transaction
    // that records them (on `db`); false: it was settled or ended by someone else.
    static Result<bool> markSettled(const QSqlDatabase &db, qint64 id, const QString &settler, const QString &message,
                                    const QDateTime &now);
    Result<StationJob> requestCancel(qint64 id) const;

    // A station that starts: its jobs still queued, running or verifying without a
    // verified report end as failed. Returns them (their image files need undoing).
    Result<QList<StationJob>> failUnfinished(qint64 stationId, const QString &message, const QDateTime &now) const;

    struct ImageBefore { QString path; bool existed = false; qint64 size = 0; };
    Result<ImageBefore> imageBefore(qint64 id) const;

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
