// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SweepCandidates.h"

#include "base/Time.h"
#include "catalog/SqlQuery.h"
#include "notify/NoticeOutbox.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <functional>

namespace Keepsake {

namespace {

// Ids bound per statement when reading owners and viewers.
constexpr qsizetype IdsPerQuery = 500;

// ":id0, :id1, ..." for ids[from, from + count), bound into `bindings`.
QString idList(const QList<qint64> &ids, qsizetype from, qsizetype count, QList<NoticeOutbox::Binding> &bindings)
{
    QStringList names;
    for (qsizetype i = 0; i < count; ++i) {
        names << QStringLiteral(":id%1").arg(i);
        bindings.append({ names.last(), ids.at(from + i) });
    }
    return names.join(QStringLiteral(", "));
}

// Runs `sql` (with %1 for the id list) over the ids, a chunk at a time, handing each row to `row`.
Status forIds(const QSqlDatabase &db, const QString &sql, const QList<qint64> &ids,
              const std::function<void(const SqlQuery &)> &row)
{
    for (qsizetype from = 0; from < ids.size(); from += IdsPerQuery) {
        QList<NoticeOutbox::Binding> bindings;
        const QString list = idList(ids, from, std::min(IdsPerQuery, ids.size() - from), bindings);
        SqlQuery query(db, sql.arg(list));
        for (const NoticeOutbox::Binding &binding : std::as_const(bindings))
            query.bind(binding.first, binding.second);
        if (Status status = query.exec(); !status)
            return status;
        while (query.next())
            row(query);
    }
    return Status::success();
}

} // namespace

Result<SweepCandidates> SweepCandidates::read(const QSqlDatabase &db, const QDate &today, int noticeDays, bool dryRun)
{
    // Every column but the first three is read only for albums that may change, so
    // that the others cost an index entry, not a row. The condition is repeated
    // with its own parameter names (PostgreSQL binds each name once).
    QStringList mayChange;
    for (int i = 0; i < 5; ++i)
        mayChange << (dryRun ? QStringLiteral("1 = 1") : QStringLiteral("(a.state = 'active' OR a.expires_on < :today%1)").arg(i));
    SqlQuery query(db, QStringLiteral(
        "SELECT a.id, a.state, a.expires_on, %1, CASE WHEN %2 THEN a.title END, "
        "CASE WHEN %3 THEN a.notice_issued_at END, CASE WHEN %4 THEN a.owner_id END, "
        "CASE WHEN %5 THEN (SELECT count(*) FROM photos p WHERE p.album_id = a.id) END, "
        "CASE WHEN %6 THEN (SELECT count(*) FROM shares s WHERE s.album_id = a.id) END "
        "FROM albums a WHERE a.expires_on < :limit AND a.state IN ('active', 'expiring')")
        .arg(dryRun ? QStringLiteral("1 = 1") : QStringLiteral("(a.state = 'active' OR a.expires_on < :today5)"),
             mayChange.at(0), mayChange.at(1), mayChange.at(2), mayChange.at(3), mayChange.at(4)));
    query.bind(QStringLiteral(":limit"), toCatalogDate(today.addDays(noticeDays + 1)));
    for (int i = 0; !dryRun && i < 6; ++i)
        query.bind(QStringLiteral(":today%1").arg(i), toCatalogDate(today));
    if (Status status = query.exec(); !status)
        return status.error();
    SweepCandidates result;
    QHash<qint64, QList<qsizetype>> byOwner;   // owner id -> albums
    QHash<qint64, qsizetype> shared;           // album id -> album, for albums with viewers
    while (query.next()) {
        if (!query.value(3).toBool()) {
            ++result.waiting;
            continue;
        }
        SweepCandidate album;
        album.id = query.integer(0);
        album.state = query.text(1);
        album.expires = fromCatalogDate(query.text(2));
        album.title = query.text(4);
        album.noticeIssued = fromCatalogTime(query.text(5));
        album.owner.customerId = query.integer(6);
        album.photos = int(query.integer(7));
        if (query.integer(8) > 0)
            shared.insert(album.id, qsizetype(result.albums.size()));
        byOwner[query.integer(6)].append(qsizetype(result.albums.size()));
        result.albums.push_back(std::move(album));
    }
    const Status owners = forIds(db, QStringLiteral("SELECT id, code, name, email, language FROM customers WHERE id IN (%1)"),
                                 byOwner.keys(), [&](const SqlQuery &row) {
        for (const qsizetype index : byOwner.value(row.integer(0))) {
            NoticeRecipient &owner = result.albums[std::size_t(index)].owner;
            owner.code = row.text(1);
            owner.name = row.text(2);
            owner.email = row.text(3).trimmed();
            owner.language = row.text(4);
        }
    });
    if (!owners)
        return owners.error();
    const QList<qint64> sharedIds = shared.keys();
    for (qsizetype from = 0; from < sharedIds.size(); from += IdsPerQuery) {
        QList<NoticeOutbox::Binding> bindings;
        const QString list = idList(sharedIds, from, std::min(IdsPerQuery, sharedIds.size() - from), bindings);
        const auto viewers = NoticeOutbox::viewersWhere(db, QStringLiteral("a.id IN (%1)").arg(list), bindings);
        if (!viewers)
            return viewers.error();
        for (auto it = viewers->constBegin(); it != viewers->constEnd(); ++it)
            result.albums[std::size_t(shared.value(it.key()))].viewers = it.value();
    }
    std::sort(result.albums.begin(), result.albums.end(), [](const SweepCandidate &a, const SweepCandidate &b) {
        return a.expires != b.expires ? a.expires < b.expires : a.id < b.id;
    });
    return result;
}

} // namespace Keepsake
