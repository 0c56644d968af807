// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Albums.h"

#include "Catalog.h"
#include "base/Time.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Albums)
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::Albums", text);
}

struct StateName { AlbumState state; const char *name; };
constexpr StateName StateNames[] = {
    { AlbumState::Active, "active" },     { AlbumState::Expiring, "expiring" },
    { AlbumState::Expired, "expired" },   { AlbumState::Recorded, "recorded" },
    { AlbumState::Purged, "purged" },
};

// One row per album with its counts, cover and latest disc.
const char *const AlbumSelect = R"(
SELECT a.id, a.title, a.owner_id, c.code, a.state, a.group_date, a.expires_on, r.name,
       a.first_handin_at, count(p.id), coalesce(sum(p.size), 0),
       coalesce(a.cover_photo_id,
                (SELECT f.id FROM photos f WHERE f.album_id = a.id
                 ORDER BY f.taken_at IS NULL, f.taken_at, f.id LIMIT 1)),
       (SELECT s.disc_id FROM disc_photos dp JOIN disc_sessions s ON s.id = dp.session_id
        JOIN photos q ON q.id = dp.photo_id WHERE q.album_id = a.id
        ORDER BY s.recorded_at DESC LIMIT 1),
       r.basis, a.last_viewed_at, c.plan_ends_on, a.expiry_source, a.expiry_set_at, a.recorded_at,
       a.purged_at, c.name
FROM albums a
JOIN customers c ON c.id = a.owner_id
LEFT JOIN retention_rules r ON r.id = a.rule_id
LEFT JOIN photos p ON p.album_id = a.id
WHERE %1
GROUP BY a.id, a.title, a.owner_id, c.code, a.state, a.group_date, a.expires_on, r.name,
         a.first_handin_at, a.cover_photo_id, r.basis, a.last_viewed_at, c.plan_ends_on,
         a.expiry_source, a.expiry_set_at, a.recorded_at, a.purged_at, c.name
ORDER BY a.group_date IS NULL, a.group_date, a.title, a.id)";

} // namespace

QString albumStateName(AlbumState state)
{
    for (const StateName &entry : StateNames) {
        if (entry.state == state)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

std::optional<AlbumState> albumStateFromName(const QString &name)
{
    for (const StateName &entry : StateNames) {
        if (name == QLatin1String(entry.name))
            return entry.state;
    }
    return std::nullopt;
}

bool albumWithinReach(const QString &stateName)
{
    const std::optional<AlbumState> state = albumStateFromName(stateName);
    return state == AlbumState::Active || state == AlbumState::Expiring || state == AlbumState::Expired;
}

QString albumStateText(AlbumState state)
{
    switch (state) {
    case AlbumState::Active: return Tr::tr("active");
    case AlbumState::Expiring: return Tr::tr("expiring");
    case AlbumState::Expired: return Tr::tr("expired, waiting for its disc");
    case AlbumState::Recorded: return Tr::tr("recorded on disc");
    case AlbumState::Purged: return Tr::tr("deleted after recording");
    }
    return {};
}

Result<QList<AlbumSummary>> Albums::customerView(qint64 customerId, bool includeHidden) const
{
    // Owned, or shared with the customer (Shares).
    const QString reach = QStringLiteral(
        "(a.owner_id = ? OR a.id IN (SELECT s.album_id FROM shares s WHERE s.viewer_id = ?))");
    if (includeHidden)
        return select(reach, { customerId, customerId });
    return select(reach + QStringLiteral(" AND a.state IN ('active', 'expiring', 'expired')"),
                  { customerId, customerId });
}

Result<QList<AlbumSummary>> Albums::sharedWith(const QString &viewerKey) const
{
    return select(QStringLiteral("a.id IN (SELECT s.album_id FROM shares s WHERE s.viewer_key = ?) "
                                 "AND a.state IN ('active', 'expiring', 'expired')"), { viewerKey });
}

Result<AlbumSummary> Albums::byId(qint64 albumId) const
{
    auto found = select(QStringLiteral("a.id = ?"), { albumId });
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(tr("There is no album %1. List the customer's albums with "
                                  "keepsakectl albums --customer CODE --all.").arg(albumId));
    return found->first();
}

Result<AlbumSummary> Albums::resolve(const QString &idOrTitle, std::optional<qint64> customerId) const
{
    bool isNumber = false;
    const qint64 id = idOrTitle.toLongLong(&isNumber);
    if (isNumber) {
        auto album = byId(id);
        if (album && customerId && album->ownerId != *customerId)
            return Error::notFound(tr("Album %1 does not belong to this customer.").arg(id));
        if (album || !customerId)
            return album;
    }
    if (!customerId)
        return Error::usage(tr("\"%1\" is not an album ID; to name an album by its title, give "
                               "the customer too (--customer).").arg(idOrTitle));
    auto found = select(QStringLiteral("a.owner_id = ? AND a.title = ?"), { *customerId, idOrTitle });
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(tr("The customer has no album called \"%1\".").arg(idOrTitle));
    // Several albums may share a title over time: the newest one that is not gone.
    for (auto it = found->crbegin(); it != found->crend(); ++it) {
        if (it->state != AlbumState::Purged)
            return *it;
    }
    return found->last();
}

Result<QList<AlbumSummary>> Albums::select(const QString &where, const QVariantList &values) const
{
    QSqlQuery query(m_catalog.db());
    query.setForwardOnly(true);
    query.prepare(QString::fromLatin1(AlbumSelect).arg(where));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return Error::failure(tr("The albums cannot be read from the catalog: %1.")
                                  .arg(query.lastError().text()));
    QList<AlbumSummary> albums;
    while (query.next()) {
        AlbumSummary a;
        a.id = query.value(0).toLongLong();
        a.title = query.value(1).toString();
        a.ownerId = query.value(2).toLongLong();
        a.ownerCode = query.value(3).toString();
        a.state = albumStateFromName(query.value(4).toString()).value_or(AlbumState::Active);
        a.groupDate = fromCatalogDate(query.value(5).toString());
        a.expires = fromCatalogDate(query.value(6).toString());
        a.rule = query.value(7).toString();
        a.firstHandin = fromCatalogTime(query.value(8).toString());
        a.photos = query.value(9).toInt();
        a.bytes = query.value(10).toLongLong();
        if (!query.value(11).isNull())
            a.cover = query.value(11).toLongLong();
        a.disc = query.value(12).toString();
        a.ruleBasis = query.value(13).toString();
        a.lastViewed = fromCatalogTime(query.value(14).toString());
        a.planEnds = fromCatalogDate(query.value(15).toString());
        a.expirySource = query.value(16).toString();
        a.expirySetAt = fromCatalogTime(query.value(17).toString());
        a.recordedAt = fromCatalogTime(query.value(18).toString());
        a.purgedAt = fromCatalogTime(query.value(19).toString());
        a.ownerName = query.value(20).toString();
        albums.append(a);
    }
    return albums;
}

Result<QList<PhotoRecord>> Albums::selectPhotos(const QString &where, qint64 id) const
{
    QSqlQuery query(m_catalog.db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT p.id, p.album_id, p.original_name, p.taken_at, p.camera, p.size, p.sha256, p.version_of, "
        "p.width, p.height, p.orientation, p.format, p.caption, d.name, "
        "f.photo_id IS NOT NULL, fd.name, b.md5 FROM photos p LEFT JOIN blobs b ON b.sha256 = p.sha256 "
        "LEFT JOIN devices d ON d.id = p.device_id LEFT JOIN forwards f ON f.photo_id = p.id "
        "LEFT JOIN devices fd ON fd.id = f.from_device_id WHERE ") + where +
        QStringLiteral(" ORDER BY p.taken_at IS NULL, p.taken_at, p.id"));
    query.addBindValue(id);
    if (!query.exec())
        return Error::failure(query.lastError().text());   // the callers say which photos
    QList<PhotoRecord> photos;
    while (query.next()) {
        PhotoRecord p;
        p.id = query.value(0).toLongLong();
        p.albumId = query.value(1).toLongLong();
        p.name = query.value(2).toString();
        p.taken = query.value(3).toString();
        p.camera = query.value(4).toString();
        p.size = query.value(5).toLongLong();
        p.sha256 = query.value(6).toString();
        if (!query.value(7).isNull())
            p.versionOf = query.value(7).toLongLong();
        p.width = query.value(8).toInt();
        p.height = query.value(9).toInt();
        p.orientation = query.value(10).toInt();
        p.format = query.value(11).toString();
        p.caption = query.value(12).toString();
        p.device = query.value(13).toString();
        p.queued = query.value(14).toBool();
        p.holder = p.queued ? query.value(15).toString() : p.device;
        p.md5 = query.value(16).toString();
        photos.append(p);
    }
    return photos;
}

Result<QList<PhotoRecord>> Albums::photos(qint64 albumId) const
{
    Result<QList<PhotoRecord>> photos = selectPhotos(QStringLiteral("p.album_id = ?"), albumId);
    if (!photos)
        return Error::failure(tr("The photos of album %1 cannot be read from the catalog: %2.")
                                  .arg(albumId).arg(photos.error().message()));
    return photos;
}

Result<PhotoRecord> Albums::photo(qint64 photoId) const
{
    const Result<QList<PhotoRecord>> photos = selectPhotos(QStringLiteral("p.id = ?"), photoId);
    if (!photos)
        return Error::failure(tr("Photo %1 cannot be read from the catalog: %2.").arg(photoId).arg(photos.error().message()));
    if (photos->isEmpty())
        return Error::notFound(tr("There is no photo %1.").arg(photoId));
    return photos->first();
}

} // namespace Keepsake
