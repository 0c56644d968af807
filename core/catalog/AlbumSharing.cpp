// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumSharing.h"

#include "AlbumAccess.h"
#include "Catalog.h"
#include "CatalogLog.h"
#include "Shares.h"
#include "base/Clock.h"

namespace Keepsake {

Status AlbumSharing::share(const Actor &actor, qint64 albumId, const QString &viewer) const
{
    return change(actor, albumId, viewer, true);
}

Status AlbumSharing::unshare(const Actor &actor, qint64 albumId, const QString &viewer) const
{
    return change(actor, albumId, viewer, false);
}

Status AlbumSharing::change(const Actor &actor, qint64 albumId, const QString &viewer, bool add) const
{
    const QDateTime now = m_clock.now();
    const Status status = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        const Result<AlbumAccess::Album> album = AlbumAccess::check(db, actor, albumId, AlbumAccess::Need::Change);
        if (!album)
            return album.error();
        const Result<Shares::Viewer> resolved = Shares::resolveViewer(db, viewer);
        if (!resolved)
            return resolved.error();
        return add ? Shares::add(db, albumId, *resolved, now, actor.auditText())
                   : Shares::remove(db, albumId, *resolved, now, actor.auditText());
    });
    if (status)
        qCInfo(lcCatalog).noquote() << "Album" << albumId << (add ? "shared" : "unshared")
                                    << "by" << actor.auditText();
    return status;
}

Result<QList<Share>> AlbumSharing::viewers(const Actor &actor, qint64 albumId) const
{
    const QSqlDatabase db = m_catalog.db();
    const Result<AlbumAccess::Album> album = AlbumAccess::check(db, actor, albumId, AlbumAccess::Need::Read);
    if (!album)
        return album.error();
    if (!actor.actsForLab() && !actor.isCustomer(album->ownerId)) {
        qCInfo(lcCatalog).noquote() << "Refused the viewers of album" << albumId << "to" << actor.auditText();
        return Error::refused(tr("Album %1 (%2): who else may view it is its owner's business, not shown to %3. "
                                 "Ask its owner.").arg(albumId).arg(album->title, actor.describe()));
    }
    return Shares::ofAlbum(db, albumId);
}

} // namespace Keepsake
