// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KioskRegistrations.h"

#include "AuditLog.h"
#include "Catalog.h"
#include "CatalogLog.h"
#include "SqlQuery.h"
#include "base/Time.h"

#include <QJsonObject>
#include <QRandomGenerator>

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

Result<Customer> KioskRegistrations::registerAtKiosk(const Actor &actor, const KioskSignUp &form,
                                                     const QDateTime &now) const
{
    if (actor.kind() != Actor::Kind::Device && !actor.actsForLab())
        return Error::refused(tr("New customers register at a kiosk before they sign in, or at the counter; %1 "
                                 "may not register one.").arg(actor.describe()));
    const Customers customers(m_catalog);
    NewCustomer customer;
    customer.name = form.name;
    (form.contact.contains(QLatin1Char('@')) ? customer.email : customer.phone) = form.contact;
    customer.pin = form.pin;
    customer.language = form.language;
    for (int tries = 0; tries < 20 && customer.code.isEmpty(); ++tries) {
        const QString code = QStringLiteral("K%1").arg(QRandomGenerator::global()->bounded(10000, 99999));
        const Result<Customer> existing = customers.byCode(code);
        if (!existing && existing.error().kind() == Error::Kind::NotFound)
            customer.code = code;
    }
    Result<Customer> added = customers.add(customer, now);
    if (!added)
        return added;
    // The customer exists now: they get their code even when the clerk's list misses them.
    if (const Status recorded = record(actor, added->id, now); !recorded)
        qCWarning(lcCatalog) << "The kiosk registration of" << added->code << "is not on the clerk's list:"
                             << recorded.error().message();
    return added;
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
