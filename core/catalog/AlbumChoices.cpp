// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumChoices.h"

#include "AlbumAccess.h"
#include "AuditLog.h"
#include "Catalog.h"
#include "PickupCode.h"
#include "SqlQuery.h"
#include "base/Time.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumChoices)
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::AlbumChoices", text);
}

Status audit(QSqlDatabase &db, const QString &actor, const QString &action, qint64 albumId,
             const QDateTime &now, const QJsonObject &details)
{
    AuditEntry entry;
    entry.at = now;
    entry.actor = actor;
    entry.action = action;
    entry.albumId = albumId;
    entry.details = details;
    SqlQuery owner(db, QStringLiteral("SELECT owner_id FROM albums WHERE id = :album"));
    owner.bind(QStringLiteral(":album"), albumId);
    if (Status status = owner.exec(); !status)
        return status;
    if (owner.next())
        entry.customerId = owner.integer(0);
    return AuditLog::record(db, entry);
}

} // namespace

Result<qint64> AlbumChoices::resolvePhoto(qint64 albumId, const QString &idOrName) const
{
    if (auto allowed = AlbumAccess::check(m_catalog.db(), m_actor, albumId, AlbumAccess::Need::Read); !allowed)
        return allowed.error();
    const QString wanted = idOrName.trimmed();
    bool isNumber = false;
    const qint64 id = wanted.toLongLong(&isNumber);
    SqlQuery query(m_catalog.db(), isNumber
        ? QStringLiteral("SELECT id FROM photos WHERE album_id = :album AND (id = :id OR original_name = :name) "
                         "ORDER BY CASE WHEN id = :id2 THEN 0 ELSE 1 END, id")
        : QStringLiteral("SELECT id FROM photos WHERE album_id = :album AND original_name = :name ORDER BY id"));
    query.bind(QStringLiteral(":album"), albumId).bind(QStringLiteral(":name"), wanted);
    if (isNumber)
        query.bind(QStringLiteral(":id"), id).bind(QStringLiteral(":id2"), id);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(tr("Album %1 has no photo \"%2\". List its photos with "
                                  "keepsakectl photos --album %1.").arg(albumId).arg(wanted));
    return query.integer(0);
}

Result<QList<qint64>> AlbumChoices::resolvePhotos(qint64 albumId, const QStringList &idsOrNames) const
{
    QList<qint64> ids;
    for (const QString &wanted : idsOrNames) {
        Result<qint64> id = resolvePhoto(albumId, wanted);
        if (!id)
            return id.error();
        if (!ids.contains(*id))
            ids.append(*id);
    }
    return ids;
}

Status AlbumChoices::setCover(qint64 albumId, qint64 photoId, const QDateTime &now) const
{
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (auto allowed = AlbumAccess::check(db, m_actor, albumId, AlbumAccess::Need::Change); !allowed)
            return allowed.error();
        SqlQuery update(db, QStringLiteral(
            "UPDATE albums SET cover_photo_id = :photo WHERE id = :album "
            "AND EXISTS (SELECT 1 FROM photos WHERE id = :photo2 AND album_id = :album2)"));
        update.bind(QStringLiteral(":photo"), photoId).bind(QStringLiteral(":album"), albumId);
        update.bind(QStringLiteral(":photo2"), photoId).bind(QStringLiteral(":album2"), albumId);
        if (Status status = update.exec(); !status)
            return status;
        if (update.affectedRows() != 1)
            return Error::notFound(tr("Photo %1 is not in album %2; a cover must be one of the "
                                      "album's photos.").arg(photoId).arg(albumId));
        return audit(db, m_actor.auditText(), QStringLiteral("cover"), albumId, now,
                     { { QStringLiteral("photo"), photoId } });
    });
}

Status AlbumChoices::setSelection(qint64 albumId, const QList<qint64> &photoIds, const QDateTime &now) const
{
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (auto allowed = AlbumAccess::check(db, m_actor, albumId, AlbumAccess::Need::Change); !allowed)
            return allowed.error();
        SqlQuery clear(db, QStringLiteral("DELETE FROM print_selections WHERE album_id = :album"));
        clear.bind(QStringLiteral(":album"), albumId);
        if (Status status = clear.exec(); !status)
            return status;
        QJsonArray chosen;
        for (qsizetype i = 0; i < photoIds.size(); ++i) {
            SqlQuery insert(db, QStringLiteral(
                "INSERT INTO print_selections (album_id, photo_id, position, chosen_at) "
                "SELECT album_id, id, :position, :now FROM photos WHERE id = :photo AND album_id = :album"));
            insert.bind(QStringLiteral(":position"), int(i)).bind(QStringLiteral(":now"), toCatalogTime(now));
            insert.bind(QStringLiteral(":photo"), photoIds.at(i)).bind(QStringLiteral(":album"), albumId);
            if (Status status = insert.exec(); !status)
                return status;
            if (insert.affectedRows() != 1)
                return Error::notFound(tr("Photo %1 is not in album %2; only the album's own photos "
                                          "can be chosen for its index print.").arg(photoIds.at(i)).arg(albumId));
            chosen.append(photoIds.at(i));
        }
        return audit(db, m_actor.auditText(), QStringLiteral("print_selection"), albumId, now,
                     { { QStringLiteral("photos"), chosen } });
    });
}

Result<QList<qint64>> AlbumChoices::selection(qint64 albumId) const
{
    if (auto allowed = AlbumAccess::check(m_catalog.db(), m_actor, albumId, AlbumAccess::Need::Read); !allowed)
        return allowed.error();
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT photo_id FROM print_selections WHERE album_id = :album ORDER BY position, photo_id"));
    query.bind(QStringLiteral(":album"), albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    QList<qint64> ids;
    while (query.next())
        ids.append(query.integer(0));
    return ids;
}

Status AlbumChoices::setCaption(qint64 photoId, const QString &text, const QDateTime &now) const
{
    const QString caption = text.simplified();
    if (caption.size() > MaxCaptionLength)
        return Error::usage(tr("The caption of photo %1 is %2 characters long; a caption holds at most %3. "
                               "Shorten it.").arg(photoId).arg(caption.size()).arg(MaxCaptionLength));
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        SqlQuery album(db, QStringLiteral("SELECT album_id FROM photos WHERE id = :photo"));
        album.bind(QStringLiteral(":photo"), photoId);
        if (Status status = album.exec(); !status)
            return status;
        if (!album.next())
            return Error::notFound(tr("There is no photo %1.").arg(photoId));
        const qint64 albumId = album.integer(0);
        if (auto allowed = AlbumAccess::check(db, m_actor, albumId, AlbumAccess::Need::Change); !allowed)
            return allowed.error();
        SqlQuery update(db, QStringLiteral("UPDATE photos SET caption = :caption WHERE id = :photo"));
        update.bind(QStringLiteral(":caption"), nullIfEmpty(caption));
        update.bind(QStringLiteral(":photo"), photoId);
        if (Status status = update.exec(); !status)
            return status;
        return audit(db, m_actor.auditText(), QStringLiteral("caption"), albumId, now,
                     { { QStringLiteral("photo"), photoId }, { QStringLiteral("caption"), caption } });
    });
}

Result<QString> DiscPickup::codeFor(const Catalog &catalog, qint64 sessionId)
{
    const QSqlDatabase db = catalog.db();
    for (int attempt = 0; attempt < 5; ++attempt) {
        SqlQuery find(db, QStringLiteral("SELECT pickup_code FROM disc_sessions WHERE id = :session"));
        find.bind(QStringLiteral(":session"), sessionId);
        if (Status status = find.exec(); !status)
            return status.error();
        if (!find.next())
            return Error::notFound(Tr::tr("There is no disc session %1.").arg(sessionId));
        if (!find.text(0).isEmpty())
            return find.text(0);
        // A code that another order holds already is drawn again.
        SqlQuery taken(db, QStringLiteral(
            "SELECT 1 FROM disc_sessions WHERE pickup_code = :code UNION ALL "
            "SELECT 1 FROM handins WHERE pickup_code = :code2"));
        const QString code = PickupCode::generate();
        taken.bind(QStringLiteral(":code"), code).bind(QStringLiteral(":code2"), code);
        if (Status status = taken.exec(); !status)
            return status.error();
        if (taken.next())
            continue;
        SqlQuery set(db, QStringLiteral(
            "UPDATE disc_sessions SET pickup_code = :code WHERE id = :session AND pickup_code IS NULL"));
        set.bind(QStringLiteral(":code"), code).bind(QStringLiteral(":session"), sessionId);
        if (Status status = set.exec(); !status)
            return status.error();
    }
    return Error::failure(Tr::tr("No pickup code could be stored for disc session %1. Check that the "
                             "catalog is reachable and try again.").arg(sessionId));
}

} // namespace Keepsake
