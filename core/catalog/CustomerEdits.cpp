// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerEdits.h"

#include "AuditLog.h"
#include "Catalog.h"
#include "CatalogLog.h"
#include "Devices.h"
#include "PinHash.h"
#include "SqlQuery.h"
#include "base/Clock.h"

#include <QJsonObject>

#include <utility>

namespace Keepsake {

namespace {

struct Column
{
    QString name;
    QVariant value;
};

// The customer as they will be, for the checks a new customer passes.
NewCustomer merged(const Customer &current, const CustomerChanges &changes)
{
    return { current.code,
             changes.name.value_or(current.name),
             changes.email.value_or(current.email),
             changes.phone.value_or(current.phone),
             changes.language.value_or(current.language),
             changes.pin.value_or(QString()),
             {} };
}

Result<QVariant> planRuleId(const QSqlDatabase &db, const QString &rule)
{
    if (rule.trimmed().isEmpty())
        return QVariant(QMetaType(QMetaType::LongLong));
    SqlQuery query(db, QStringLiteral("SELECT id FROM retention_rules WHERE lower(name) = lower(:name)"));
    query.bind(QStringLiteral(":name"), rule.trimmed());
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(CustomerEdits::tr("There is no retention rule named \"%1\". See: keepsakectl rule list")
                                   .arg(rule.trimmed()));
    return QVariant(query.integer(0));
}

Result<QVariant> homeDeviceId(const Catalog &catalog, const QString &device)
{
    if (device.trimmed().isEmpty())
        return QVariant(QMetaType(QMetaType::LongLong));
    const Result<Device> found = Devices(catalog).byName(device);
    if (!found)
        return found.error();
    return QVariant(found->id);
}

// The columns to write and what the audit entry says of them.
Result<QList<Column>> columnsFor(const Catalog &catalog, const CustomerChanges &changes, QJsonObject &details)
{
    QList<Column> columns;
    const auto text = [&](const char *column, const char *field, const std::optional<QString> &value) {
        if (!value)
            return;
        columns.append({ QString::fromLatin1(column), nullIfEmpty(value->trimmed()) });
        details.insert(QString::fromLatin1(field), value->trimmed());
    };
    text("name", "name", changes.name);
    text("email", "email", changes.email);
    text("phone", "phone", changes.phone);
    text("language", "language", changes.language);
    if (changes.pin) {
        columns.append({ QStringLiteral("pin_hash"), nullIfEmpty(changes.pin->isEmpty() ? QString() : PinHash::make(*changes.pin)) });
        details.insert(QStringLiteral("pin"), changes.pin->isEmpty() ? QString() : QStringLiteral("***"));
    }
    if (changes.plan) {
        const Result<QVariant> rule = planRuleId(catalog.db(), *changes.plan);
        if (!rule)
            return rule.error();
        columns.append({ QStringLiteral("plan_rule_id"), *rule });
        details.insert(QStringLiteral("plan"), changes.plan->trimmed());
    }
    if (changes.homeDevice) {
        const Result<QVariant> device = homeDeviceId(catalog, *changes.homeDevice);
        if (!device)
            return device.error();
        columns.append({ QStringLiteral("home_device_id"), *device });
        details.insert(QStringLiteral("home"), changes.homeDevice->trimmed());
    }
    return columns;
}

} // namespace

bool CustomerChanges::isEmpty() const
{
    return !name && !email && !phone && !pin && !language && !plan && !homeDevice;
}

Status CustomerEdits::allowed(const Actor &actor, const Customer &customer, const CustomerChanges &changes) const
{
    if (actor.actsForLab())
        return Status::success();
    if (actor.isCustomer(customer.id) && !changes.plan && !changes.homeDevice)
        return Status::success();
    qCInfo(lcCatalog).noquote() << "Refused changing customer" << customer.code << "to" << actor.auditText();
    return Error::refused(tr("Customer %1 was not changed: %2 may not change this (a customer changes only their own "
                             "name, contact, language and PIN; plan and home device are the lab's). Ask at the "
                             "counter.").arg(customer.code, actor.describe()));
}

Result<Customer> CustomerEdits::add(const Actor &actor, const NewCustomer &customer, const QString &plan) const
{
    if (!actor.actsForLab()) {
        qCInfo(lcCatalog).noquote() << "Refused adding customer" << customer.code << "to" << actor.auditText();
        return Error::refused(tr("Customer %1 was not added: %2 may not add customers. New customers register at a "
                                 "kiosk or at the counter.").arg(customer.code.trimmed(), actor.describe()));
    }
    const QDateTime now = m_clock.now();
    Result<Customer> added = Error::failure(QString());
    const Status written = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        added = Customers(m_catalog).add(customer, now);
        if (!added)
            return added.error();
        QJsonObject details { { QStringLiteral("code"), added->code }, { QStringLiteral("name"), added->name } };
        const auto text = [&details](const char *field, const QString &value) {
            if (!value.trimmed().isEmpty())
                details.insert(QString::fromLatin1(field), value.trimmed());
        };
        text("email", customer.email);
        text("phone", customer.phone);
        text("language", customer.language);
        text("home", customer.homeDevice);
        if (!customer.pin.isEmpty())
            details.insert(QStringLiteral("pin"), QStringLiteral("***"));
        if (!plan.trimmed().isEmpty()) {
            const Result<QVariant> rule = planRuleId(db, plan);
            if (!rule)
                return rule.error();
            SqlQuery set(db, QStringLiteral("UPDATE customers SET plan_rule_id = :rule WHERE id = :id"));
            set.bind(QStringLiteral(":rule"), *rule).bind(QStringLiteral(":id"), added->id);
            if (Status status = set.exec(); !status)
                return status;
            details.insert(QStringLiteral("plan"), plan.trimmed());
        }
        return AuditLog::record(db, { 0, now, actor.auditText(), QStringLiteral("customer_add"), added->id, {},
                                      details });
    });
    if (!written)
        return written.error();
    qCInfo(lcCatalog).noquote() << "Customer" << added->code << "added by" << actor.auditText();
    return Customers(m_catalog).byId(added->id);
}

Result<Customer> CustomerEdits::update(const Actor &actor, const QString &code, const CustomerChanges &changes) const
{
    const Customers customers(m_catalog);
    const Result<Customer> current = customers.byCode(code);
    if (!current)
        return current.error();
    if (Status status = allowed(actor, *current, changes); !status)
        return status.error();
    if (changes.isEmpty())
        return Error::usage(tr("Say what to change of customer %1: --name, --email, --phone, --pin, --lang, --plan "
                               "or --home.").arg(current->code));
    if (changes.name && changes.name->trimmed().isEmpty())
        return Error::usage(tr("The customer %1 needs a name: it cannot be removed.").arg(current->code));
    if (Status status = Customers::validate(merged(*current, changes)); !status)
        return status.error();
    QJsonObject details;
    const Result<QList<Column>> columns = columnsFor(m_catalog, changes, details);
    if (!columns)
        return columns.error();
    const QDateTime now = m_clock.now();
    const Status written = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        QStringList assignments;
        for (qsizetype i = 0; i < columns->size(); ++i)
            assignments.append(QStringLiteral("%1 = :v%2").arg(columns->at(i).name).arg(i));
        SqlQuery update(db, QStringLiteral("UPDATE customers SET %1 WHERE id = :id").arg(assignments.join(QStringLiteral(", "))));
        for (qsizetype i = 0; i < columns->size(); ++i)
            update.bind(QStringLiteral(":v%1").arg(i), columns->at(i).value);
        update.bind(QStringLiteral(":id"), current->id);
        if (Status status = update.exec(); !status)
            return status;
        return AuditLog::record(db, { 0, now, actor.auditText(), QStringLiteral("customer_update"), current->id, {},
                                      details });
    });
    if (!written)
        return written.error();
    qCInfo(lcCatalog).noquote() << "Customer" << current->code << "changed by" << actor.auditText();
    return customers.byId(current->id);
}

} // namespace Keepsake
