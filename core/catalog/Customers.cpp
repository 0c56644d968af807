// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Customers.h"

#include "Catalog.h"
#include "Devices.h"
#include "PinHash.h"
#include "SqlQuery.h"
#include "base/MailAddress.h"
#include "base/Time.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <optional>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Customers)
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::Customers", text);
}

} // namespace

Status Customers::validate(const NewCustomer &customer)
{
    const QList<CustomerProblem> found = problems(customer);
    if (found.isEmpty())
        return Status::success();
    return Error::usage(found.first().message);
}

QList<CustomerProblem> Customers::problems(const NewCustomer &customer)
{
    using Field = CustomerProblem::Field;
    QList<CustomerProblem> found;
    static const QRegularExpression codeShape(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"));
    if (!codeShape.match(customer.code.trimmed()).hasMatch())
        found.append({ Field::Code, Tr::tr("The customer code \"%1\" is not usable: use 1 to 32 letters, digits, "
                                           "dots, dashes or underscores, e.g. K-00042.").arg(customer.code) });
    if (customer.name.trimmed().isEmpty())
        found.append({ Field::Name, Tr::tr("The customer %1 needs a name.").arg(customer.code) });
    // The name goes into mails' To: headers and onto receipts: one line of text.
    const auto isControl = [](QChar c) { return c.category() == QChar::Other_Control; };
    if (std::any_of(customer.name.cbegin(), customer.name.cend(), isControl))
        found.append({ Field::Name, Tr::tr("The name of customer %1 holds a line break or another control character: "
                                           "type it on one line.").arg(customer.code) });
    if (!customer.email.isEmpty())
        if (const QString problem = MailAddress::problem(customer.email); !problem.isEmpty())
            found.append({ Field::Email, problem });
    if (!customer.pin.isEmpty() && !PinHash::isValidPin(customer.pin))
        found.append({ Field::Pin, Tr::tr("A PIN has 4 to 8 digits.") });
    return found;
}

Result<Customer> Customers::add(const NewCustomer &customer, const QDateTime &now) const
{
    if (Status status = validate(customer); !status)
        return status.error();
    if (byCode(customer.code).ok())
        return Error::usage(tr("There is already a customer with the code %1.").arg(customer.code.trimmed()));
    std::optional<qint64> home;
    if (!customer.homeDevice.trimmed().isEmpty()) {
        const Result<Device> device = Devices(m_catalog).byName(customer.homeDevice);
        if (!device)
            return device.error();
        home = device->id;
    }

    SqlQuery insert(m_catalog.db(), QStringLiteral(
        "INSERT INTO customers (code, code_key, name, email, phone, language, pin_hash, home_device_id, created_at) "
        "VALUES (:code, :key, :name, :email, :phone, :language, :pin, :home, :now) RETURNING id"));
    insert.bind(QStringLiteral(":code"), customer.code.trimmed())
        .bind(QStringLiteral(":key"), codeKey(customer.code))
        .bind(QStringLiteral(":name"), customer.name.trimmed())
        .bind(QStringLiteral(":email"), nullIfEmpty(customer.email.trimmed()))
        .bind(QStringLiteral(":phone"), nullIfEmpty(customer.phone.trimmed()))
        .bind(QStringLiteral(":language"), nullIfEmpty(customer.language.trimmed()))
        .bind(QStringLiteral(":pin"), nullIfEmpty(customer.pin.isEmpty() ? QString() : PinHash::make(customer.pin)))
        .bind(QStringLiteral(":home"), home ? QVariant(*home) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":now"), toCatalogTime(now));
    const Result<qint64> id = insert.execReturningId();
    if (!id)
        return id.error();
    return byId(*id);
}

Result<Customer> Customers::byCode(const QString &code) const
{
    auto found = select(QStringLiteral("c.code_key = ?"), { codeKey(code) });
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(tr("There is no customer with the code %1. Check the code, or add "
                                  "the customer first.").arg(code));
    return found->first();
}

Result<Customer> Customers::byId(qint64 id) const
{
    auto found = select(QStringLiteral("c.id = ?"), { id });
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(tr("There is no customer number %1.").arg(id));
    return found->first();
}

Result<QList<Customer>> Customers::list() const
{
    return select(QStringLiteral("1 = 1"), {});
}

Result<QList<Customer>> Customers::search(const QString &text, int limit) const
{
    const QString pattern = QLatin1Char('%') + text.trimmed().toLower() + QLatin1Char('%');
    auto found = select(QStringLiteral("(lower(c.code) LIKE ? OR lower(c.name) LIKE ? OR "
                                       "lower(coalesce(c.email, '')) LIKE ? OR "
                                       "coalesce(c.phone, '') LIKE ?)"),
                        { pattern, pattern, pattern, pattern });
    if (found && found->size() > limit)
        found->resize(limit);
    return found;
}

Result<bool> Customers::checkPin(qint64 customerId, const QString &pin) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral("SELECT pin_hash FROM customers WHERE id = :id"));
    query.bind(QStringLiteral(":id"), customerId);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next() || query.value(0).isNull())
        return false;
    return PinHash::verify(pin, query.text(0));
}

Result<Customers::PinRecord> Customers::pinRecord(const QString &code) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral("SELECT id, pin_hash FROM customers WHERE code_key = :key"));
    query.bind(QStringLiteral(":key"), codeKey(code));
    if (Status status = query.exec(); !status)
        return status.error();
    PinRecord record;
    if (query.next()) {
        record.customerId = query.integer(0);
        record.hash = query.text(1);
    }
    return record;
}

Result<QList<Customer>> Customers::select(const QString &where, const QVariantList &values) const
{
    QSqlQuery query(m_catalog.db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT c.id, c.code, c.name, c.email, c.phone, c.language, c.pin_hash IS NOT NULL, "
        "r.name, c.created_at, c.home_device_id, d.name FROM customers c "
        "LEFT JOIN retention_rules r ON r.id = c.plan_rule_id LEFT JOIN devices d ON d.id = c.home_device_id "
        "WHERE %1 ORDER BY c.code_key").arg(where));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return Error::failure(tr("The customers cannot be read from the catalog: %1.")
                                  .arg(query.lastError().text()));
    QList<Customer> customers;
    while (query.next()) {
        Customer c;
        c.id = query.value(0).toLongLong();
        c.code = query.value(1).toString();
        c.name = query.value(2).toString();
        c.email = query.value(3).toString();
        c.phone = query.value(4).toString();
        c.language = query.value(5).toString();
        c.hasPin = query.value(6).toBool();
        c.planRule = query.value(7).toString();
        c.createdAt = fromCatalogTime(query.value(8).toString());
        c.homeDeviceId = query.value(9).toLongLong();
        c.homeDevice = query.value(10).toString();
        customers.append(c);
    }
    return customers;
}

} // namespace Keepsake
