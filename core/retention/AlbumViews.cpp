// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumViews.h"

#include "AlbumLife.h"
#include "base/Clock.h"
#include "base/Time.h"
#include "catalog/AlbumAccess.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"

namespace Keepsake {

Result<ViewOutcome> AlbumViews::record(const Actor &actor, qint64 albumId) const
{
    const Result<int> noticeDays = Settings(m_catalog).intValue(QStringLiteral("notice.days_before"));
    if (!noticeDays)
        return noticeDays.error();
    const QDateTime now = m_clock.now();
    ViewOutcome view;
    view.albumId = albumId;
    const Status status = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        const Result<AlbumAccess::Album> album = AlbumAccess::check(db, actor, albumId, AlbumAccess::Need::Read);
        if (!album)
            return album.error();
        view.expires = album->expires;
        view.state = album->state;
        // The lab looking is no customer's view; an expired album waits for its disc whoever looks.
        const bool living = album->state == QLatin1String("active") || album->state == QLatin1String("expiring");
        if (actor.actsForLab() || !living)
            return Status::success();
        const Result<bool> moved = AlbumLife::viewed(db, now, albumId, *noticeDays, actor.auditText());
        if (!moved)
            return moved.error();
        view.counted = true;
        view.moved = *moved;
        SqlQuery after(db, QStringLiteral("SELECT state, expires_on FROM albums WHERE id = :id"));
        after.bind(QStringLiteral(":id"), albumId);
        if (Status read = after.exec(); !read)
            return read;
        if (after.next()) {
            view.state = after.text(0);
            view.expires = fromCatalogDate(after.text(1));
        }
        return Status::success();
    });
    if (!status)
        return status.error();
    return view;
}

} // namespace Keepsake
