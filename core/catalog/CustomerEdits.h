// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Customers.h"
#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;
class Clock;

// What `customer set` changes; a field left unset stays as it is. An empty e-mail,
// phone, language, PIN, plan or home device removes it; a name cannot be emptied.
struct CustomerChanges
{
    std::optional<QString> name;
    std::optional<QString> email;
    std::optional<QString> phone;
    std::optional<QString> pin;
    std::optional<QString> language;
    std::optional<QString> plan;         // a retention rule's name
    std::optional<QString> homeDevice;   // a device's name

    bool isEmpty() const;
};

// Adding and changing customers, as the front ends do it. A new customer is checked
// by Customers::add and written with its "customer_add" audit entry (a PIN as "***"),
// by the clerk or the system only. A change is checked like a new customer's
// (one-line name, e-mail address, PIN of 4 to 8 digits), in one transaction with its
// "customer_update" audit entry (a PIN written as "***"). The clerk and the system
// change everything; customers their own name, contact, language and PIN.
class CustomerEdits
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::CustomerEdits)

public:
    CustomerEdits(const Catalog &catalog, const Clock &clock) : m_catalog(catalog), m_clock(clock) { }

    // A new customer, with the retention rule their new albums get (empty: the lab's default).
    Result<Customer> add(const Actor &actor, const NewCustomer &customer, const QString &plan = {}) const;
    Result<Customer> update(const Actor &actor, const QString &code, const CustomerChanges &changes) const;

private:
    Status allowed(const Actor &actor, const Customer &customer, const CustomerChanges &changes) const;

    const Catalog &m_catalog;
    const Clock &m_clock;
};

} // namespace Keepsake
