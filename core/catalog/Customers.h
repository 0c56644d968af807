// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Keepsake {

class Catalog;

struct Customer
{
    qint64 id = 0;
    QString code;      // lab-assigned, printed on receipts; compared case-insensitively
    QString name;
    QString email;
    QString phone;
    QString language;  // "de", "ja", ...; empty: the lab's language
    bool hasPin = false;
    QString planRule;  // the retention rule new albums get; empty: the lab's default
    QDateTime createdAt;
    qint64 homeDeviceId = 0;   // where their photos are kept (CLI.md "Network"); 0: none
    QString homeDevice {};     // that device's name
};

struct NewCustomer
{
    QString code;
    QString name;
    QString email;
    QString phone;
    QString language;
    QString pin;       // 4–8 digits, or empty
    QString homeDevice {};   // a device's name, or empty
};

// One thing wrong with a customer's data as typed, and the field it is in (a form
// shows it next to that field).
struct CustomerProblem
{
    enum class Field { Code, Name, Email, Pin };
    Field field = Field::Code;
    QString message;
};

// Customers of the lab: add, find, list.
class Customers
{
public:
    explicit Customers(const Catalog &catalog) : m_catalog(catalog) { }

    Result<Customer> add(const NewCustomer &customer, const QDateTime &now) const;
    // By code, case-insensitively; NotFound names the code.
    Result<Customer> byCode(const QString &code) const;
    Result<Customer> byId(qint64 id) const;
    Result<QList<Customer>> list() const;
    // Code, name, phone or e-mail containing the text (case-insensitive).
    Result<QList<Customer>> search(const QString &text, int limit = 200) const;
    Result<bool> checkPin(qint64 customerId, const QString &pin) const;

    // What sign-in checks a PIN against, in one read whether the code exists or not:
    // the customer (0: no such code) and their stored PIN hash (empty: none).
    struct PinRecord
    {
        qint64 customerId = 0;
        QString hash;
    };
    Result<PinRecord> pinRecord(const QString &code) const;

    static QString codeKey(const QString &code) { return code.trimmed().toUpper(); }
    // The checks a customer's data passes before it is written (add, and changes):
    // code shape, a name on one line, an e-mail address, a PIN of 4 to 8 digits.
    static Status validate(const NewCustomer &customer);
    // The same checks, each field's problem (none: the data may be written).
    static QList<CustomerProblem> problems(const NewCustomer &customer);

private:
    Result<QList<Customer>> select(const QString &where, const QVariantList &values) const;

    const Catalog &m_catalog;
};

} // namespace Keepsake
