// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscRecord.h"

#include "base/Time.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "retention/AlbumLife.h"

#include <QJsonArray>

namespace Keepsake {

namespace {

QString labCode(const QString &labName)
{
    QString code;
    for (const QChar c : labName.toUpper())
        if ((c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            code += c;
    return code.isEmpty() ? QStringLiteral("LAB") : code.left(8);
}

Status insertDisc(QSqlDatabase &db, const DiscRecord::Written &w)
{
    SqlQuery disc(db, QStringLiteral("INSERT INTO discs (id, customer_id, media, created_at, lab_key) "
                                     "VALUES (:id, :customer, :media, :now, :key) ON CONFLICT (id) DO NOTHING"));
    disc.bind(QStringLiteral(":id"), w.discId)
        .bind(QStringLiteral(":customer"), w.customerId)
        .bind(QStringLiteral(":media"), w.media)
        .bind(QStringLiteral(":now"), toCatalogTime(w.now))
        .bind(QStringLiteral(":key"), w.labKey);
    return disc.exec();
}

Status insertPhotos(QSqlDatabase &db, qint64 sessionId, const ManifestAlbum &album)
{
    for (const ManifestPhoto &photo : album.photos) {
        SqlQuery row(db, QStringLiteral("INSERT INTO disc_photos (session_id, photo_id, path) "
                                        "VALUES (:session, :photo, :path)"));
        row.bind(QStringLiteral(":session"), sessionId)
            .bind(QStringLiteral(":photo"), photo.id)
            .bind(QStringLiteral(":path"), photo.path);
        if (Status status = row.exec(); !status)
            return status;
    }
    return Status::success();
}

// Sessions count for an album's parts when they came after its last recording (an
// album restored and recorded again is burned whole once more).
const QLatin1String SinceLastRecorded(
    "s.verified_at IS NOT NULL AND s.recorded_at > COALESCE((SELECT MAX(r.at) FROM audit r WHERE r.album_id = "
    ":album AND r.action = 'record'), '')");

Result<bool> allOnDisc(QSqlDatabase &db, qint64 albumId)
{
    SqlQuery missing(db, QStringLiteral(
        "SELECT COUNT(*) FROM photos p WHERE p.album_id = :album AND NOT EXISTS (SELECT 1 FROM disc_photos dp "
        "JOIN disc_sessions s ON s.id = dp.session_id WHERE dp.photo_id = p.id AND %1)").arg(SinceLastRecorded));
    missing.bind(QStringLiteral(":album"), albumId);
    if (Status status = missing.exec(); !status)
        return status.error();
    return missing.next() && missing.integer(0) == 0;
}

} // namespace

Result<DiscRecord::OnDisc> DiscRecord::partsOnDisc(const Catalog &catalog, qint64 albumId)
{
    SqlQuery query(catalog.db(), QStringLiteral(
        "SELECT dp.photo_id, s.id FROM disc_photos dp JOIN disc_sessions s ON s.id = dp.session_id "
        "JOIN photos p ON p.id = dp.photo_id WHERE p.album_id = :album AND %1").arg(SinceLastRecorded));
    query.bind(QStringLiteral(":album"), albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    OnDisc onDisc;
    QSet<qint64> sessions;
    while (query.next()) {
        onDisc.photos.insert(query.integer(0));
        sessions.insert(query.integer(1));
    }
    onDisc.parts = int(sessions.size());
    return onDisc;
}

Result<QString> DiscRecord::newDiscId(const Catalog &catalog, const QString &labName, const QDate &day,
                                      const QDateTime &now)
{
    const QString prefix = QStringLiteral("KS-%1-%2-").arg(labCode(labName), day.toString(QStringLiteral("yyyyMMdd")));
    // The next free number of the day, reserved by inserting it: of several burners
    // on one catalog each gets its own, the one that lost a number takes the next.
    for (int attempt = 0; attempt < 100; ++attempt) {
        SqlQuery highest(catalog.db(), QStringLiteral("SELECT id FROM disc_ids WHERE id LIKE :prefix"));
        highest.bind(QStringLiteral(":prefix"), prefix + QLatin1Char('%'));
        if (Status status = highest.exec(); !status)
            return status.error();
        int number = 0;
        while (highest.next())
            number = qMax(number, highest.text(0).mid(prefix.size()).toInt());
        const QString id = prefix + QStringLiteral("%1").arg(number + 1, 3, 10, QLatin1Char('0'));
        SqlQuery reserve(catalog.db(), QStringLiteral(
            "INSERT INTO disc_ids (id, reserved_at) VALUES (:id, :now) ON CONFLICT (id) DO NOTHING"));
        reserve.bind(QStringLiteral(":id"), id).bind(QStringLiteral(":now"), toCatalogTime(now));
        if (Status status = reserve.exec(); !status)
            return status.error();
        if (reserve.affectedRows() == 1)
            return id;
    }
    return Error::failure(tr("No disc ID could be reserved in the catalog %1; try again.").arg(catalog.url().displayName()));
}

Result<std::optional<qint64>> DiscRecord::owner(const Catalog &catalog, const QString &discId)
{
    SqlQuery query(catalog.db(), QStringLiteral("SELECT customer_id FROM discs WHERE id = :id"));
    query.bind(QStringLiteral(":id"), discId);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return std::optional<qint64>();
    return std::optional<qint64>(query.integer(0));
}

Result<QList<qint64>> DiscRecord::record(const Catalog &catalog, const Written &w)
{
    QList<qint64> recorded;
    const Status done = catalog.transaction([&w, &recorded](QSqlDatabase &db) -> Status {
        recorded.clear();
        if (w.first) {
            if (Status status = w.first(db); !status)
                return status;
        }
        if (Status status = insertDisc(db, w); !status)
            return status;
        SqlQuery session(db, QStringLiteral(
            "INSERT INTO disc_sessions (disc_id, number, recorded_at, verified_at, pickup_code, bytes) "
            "VALUES (:disc, :number, :now, :now, :code, :bytes) RETURNING id"));
        session.bind(QStringLiteral(":disc"), w.discId)
            .bind(QStringLiteral(":number"), w.session)
            .bind(QStringLiteral(":now"), toCatalogTime(w.now))
            .bind(QStringLiteral(":code"), w.pickupCode)
            .bind(QStringLiteral(":bytes"), w.bytes);
        const Result<qint64> sessionId = session.execReturningId();
        if (!sessionId)
            return sessionId.error();
        QJsonArray albumIds;
        QJsonArray partIds;
        for (const ManifestAlbum &album : w.albums->albums) {
            if (Status status = insertPhotos(db, *sessionId, album); !status)
                return status;
            const Result<bool> complete = allOnDisc(db, album.id);
            if (!complete)
                return complete.error();
            if (!*complete) {   // a part of a split album: recorded once every part is verified
                partIds.append(QJsonObject { { QStringLiteral("album"), album.id }, { QStringLiteral("part"), album.part },
                                             { QStringLiteral("parts"), album.parts } });
                continue;
            }
            if (Status status = AlbumLife::markRecorded(db, w.now, album.id, w.discId, w.session, w.pickupCode, w.actor);
                !status)
                return status;
            albumIds.append(album.id);
            recorded.append(album.id);
        }
        AuditEntry entry;
        entry.at = w.now;
        entry.actor = w.actor;
        entry.action = QStringLiteral("disc_recorded");
        entry.customerId = w.customerId;
        entry.details = { { QStringLiteral("disc"), w.discId }, { QStringLiteral("session"), w.session },
                          { QStringLiteral("albums"), albumIds }, { QStringLiteral("bytes"), w.bytes },
                          { QStringLiteral("pickup_code"), w.pickupCode } };
        if (!partIds.isEmpty())
            entry.details.insert(QStringLiteral("album_parts"), partIds);
        return AuditLog::record(db, entry);
    });
    if (!done)
        return done.error();
    return recorded;
}

} // namespace Keepsake
