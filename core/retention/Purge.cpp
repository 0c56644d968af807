// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Purge.h"

#include "RetentionLog.h"
#include "base/Clock.h"
#include "base/Time.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"
#include "store/BlobStore.h"
#include "store/StoreLock.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLocale>

namespace Keepsake {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Keepsake::Purge", text, disambiguation, n);
}

QString day(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime().date(), QStringLiteral("d MMM yyyy"));
}

// Stored files of the album that no album that is not purged still names.
const char *const UnneededFiles = R"(
SELECT DISTINCT p.sha256, b.size FROM photos p JOIN blobs b ON b.sha256 = p.sha256
WHERE p.album_id = :album AND NOT EXISTS (
    SELECT 1 FROM photos q JOIN albums o ON o.id = q.album_id
    WHERE q.sha256 = p.sha256 AND o.state <> 'purged' AND o.id <> :album2))";

} // namespace

Result<QList<PurgeItem>> Purge::plan(std::optional<qint64> albumId, int graceDays)
{
    const QDateTime now = m_clock.now();
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT a.id, a.title, c.code, a.state, a.recorded_at, "
        "(SELECT count(*) FROM photos p WHERE p.album_id = a.id), "
        "(SELECT count(*) FROM photos p WHERE p.album_id = a.id AND NOT EXISTS ("
        "  SELECT 1 FROM disc_photos dp JOIN disc_sessions s ON s.id = dp.session_id "
        "  WHERE dp.photo_id = p.id AND s.verified_at IS NOT NULL)) "
        "FROM albums a JOIN customers c ON c.id = a.owner_id WHERE %1 ORDER BY a.recorded_at, a.id")
        .arg(albumId ? QStringLiteral("a.id = :album") : QStringLiteral("a.state = 'recorded'")));
    if (albumId)
        query.bind(QStringLiteral(":album"), *albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    QList<PurgeItem> items;
    while (query.next()) {
        PurgeItem item;
        item.albumId = query.integer(0);
        item.title = query.text(1);
        item.ownerCode = query.text(2);
        const QString state = query.text(3);
        item.recordedAt = fromCatalogTime(query.text(4));
        item.photos = int(query.integer(5));
        item.unverified = int(query.integer(6));
        item.graceEnds = item.recordedAt.addDays(graceDays);
        if (state != QLatin1String("recorded"))
            item.reason = tr("it is %1, not recorded on a disc").arg(state);
        else if (item.unverified > 0)
            item.reason = tr("%n photo(s) are not on a disc that was verified by reading it back; verify "
                             "the disc first (keepsakectl verify)", nullptr, item.unverified);
        else if (now < item.graceEnds)
            item.reason = tr("still in its grace period until %1 (recorded on %2)").arg(day(item.graceEnds), day(item.recordedAt));
        else {
            item.purge = true;
            item.reason = tr("on a verified disc; grace period of %n day(s) ended on %1", nullptr, graceDays).arg(day(item.graceEnds));
        }
        items.append(item);
    }
    if (albumId && items.isEmpty())
        return Error::notFound(tr("There is no album %1.").arg(*albumId));
    return items;
}

Status Purge::purgeOne(PurgeItem &item, const QString &actor)
{
    const QDateTime now = m_clock.now();
    QStringList files;
    bool changedMeanwhile = false;
    const Status status = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        // The album's state is claimed first: a restore (or another purge) that came
        // between the plan and now leaves no row to change, and the album is left as
        // it is. The row stays locked to the commit, so a restore waits for it.
        SqlQuery album(db, QStringLiteral("UPDATE albums SET state = 'purged', purged_at = :now "
                                          "WHERE id = :id AND state = 'recorded'"));
        album.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":id"), item.albumId);
        if (Status s = album.exec(); !s)
            return s;
        if (album.affectedRows() != 1) {
            changedMeanwhile = true;
            return Status::success();
        }
        // Only then the files no album that is not purged still names, at this moment.
        SqlQuery unneeded(db, QString::fromLatin1(UnneededFiles));
        unneeded.bind(QStringLiteral(":album"), item.albumId).bind(QStringLiteral(":album2"), item.albumId);
        if (Status s = unneeded.exec(); !s)
            return s;
        while (unneeded.next()) {
            files.append(unneeded.text(0));
            item.bytesRemoved += unneeded.integer(1);
        }
        for (const QString &sha : std::as_const(files)) {
            SqlQuery blob(db, QStringLiteral("UPDATE blobs SET removed_at = :now WHERE sha256 = :sha"));
            blob.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":sha"), sha);
            if (Status s = blob.exec(); !s)
                return s;
        }
        return audit(db, item, int(files.size()), now, actor);
    });
    if (!status)
        return status;
    if (changedMeanwhile) {
        item.purge = false;
        item.bytesRemoved = 0;
        item.reason = tr("it changed while the purge ran (restored or purged meanwhile); it was left as it is");
        return Status::success();
    }
    return removeFiles(files, item);
}

Status Purge::audit(QSqlDatabase &db, const PurgeItem &item, int files, const QDateTime &now, const QString &actor)
{
    SqlQuery owner(db, QStringLiteral("SELECT owner_id FROM albums WHERE id = :id"));
    owner.bind(QStringLiteral(":id"), item.albumId);
    if (Status s = owner.exec(); !s || !owner.next())
        return s ? Status(Error::failure(tr("Album %1 vanished during the purge.").arg(item.albumId))) : s;
    const qint64 ownerId = owner.integer(0);
    const QJsonObject details { { QStringLiteral("files"), files },
                                { QStringLiteral("bytes"), item.bytesRemoved },
                                { QStringLiteral("photos"), item.photos },
                                { QStringLiteral("recorded_at"), toCatalogTime(item.recordedAt) } };
    return AuditLog::record(db, { 0, now, actor, QStringLiteral("purge"), ownerId, item.albumId, details });
}

// Deletes the files the purge marked removed, holding the store's lock exclusively (no
// hand-in is between storing a file and committing it) and asking the catalog again
// about each: a file a hand-in took in again since (removed_at cleared) stays.
Status Purge::removeFiles(const QStringList &files, PurgeItem &item)
{
    if (files.isEmpty())
        return Status::success();
    const Result<StoreLock> lock = StoreLock::acquire(m_store, StoreLock::Mode::Exclusive);
    if (!lock)
        return lock.error();
    for (const QString &sha : files) {
        const Result<bool> unneeded = stillUnneeded(sha);
        if (!unneeded)
            return unneeded.error();
        if (!*unneeded || !m_store.contains(sha))
            continue;
        if (Status removed = m_store.remove(sha); !removed)
            qCWarning(lcRetention) << "A purged file stays until the next purge:" << removed.error().message();
        else
            ++item.filesRemoved;
    }
    return Status::success();
}

Result<bool> Purge::stillUnneeded(const QString &sha)
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT 1 FROM blobs b WHERE b.sha256 = :sha AND b.removed_at IS NOT NULL AND NOT EXISTS ("
        "SELECT 1 FROM photos q JOIN albums o ON o.id = q.album_id WHERE q.sha256 = b.sha256 AND o.state <> 'purged')"));
    query.bind(QStringLiteral(":sha"), sha);
    return query.execFindsRow();
}

// Files whose removal a crash interrupted: marked removed, still on disk, and still
// not needed by any album that is not purged.
Status Purge::removeLeftovers()
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT b.sha256 FROM blobs b WHERE b.removed_at IS NOT NULL AND NOT EXISTS ("
        "SELECT 1 FROM photos q JOIN albums o ON o.id = q.album_id WHERE q.sha256 = b.sha256 "
        "AND o.state <> 'purged')"));
    if (Status status = query.exec(); !status)
        return status;
    QStringList leftovers;
    while (query.next()) {
        if (m_store.contains(query.text(0)))
            leftovers.append(query.text(0));
    }
    PurgeItem none;
    return removeFiles(leftovers, none);
}

Result<QList<PurgeItem>> Purge::run(std::optional<qint64> albumId, bool dryRun, const QString &actor,
                                    const CancelToken &cancel)
{
    // Without a grace period the lab set, nothing is purged: a guess could delete too early.
    const Result<int> graceDays = Settings(m_catalog).intValue(QStringLiteral("grace.days"));
    if (!graceDays)
        return graceDays.error().prefixed(tr("Nothing was purged: "));
    Result<QList<PurgeItem>> items = plan(albumId, *graceDays);
    if (!items)
        return items;
    if (albumId && !items->first().purge)
        return Error::refused(tr("Album %1 (%2) is not purged: %3.").arg(*albumId).arg(items->first().title, items->first().reason));
    if (dryRun)
        return items;
    if (m_plannedHook)
        m_plannedHook();
    if (Status status = removeLeftovers(); !status)
        return status.error();
    for (PurgeItem &item : *items) {
        if (cancel.isCancelled())
            return Error::cancelled(tr("The purge was stopped; purged albums stay purged, the rest are as before."));
        if (!item.purge)
            continue;
        if (Status status = purgeOne(item, actor); !status)
            return status.error();
    }
    return items;
}

} // namespace Keepsake
