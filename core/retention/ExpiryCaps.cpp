// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The cap part of the expiry sweep: a customer over their rule's cap sees their
// oldest albums brought forward to the notice window.
#include "ExpirySweep.h"

#include "base/Time.h"
#include "catalog/SqlQuery.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLocale>

#include <vector>

namespace Keepsake {

namespace {

struct CappedAlbum
{
    qint64 id = 0;
    qint64 ownerId = 0;
    QString title;
    QString ownerCode;
    QString state;
    QDate expires;
    qint64 bytes = 0;
    int photos = 0;
};

Result<std::vector<CappedAlbum>> cappedAlbums(const QSqlDatabase &db, qint64 ruleId)
{
    SqlQuery query(db, QStringLiteral(
        "SELECT a.id, a.owner_id, a.title, c.code, a.state, a.expires_on, coalesce(sum(p.size), 0), count(p.id) "
        "FROM albums a JOIN customers c ON c.id = a.owner_id LEFT JOIN photos p ON p.album_id = a.id "
        "WHERE a.rule_id = :rule AND a.state IN ('active', 'expiring', 'expired') "
        "GROUP BY a.id, a.owner_id, a.title, c.code, a.state, a.expires_on, a.first_handin_at "
        "ORDER BY a.owner_id, a.first_handin_at, a.id"));
    query.bind(QStringLiteral(":rule"), ruleId);
    if (Status status = query.exec(); !status)
        return status.error();
    std::vector<CappedAlbum> albums;
    while (query.next()) {
        albums.push_back({ query.integer(0), query.integer(1), query.text(2), query.text(3), query.text(4),
                           fromCatalogDate(query.text(5)), query.integer(6), int(query.integer(7)) });
    }
    return albums;
}

} // namespace

Status ExpirySweep::applyCaps(Pass &pass)
{
    SqlQuery rules(pass.db, QStringLiteral("SELECT id, name, cap_bytes FROM retention_rules WHERE cap_bytes IS NOT NULL"));
    if (Status status = rules.exec(); !status)
        return status;
    struct Cap { qint64 rule; QString name; qint64 bytes; };
    std::vector<Cap> caps;
    while (rules.next())
        caps.push_back({ rules.integer(0), rules.text(1), rules.integer(2) });
    const QDate noticeDate = m_today.addDays(m_noticeDays);
    for (const Cap &cap : caps) {
        const Result<std::vector<CappedAlbum>> albums = cappedAlbums(pass.db, cap.rule);
        if (!albums)
            return albums.error();
        QHash<qint64, qint64> total;
        for (const CappedAlbum &album : *albums)
            total[album.ownerId] += album.bytes;
        for (const CappedAlbum &album : *albums) {   // oldest first, per customer
            qint64 &left = total[album.ownerId];
            if (left <= cap.bytes)
                continue;
            left -= album.bytes;
            if (album.state != QLatin1String("active") || (album.expires.isValid() && album.expires <= noticeDate))
                continue;   // leaving already
            if (Status status = pass.sql.bringForward(album.id, noticeDate, m_now); !status)
                return status;
            const QString size = QLocale::c().formattedDataSize(cap.bytes, 1, QLocale::DataSizeSIFormat);
            const QJsonObject details { { QStringLiteral("rule"), cap.name }, { QStringLiteral("cap_bytes"), cap.bytes },
                                        { QStringLiteral("from"), album.expires.isValid() ? toCatalogDate(album.expires) : QString() },
                                        { QStringLiteral("to"), toCatalogDate(noticeDate) } };
            if (Status status = pass.sql.audit({ 0, m_now, pass.actor, QStringLiteral("cap"), album.ownerId, album.id, details }); !status)
                return status;
            pass.report.changes.append({ SweepChange::Action::Cap, album.id, album.title, album.ownerCode, album.photos,
                                    album.state, album.state, album.expires, noticeDate,
                                    QCoreApplication::translate("Keepsake::ExpirySweep",
                                        "the customer's albums under rule '%1' are over its cap of %2; the oldest "
                                        "go first: brought forward to %3").arg(cap.name, size,
                                        QLocale().toString(noticeDate, QStringLiteral("d MMM yyyy"))), {} });
            ++pass.report.capped;
        }
    }
    return Status::success();
}

} // namespace Keepsake
