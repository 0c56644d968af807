// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SweepStatements.h"

#include "RetentionLog.h"
#include "base/Time.h"

#include <QJsonDocument>

namespace Keepsake {

SqlQuery &SweepStatements::prepared(std::optional<SqlQuery> &slot, const char *sql)
{
    if (!slot)
        slot.emplace(m_db, QString::fromLatin1(sql));
    return *slot;
}

Status SweepStatements::takeTurn(bool postgres)
{
    // A constant of Keepsake's own for the sweep's advisory lock ("KSsweep" in ASCII).
    return SqlQuery::execDirect(m_db, postgres ? QStringLiteral("SELECT pg_advisory_xact_lock(23491039782516080)")
                                               : QStringLiteral("UPDATE schema_version SET version = version WHERE 0 = 1"));
}

Status SweepStatements::markNoticed(qint64 albumId, const QDateTime &now)
{
    SqlQuery &update = prepared(m_noticed,
        "UPDATE albums SET state = 'expiring', notice_issued_at = :now WHERE id = :id");
    update.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":id"), albumId);
    return update.exec();
}

Status SweepStatements::markNoticedLate(qint64 albumId, const QDate &date, const QDateTime &now)
{
    SqlQuery &update = prepared(m_late,
        "UPDATE albums SET state = 'expiring', notice_issued_at = :now, expires_on = :date, "
        "expiry_source = 'notice', expiry_set_at = :now2 WHERE id = :id");
    update.bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":date"), toCatalogDate(date))
        .bind(QStringLiteral(":now2"), toCatalogTime(now))
        .bind(QStringLiteral(":id"), albumId);
    return update.exec();
}

Status SweepStatements::markExpired(qint64 albumId)
{
    SqlQuery &update = prepared(m_expired, "UPDATE albums SET state = 'expired' WHERE id = :id AND state = 'expiring'");
    update.bind(QStringLiteral(":id"), albumId);
    return update.exec();
}

Status SweepStatements::bringForward(qint64 albumId, const QDate &date, const QDateTime &now)
{
    SqlQuery &update = prepared(m_cap,
        "UPDATE albums SET expires_on = :date, expiry_source = 'cap', expiry_set_at = :now WHERE id = :id");
    update.bind(QStringLiteral(":date"), toCatalogDate(date))
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":id"), albumId);
    return update.exec();
}

Status SweepStatements::audit(const AuditEntry &entry)
{
    SqlQuery &insert = prepared(m_audit,
        "INSERT INTO audit (at, actor, action, customer_id, album_id, details) "
        "VALUES (:at, :actor, :action, :customer, :album, :details)");
    const QVariant noId { QMetaType(QMetaType::LongLong) };
    insert.bind(QStringLiteral(":at"), toCatalogTime(entry.at))
        .bind(QStringLiteral(":actor"), entry.actor)
        .bind(QStringLiteral(":action"), entry.action)
        .bind(QStringLiteral(":customer"), entry.customerId ? QVariant(*entry.customerId) : noId)
        .bind(QStringLiteral(":album"), entry.albumId ? QVariant(*entry.albumId) : noId)
        .bind(QStringLiteral(":details"), QString::fromUtf8(QJsonDocument(entry.details).toJson(QJsonDocument::Compact)));
    return insert.exec();
}

namespace {

std::optional<QString> pragma(const QSqlDatabase &db, const char *name)
{
    SqlQuery query(db, QStringLiteral("PRAGMA %1").arg(QLatin1String(name)));
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.text(0);
}

void setPragma(const QSqlDatabase &db, const char *name, const QString &value)
{
    // A setting that does not take leaves the sweep as fast as before, no less right.
    if (Status set = SqlQuery::execDirect(db, QStringLiteral("PRAGMA %1 = %2").arg(QLatin1String(name), value)); !set)
        qCWarning(lcRetention).noquote() << "The sweep's connection setting" << name << "was not taken:"
                                         << set.error().message();
}

} // namespace

SweepRoom::SweepRoom(const QSqlDatabase &db, bool postgres) : m_db(db)
{
    if (postgres)
        return;
    m_cacheSize = pragma(m_db, "cache_size");
    m_tempStore = pragma(m_db, "temp_store");
    setPragma(m_db, "cache_size", QString::number(-CacheKiB));
    setPragma(m_db, "temp_store", QStringLiteral("MEMORY"));
}

SweepRoom::~SweepRoom()
{
    if (m_cacheSize)
        setPragma(m_db, "cache_size", *m_cacheSize);
    if (m_tempStore)
        setPragma(m_db, "temp_store", *m_tempStore);
}

} // namespace Keepsake
