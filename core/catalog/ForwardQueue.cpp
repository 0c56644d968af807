// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ForwardQueue.h"

#include "Catalog.h"
#include "CatalogLog.h"
#include "SqlQuery.h"
#include "StoredFiles.h"
#include "base/Time.h"

namespace Keepsake {

namespace {

const QString Columns = QStringLiteral(
    "f.photo_id, f.sha256, f.size, f.from_device_id, f.to_device_id, d.name, f.since, f.attempts, "
    "f.last_error, f.next_attempt_at");

Forward forwardFrom(const SqlQuery &query)
{
    Forward f;
    f.photoId = query.integer(0);
    f.sha256 = query.text(1);
    f.size = query.integer(2);
    f.fromDeviceId = query.integer(3);
    f.toDeviceId = query.integer(4);
    f.toDeviceName = query.text(5);
    f.since = fromCatalogTime(query.text(6));
    f.attempts = int(query.integer(7));
    f.lastError = query.text(8);
    f.nextAttemptAt = fromCatalogTime(query.text(9));
    return f;
}

// A row is free for `claimer` when it is due and nobody else holds an unexpired claim.
const char *const FreeForClaimer =
    "(f.next_attempt_at IS NULL OR f.next_attempt_at <= :now) "
    "AND (f.claimed_until IS NULL OR f.claimed_until <= :now2 OR f.claimed_by = :me)";

} // namespace

Status ForwardQueue::enqueue(QSqlDatabase &db, const Forward &forward, const QDateTime &now)
{
    SqlQuery insert(db, QStringLiteral(
        "INSERT INTO forwards (photo_id, sha256, size, from_device_id, to_device_id, since, attempts) "
        "VALUES (:photo, :sha, :size, :from, :to, :now, 0)"));
    insert.bind(QStringLiteral(":photo"), forward.photoId)
        .bind(QStringLiteral(":sha"), forward.sha256)
        .bind(QStringLiteral(":size"), forward.size)
        .bind(QStringLiteral(":from"), forward.fromDeviceId)
        .bind(QStringLiteral(":to"), forward.toDeviceId)
        .bind(QStringLiteral(":now"), toCatalogTime(now));
    return insert.exec();
}

Result<QList<Forward>> ForwardQueue::pending(qint64 fromDeviceId) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT %1 FROM forwards f JOIN devices d ON d.id = f.to_device_id WHERE f.from_device_id = :from "
        "ORDER BY f.since, f.photo_id").arg(Columns));
    query.bind(QStringLiteral(":from"), fromDeviceId);
    if (Status status = query.exec(); !status)
        return status.error();
    QList<Forward> forwards;
    while (query.next())
        forwards.append(forwardFrom(query));
    return forwards;
}

// The claim is one conditional UPDATE per row, as NoticeDelivery claims a mail: of two
// senders reading the same due rows, each row goes to the one whose UPDATE lands first
// (SQLite and PostgreSQL alike, without row locks held across statements).
Result<QList<Forward>> ForwardQueue::claimDue(qint64 fromDeviceId, const QString &claimer, const QDateTime &now,
                                              const QDateTime &until, int limit) const
{
    const QDateTime nowUtc = now.toUTC();
    SqlQuery due(m_catalog.db(), QStringLiteral(
        "SELECT %1 FROM forwards f JOIN devices d ON d.id = f.to_device_id WHERE f.from_device_id = :from AND %2 "
        "ORDER BY f.since, f.photo_id LIMIT :limit").arg(Columns, QString::fromLatin1(FreeForClaimer)));
    // Rows another sender holds are not read at all; twice the limit leaves room for
    // those another sender claims between this read and the claims below.
    due.bind(QStringLiteral(":from"), fromDeviceId)
        .bind(QStringLiteral(":limit"), qMax(1, limit) * 2)
        .bind(QStringLiteral(":now"), toCatalogTime(nowUtc))
        .bind(QStringLiteral(":now2"), toCatalogTime(nowUtc))
        .bind(QStringLiteral(":me"), claimer);
    if (Status status = due.exec(); !status)
        return status.error();
    QList<Forward> candidates;
    while (due.next())
        candidates.append(forwardFrom(due));

    QList<Forward> claimed;
    for (const Forward &forward : std::as_const(candidates)) {
        if (claimed.size() >= limit)
            break;
        SqlQuery claim(m_catalog.db(), QStringLiteral(
            "UPDATE forwards SET claimed_by = :claimer, claimed_until = :until WHERE photo_id = :photo AND %1")
                                           .arg(QString::fromLatin1(FreeForClaimer).replace(QLatin1String("f."), QString())));
        claim.bind(QStringLiteral(":claimer"), claimer)
            .bind(QStringLiteral(":until"), toCatalogTime(until))
            .bind(QStringLiteral(":photo"), forward.photoId)
            .bind(QStringLiteral(":now"), toCatalogTime(nowUtc))
            .bind(QStringLiteral(":now2"), toCatalogTime(nowUtc))
            .bind(QStringLiteral(":me"), claimer);
        if (Status status = claim.exec(); !status)
            return status.error();
        if (claim.affectedRows() == 1)
            claimed.append(forward);
        else
            qCDebug(lcCatalog) << "Forward of photo" << forward.photoId << "is being sent by another sender";
    }
    return claimed;
}

Status ForwardQueue::delivered(const QList<qint64> &photoIds) const
{
    return m_catalog.transaction([&photoIds](QSqlDatabase &db) {
        for (const qint64 photoId : photoIds) {
            SqlQuery done(db, QStringLiteral("DELETE FROM forwards WHERE photo_id = :photo"));
            done.bind(QStringLiteral(":photo"), photoId);
            if (Status status = done.exec(); !status)
                return status;
            qCInfo(lcCatalog) << "Photo" << photoId << "delivered to its device";
        }
        return Status::success();
    });
}

Status ForwardQueue::failed(qint64 photoId, const QString &reason, const QDateTime &nextAttempt) const
{
    SqlQuery update(m_catalog.db(), QStringLiteral(
        "UPDATE forwards SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next, "
        "claimed_by = NULL, claimed_until = NULL WHERE photo_id = :photo"));
    update.bind(QStringLiteral(":error"), nullIfEmpty(reason))
        .bind(QStringLiteral(":next"), nullIfEmpty(nextAttempt.isValid() ? toCatalogTime(nextAttempt) : QString()))
        .bind(QStringLiteral(":photo"), photoId);
    return update.exec();
}

Result<bool> ForwardQueue::stillNeeded(qint64 deviceId, const QString &sha256) const
{
    return StoredFiles(m_catalog, deviceId).isReferenced(sha256);
}

} // namespace Keepsake
