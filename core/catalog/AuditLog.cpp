// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditLog.h"

#include "Catalog.h"
#include "CatalogLog.h"
#include "SqlQuery.h"
#include "base/Time.h"

#include <QJsonDocument>

namespace Keepsake {

Status AuditLog::record(const QSqlDatabase &db, const AuditEntry &entry)
{
    SqlQuery insert(db, QStringLiteral(
        "INSERT INTO audit (at, actor, action, customer_id, album_id, details) "
        "VALUES (:at, :actor, :action, :customer, :album, :details)"));
    const QVariant noId { QMetaType(QMetaType::LongLong) };
    insert.bind(QStringLiteral(":at"), toCatalogTime(entry.at))
        .bind(QStringLiteral(":actor"), entry.actor)
        .bind(QStringLiteral(":action"), entry.action)
        .bind(QStringLiteral(":customer"), entry.customerId ? QVariant(*entry.customerId) : noId)
        .bind(QStringLiteral(":album"), entry.albumId ? QVariant(*entry.albumId) : noId)
        .bind(QStringLiteral(":details"),
              QString::fromUtf8(QJsonDocument(entry.details).toJson(QJsonDocument::Compact)));
    return insert.exec();
}

Result<QList<AuditEntry>> AuditLog::read(const QSqlDatabase &db, const Filter &filter)
{
    QString where = QStringLiteral("at >= :since");
    if (filter.customerId)
        where += QStringLiteral(" AND customer_id = :customer");
    if (filter.albumId)
        where += QStringLiteral(" AND album_id = :album");
    SqlQuery query(db, QStringLiteral("SELECT id, at, actor, action, customer_id, album_id, details "
                                      "FROM audit WHERE %1 ORDER BY at, id").arg(where));
    query.bind(QStringLiteral(":since"), filter.since.isValid() ? toCatalogTime(filter.since) : QStringLiteral("0000"));
    if (filter.customerId)
        query.bind(QStringLiteral(":customer"), *filter.customerId);
    if (filter.albumId)
        query.bind(QStringLiteral(":album"), *filter.albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    QList<AuditEntry> entries;
    while (query.next()) {
        AuditEntry entry;
        entry.id = query.integer(0);
        entry.at = fromCatalogTime(query.text(1));
        entry.actor = query.text(2);
        entry.action = query.text(3);
        if (!query.value(4).isNull())
            entry.customerId = query.integer(4);
        if (!query.value(5).isNull())
            entry.albumId = query.integer(5);
        entry.details = QJsonDocument::fromJson(query.text(6).toUtf8()).object();
        entries.append(entry);
    }
    return entries;
}

QString AuditLog::currentActor(const QString &program)
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    return user.isEmpty() ? program : program + QLatin1Char(':') + user;
}

Result<QList<AuditEntry>> AuditTrail::read(const Actor &actor, const AuditLog::Filter &filter) const
{
    if (!actor.actsForLab()) {
        qCInfo(lcCatalog).noquote() << "Refused the audit trail to" << actor.auditText();
        return Error::refused(tr("The audit trail is the lab's record and is shown to the clerk only, not to %1.")
                                  .arg(actor.describe()));
    }
    return AuditLog::read(m_catalog.db(), filter);
}

} // namespace Keepsake
