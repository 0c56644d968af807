// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StationJobs.h"

#include "base/Time.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"

#include <QStringList>

namespace Keepsake {

namespace {

const QString Select = QStringLiteral(
    "SELECT j.id, j.station_id, s.name, j.requester_id, r.name, j.drive, j.customer_id, c.code, j.albums, "
    "j.media, j.capacity, j.actor, j.state, j.progress, j.message, j.cancel_requested, j.report, "
    "j.created_at, j.started_at, j.finished_at, "
    "CASE WHEN j.state = 'queued' THEN (SELECT count(*) FROM station_jobs q WHERE q.station_id = j.station_id "
    "AND q.state = 'queued' AND q.id <= j.id) ELSE 0 END "
    "FROM station_jobs j JOIN devices s ON s.id = j.station_id JOIN devices r ON r.id = j.requester_id "
    "JOIN customers c ON c.id = j.customer_id ");

// A null QString binds as NULL: the text columns are NOT NULL, empty when unset.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString albumList(const QList<qint64> &albums)
{
    QStringList ids;
    for (qint64 id : albums)
        ids << QString::number(id);
    return ids.join(QLatin1Char(','));
}

StationJob jobFrom(const SqlQuery &q)
{
    StationJob job;
    job.id = q.integer(0);
    job.stationId = q.integer(1);
    job.station = q.text(2);
    job.requesterId = q.integer(3);
    job.requester = q.text(4);
    job.drive = q.text(5);
    job.customerId = q.integer(6);
    job.customer = q.text(7);
    for (const QString &id : q.text(8).split(QLatin1Char(','), Qt::SkipEmptyParts))
        job.albums << id.toLongLong();
    job.media = q.text(9);
    job.capacity = q.integer(10);
    job.actor = q.text(11);
    job.state = StationJob::stateNamed(q.text(12)).value_or(StationJob::State::Failed);
    job.progress = int(q.integer(13));
    job.message = q.text(14);
    job.cancelRequested = q.integer(15) != 0;
    job.report = q.value(16).isNull() ? QByteArray() : q.text(16).toUtf8();
    job.verified = !q.value(16).isNull();
    job.createdAt = fromCatalogTime(q.text(17));
    job.startedAt = q.value(18).isNull() ? QDateTime() : fromCatalogTime(q.text(18));
    job.finishedAt = q.value(19).isNull() ? QDateTime() : fromCatalogTime(q.text(19));
    job.position = int(q.integer(20));
    return job;
}

} // namespace

QString StationJob::stateName(State state)
{
    switch (state) {
    case State::Queued: return QStringLiteral("queued");
    case State::Running: return QStringLiteral("running");
    case State::Verifying: return QStringLiteral("verifying");
    case State::Done: return QStringLiteral("done");
    case State::Failed: return QStringLiteral("failed");
    case State::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<StationJob::State> StationJob::stateNamed(const QString &name)
{
    for (State state : { State::Queued, State::Running, State::Verifying, State::Done, State::Failed, State::Cancelled })
        if (stateName(state) == name)
            return state;
    return std::nullopt;
}

Result<StationJob> StationJobs::add(const StationJobRequest &request, const QDateTime &now) const
{
    SqlQuery insert(m_catalog.db(), QStringLiteral(
        "INSERT INTO station_jobs (station_id, requester_id, drive, customer_id, albums, media, capacity, actor, "
        "created_at) VALUES (:station, :requester, :drive, :customer, :albums, :media, :capacity, :actor, :now) "
        "RETURNING id"));
    insert.bind(QStringLiteral(":station"), request.stationId)
        .bind(QStringLiteral(":requester"), request.requesterId)
        .bind(QStringLiteral(":drive"), text(request.drive))
        .bind(QStringLiteral(":customer"), request.customerId)
        .bind(QStringLiteral(":albums"), text(albumList(request.albums)))
        .bind(QStringLiteral(":media"), text(request.media))
        .bind(QStringLiteral(":capacity"), request.capacity)
        .bind(QStringLiteral(":actor"), text(request.actor))
        .bind(QStringLiteral(":now"), toCatalogTime(now));
    const Result<qint64> id = insert.execReturningId();
    if (!id)
        return id.error();
    return byId(*id);
}

Result<StationJob> StationJobs::byId(qint64 id) const
{
    SqlQuery query(m_catalog.db(), Select + QStringLiteral("WHERE j.id = :id"));
    query.bind(QStringLiteral(":id"), id);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(tr("There is no burn station job %1.").arg(id));
    return jobFrom(query);
}

Result<QList<StationJob>> StationJobs::list(qint64 stationId, const QDateTime &since) const
{
    QString where = QStringLiteral("WHERE (:station = 0 OR j.station_id = :station2) ");
    if (since.isValid())
        where += QStringLiteral("AND (j.finished_at IS NULL OR j.finished_at >= :since) ");
    SqlQuery query(m_catalog.db(), Select + where + QStringLiteral("ORDER BY j.id"));
    query.bind(QStringLiteral(":station"), stationId).bind(QStringLiteral(":station2"), stationId);
    if (since.isValid())
        query.bind(QStringLiteral(":since"), toCatalogTime(since));
    if (Status status = query.exec(); !status)
        return status.error();
    QList<StationJob> jobs;
    while (query.next())
        jobs.append(jobFrom(query));
    return jobs;
}

Result<std::optional<StationJob>> StationJobs::claimNext(qint64 stationId, const QDateTime &now) const
{
    for (int attempt = 0; attempt < 10; ++attempt) {
        SqlQuery oldest(m_catalog.db(), QStringLiteral(
            "SELECT id FROM station_jobs WHERE station_id = :station AND state = 'queued' ORDER BY id LIMIT 1"));
        oldest.bind(QStringLiteral(":station"), stationId);
        if (Status status = oldest.exec(); !status)
            return status.error();
        if (!oldest.next())
            return std::optional<StationJob>();
        const qint64 id = oldest.integer(0);
        oldest.finish();
        SqlQuery claim(m_catalog.db(), QStringLiteral(
            "UPDATE station_jobs SET state = 'running', started_at = :now, progress = 0 "
            "WHERE id = :id AND state = 'queued'"));
        claim.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":id"), id);
        if (Status status = claim.exec(); !status)
            return status.error();
        if (claim.affectedRows() != 1)
            continue;   // cancelled or failed meanwhile: the next one
        const Result<StationJob> job = byId(id);
        if (!job)
            return job.error();
        return std::optional<StationJob>(*job);
    }
    return std::optional<StationJob>();
}

Status StationJobs::setProgress(qint64 id, StationJob::State state, int progress, const QString &message) const
{
    SqlQuery update(m_catalog.db(), QStringLiteral(
        "UPDATE station_jobs SET state = :state, progress = :progress, message = :message "
        "WHERE id = :id AND state IN ('running', 'verifying') AND report IS NULL"));
    update.bind(QStringLiteral(":state"), StationJob::stateName(state))
        .bind(QStringLiteral(":progress"), progress)
        .bind(QStringLiteral(":message"), text(message))
        .bind(QStringLiteral(":id"), id);
    return update.exec();
}

Status StationJobs::setImage(qint64 id, const QString &path, bool existed, qint64 size) const
{
    SqlQuery update(m_catalog.db(), QStringLiteral(
        "UPDATE station_jobs SET image_path = :path, image_existed = :existed, image_size = :size WHERE id = :id"));
    update.bind(QStringLiteral(":path"), path)
        .bind(QStringLiteral(":existed"), existed ? 1 : 0)
        .bind(QStringLiteral(":size"), size)
        .bind(QStringLiteral(":id"), id);
    return update.exec();
}

Status StationJobs::setVerified(qint64 id, const QByteArray &report, const QString &message) const
{
    SqlQuery update(m_catalog.db(), QStringLiteral(
        "UPDATE station_jobs SET state = 'verifying', progress = 100, report = :report, message = :message "
        "WHERE id = :id AND state IN ('running', 'verifying')"));
    update.bind(QStringLiteral(":report"), QString::fromUtf8(report))
        .bind(QStringLiteral(":message"), text(message))
        .bind(QStringLiteral(":id"), id);
    if (Status status = update.exec(); !status)
        return status;
    if (update.affectedRows() != 1)
        return Error::failure(tr("Burn station job %1 ended while its disc was being verified.").arg(id));
    return Status::success();
}

Result<bool> StationJobs::finish(qint64 id, StationJob::State state, const QString &message, const QDateTime &now) const
{
    const QString from = state == StationJob::State::Done
        ? QStringLiteral("state = 'verifying' AND report IS NOT NULL")
        : QStringLiteral("state IN ('queued', 'running', 'verifying')");
    SqlQuery update(m_catalog.db(), QStringLiteral(
        "UPDATE station_jobs SET state = :state, message = :message, finished_at = :now%1 WHERE id = :id AND %2")
        .arg(state == StationJob::State::Done ? QStringLiteral(", progress = 100") : QString(), from));
    update.bind(QStringLiteral(":state"), StationJob::stateName(state))
        .bind(QStringLiteral(":message"), text(message))
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":id"), id);
    if (Status status = update.exec(); !status)
        return status.error();
    return update.affectedRows() == 1;
}

Result<bool> StationJobs::markSettled(const QSqlDatabase &db, qint64 id, const QString &settler, const QString &message,
                                     const QDateTime &now)
{
    SqlQuery update(db, QStringLiteral(
        "UPDATE station_jobs SET state = 'done', progress = 100, settled_by = :settler, message = :message, "
        "finished_at = :now WHERE id = :id AND state = 'verifying' AND report IS NOT NULL"));
    update.bind(QStringLiteral(":settler"), text(settler))
        .bind(QStringLiteral(":message"), text(message))
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":id"), id);
    if (Status status = update.exec(); !status)
        return status.error();
    return update.affectedRows() == 1;
}

Result<StationJob> StationJobs::requestCancel(qint64 id) const
{
    SqlQuery update(m_catalog.db(), QStringLiteral(
        "UPDATE station_jobs SET cancel_requested = 1 WHERE id = :id AND state IN ('queued', 'running', 'verifying') "
        "AND report IS NULL"));
    update.bind(QStringLiteral(":id"), id);
    if (Status status = update.exec(); !status)
        return status.error();
    return byId(id);
}

Result<QList<StationJob>> StationJobs::failUnfinished(qint64 stationId, const QString &message, const QDateTime &now) const
{
    const Result<QList<StationJob>> jobs = list(stationId);
    if (!jobs)
        return jobs.error();
    QList<StationJob> failed;
    for (const StationJob &job : *jobs) {
        if (job.isFinished() || job.awaitsRequester())
            continue;
        const Result<bool> ended = finish(job.id, StationJob::State::Failed, message, now);
        if (!ended)
            return ended.error();
        if (*ended)
            failed.append(job);
    }
    return failed;
}

Result<StationJobs::ImageBefore> StationJobs::imageBefore(qint64 id) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT image_path, image_existed, image_size FROM station_jobs WHERE id = :id"));
    query.bind(QStringLiteral(":id"), id);
    if (Status status = query.exec(); !status)
        return status.error();
    ImageBefore image;
    if (query.next()) {
        image.path = query.value(0).isNull() ? QString() : query.text(0);
        image.existed = query.integer(1) != 0;
        image.size = query.integer(2);
    }
    return image;
}

} // namespace Keepsake
