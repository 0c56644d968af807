// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumEdits.h"

#include "AlbumAccess.h"
#include "Albums.h"
#include "AuditLog.h"
#include "Catalog.h"
#include "SqlQuery.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Keepsake {

namespace {

struct AlbumOwner { qint64 owner = 0; QString state; QString title; };

Result<AlbumOwner> ownerOf(const QSqlDatabase &db, qint64 albumId)
{
    SqlQuery query(db, QStringLiteral("SELECT owner_id, state, title FROM albums WHERE id = :id"));
    query.bind(QStringLiteral(":id"), albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(AlbumEdits::tr("There is no album %1: it may have been deleted. "
                                              "Reload the customer's albums.").arg(albumId));
    return AlbumOwner { query.integer(0), query.text(1), query.text(2) };
}

} // namespace

Status AlbumEdits::rename(qint64 albumId, const QString &title, const QDateTime &now) const
{
    const QString newTitle = title.simplified();
    if (newTitle.isEmpty() || newTitle.size() > 120)
        return Error::usage(tr("An album title needs 1 to 120 characters."));
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (auto allowed = AlbumAccess::check(db, m_actor, albumId, AlbumAccess::Need::Change); !allowed)
            return allowed.error();
        auto album = ownerOf(db, albumId);
        if (!album)
            return album.error();
        if (!albumWithinReach(album->state))
            return Error::refused(tr("The album \"%1\" is already on disc and can no longer be renamed.")
                                      .arg(album->title));
        SqlQuery update(db, QStringLiteral("UPDATE albums SET title = :title WHERE id = :id"));
        update.bind(QStringLiteral(":title"), newTitle).bind(QStringLiteral(":id"), albumId);
        if (Status status = update.exec(); !status)
            return status;
        return AuditLog::record(db, { 0, now, m_actor.auditText(), QStringLiteral("rename"), album->owner, albumId,
                                      QJsonObject { { QStringLiteral("from"), album->title },
                                                    { QStringLiteral("to"), newTitle } } });
    });
}

Status AlbumEdits::movePhotos(const QList<qint64> &photoIds, qint64 targetAlbumId, const QDateTime &now) const
{
    if (photoIds.isEmpty())
        return Status::success();
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (auto allowed = AlbumAccess::check(db, m_actor, targetAlbumId, AlbumAccess::Need::Change); !allowed)
            return allowed.error();
        auto target = ownerOf(db, targetAlbumId);
        if (!target)
            return target.error();
        if (!albumWithinReach(target->state))
            return Error::refused(tr("Photos cannot be moved into \"%1\": it is already on disc.").arg(target->title));
        QJsonArray moved;
        for (qint64 photoId : photoIds) {
            SqlQuery find(db, QStringLiteral("SELECT p.album_id, a.owner_id, a.state FROM photos p "
                                             "JOIN albums a ON a.id = p.album_id WHERE p.id = :id"));
            find.bind(QStringLiteral(":id"), photoId);
            if (Status status = find.exec(); !status)
                return status;
            if (!find.next())
                return Error::notFound(tr("There is no photo %1. Reload the album.").arg(photoId));
            if (find.integer(1) != target->owner || !albumWithinReach(find.text(2)))
                return Error::refused(tr("Photo %1 cannot be moved: it belongs to another customer or is "
                                         "already on disc.").arg(photoId));
            const qint64 source = find.integer(0);
            if (auto allowed = AlbumAccess::check(db, m_actor, source, AlbumAccess::Need::Change); !allowed)
                return allowed.error();
            SqlQuery cover(db, QStringLiteral("UPDATE albums SET cover_photo_id = NULL "
                                              "WHERE id = :album AND cover_photo_id = :photo"));
            cover.bind(QStringLiteral(":album"), source).bind(QStringLiteral(":photo"), photoId);
            SqlQuery move(db, QStringLiteral("UPDATE photos SET album_id = :album WHERE id = :id"));
            move.bind(QStringLiteral(":album"), targetAlbumId).bind(QStringLiteral(":id"), photoId);
            if (Status status = cover.exec(); !status)
                return status;
            if (Status status = move.exec(); !status)
                return status;
            moved.append(QJsonObject { { QStringLiteral("photo"), photoId }, { QStringLiteral("from"), source } });
        }
        return AuditLog::record(db, { 0, now, m_actor.auditText(), QStringLiteral("move_photos"), target->owner,
                                      targetAlbumId, QJsonObject { { QStringLiteral("photos"), moved } } });
    });
}

} // namespace Keepsake
