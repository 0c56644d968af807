// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DayDashboard.h"

#include "Catalog.h"
#include "base/Time.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Keepsake {

Result<QList<DashboardAlbum>> DayDashboard::select(const QString &where, const QString &order,
                                                   const QVariantList &values) const
{
    QSqlQuery query(m_catalog.db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT a.id, a.title, c.id, c.code, c.name, a.state, a.expires_on, a.recorded_at, "
        "count(p.id), coalesce(sum(p.size), 0) "
        "FROM albums a JOIN customers c ON c.id = a.owner_id "
        "LEFT JOIN photos p ON p.album_id = a.id WHERE %1 "
        "GROUP BY a.id, a.title, c.id, c.code, c.name, a.state, a.expires_on, a.recorded_at, c.code_key "
        "ORDER BY %2").arg(where, order));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return Error::failure(tr("The day's albums cannot be read from the catalog: %1. "
                                 "Check that the catalog is reachable.").arg(query.lastError().text()));
    QList<DashboardAlbum> albums;
    while (query.next()) {
        DashboardAlbum album;
        album.albumId = query.value(0).toLongLong();
        album.title = query.value(1).toString();
        album.customerId = query.value(2).toLongLong();
        album.customerCode = query.value(3).toString();
        album.customerName = query.value(4).toString();
        album.state = query.value(5).toString();
        album.expires = fromCatalogDate(query.value(6).toString());
        album.recordedAt = fromCatalogTime(query.value(7).toString());
        album.photos = query.value(8).toInt();
        album.bytes = query.value(9).toLongLong();
        albums.append(album);
    }
    return albums;
}

Result<QList<DashboardHandin>> DayDashboard::stoppedHandins(const QDate &today) const
{
    QSqlQuery query(m_catalog.db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT h.id, c.id, c.code, c.name, h.state, h.started_at, h.source, h.new_count + h.version_count "
        "FROM handins h JOIN customers c ON c.id = h.customer_id "
        "WHERE h.state IN ('interrupted', 'failed') AND h.started_at >= ? ORDER BY h.started_at DESC, h.id DESC"));
    query.addBindValue(toCatalogDate(today.addDays(-RecentDays)));
    if (!query.exec())
        return Error::failure(tr("The day's hand-ins cannot be read from the catalog: %1. "
                                 "Check that the catalog is reachable.").arg(query.lastError().text()));
    QList<DashboardHandin> handins;
    while (query.next()) {
        handins.append({ query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toString(),
                         query.value(3).toString(), query.value(4).toString(), fromCatalogTime(query.value(5).toString()),
                         query.value(6).toString(), query.value(7).toInt() });
    }
    return handins;
}

Result<DayDashboardData> DayDashboard::read(const QDate &today, int noticeDays) const
{
    DayDashboardData data;
    auto soon = select(QStringLiteral("a.state IN ('active', 'expiring') AND a.expires_on IS NOT NULL "
                                      "AND a.expires_on <= ?"),
                       QStringLiteral("a.expires_on, c.code_key, a.id"),
                       { toCatalogDate(today.addDays(noticeDays)) });
    if (!soon)
        return soon.error();
    auto expired = select(QStringLiteral("a.state = 'expired'"), QStringLiteral("c.code_key, a.expires_on, a.id"), {});
    if (!expired)
        return expired.error();
    auto grace = select(QStringLiteral("a.state = 'recorded'"), QStringLiteral("a.recorded_at, a.id"), {});
    if (!grace)
        return grace.error();
    data.expiringSoon = *soon;
    data.expired = *expired;
    data.inGrace = *grace;
    auto stopped = stoppedHandins(today);
    if (!stopped)
        return stopped.error();
    data.stoppedHandins = *stopped;
    return data;
}

} // namespace Keepsake
