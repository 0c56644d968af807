// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KioskRegistrations.h"

#include "AuditLog.h"
#include "Catalog.h"
#include "SqlQuery.h"
#include "base/Time.h"

#include <QJsonObject>

namespace Keepsake {

Status KioskRegistrations::record(const Actor &actor, qint64 customerId, const QDateTime &now) const
{
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (actor.kind() != Actor::Kind::Device && !actor.actsForLab() && !actor.isCustomer(customerId))
            return Error::refused(tr("The registration of customer %1 is recorded by the kiosk, the customer or "
                                     "the clerk, not by %2.").arg(customerId).arg(actor.describe()));
        SqlQuery exists(db, QStringLiteral("SELECT 1 FROM customers WHERE id = :id"));
        exists.bind(QStringLiteral(":id"), customerId);
        const Result<bool> found = exists.execFindsRow();
        if (!found)
            return found.error();
        if (!*found)
            return Error::notFound(tr("There is no customer %1 whose registration could be recorded; register "
                                      "them again.").arg(customerId));
        return AuditLog::record(db, { 0, now, actor.auditText(), QStringLiteral("kiosk_registration"), customerId,
                                      std::nullopt, QJsonObject { { QStringLiteral("confirmed"), false } } });
    });
}

Result<QList<KioskRegistration>> KioskRegistrations::pending() const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT c.id, c.code, c.name, c.email, c.phone, min(r.at) FROM audit r "
        "JOIN customers c ON c.id = r.customer_id "
        "WHERE r.action = 'kiosk_registration' AND NOT EXISTS (SELECT 1 FROM audit k "
        "WHERE k.action = 'registration_confirmed' AND k.customer_id = r.customer_id) "
        "GROUP BY c.id, c.code, c.name, c.email, c.phone ORDER BY min(r.at), c.id"));
    if (Status run = query.exec(); !run)
        return run.error().prefixed(tr("The kiosk registrations cannot be read: "));
    QList<KioskRegistration> list;
    while (query.next()) {
        list.append({ query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                      query.value(3).toString(), query.value(4).toString(), fromCatalogTime(query.value(5).toString()) });
    }
    return list;
}

Status KioskRegistrations::confirm(qint64 customerId, const QDateTime &now, const QString &actor) const
{
    return m_catalog.transaction([&](QSqlDatabase &db) {
        return AuditLog::record(db, { 0, now, actor, QStringLiteral("registration_confirmed"), customerId, std::nullopt,
                                      QJsonObject { { QStringLiteral("confirmed"), true } } });
    });
}

} // namespace Keepsake
