// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Customers.h"
#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Keepsake {

class Catalog;

// A customer who registered at the kiosk and waits for the clerk to confirm them
// (they show their ID or pay for their plan at the counter).
struct KioskRegistration
{
    qint64 customerId = 0;
    QString code;
    QString name;
    QString email;
    QString phone;
    QDateTime registeredAt;
};

// What a new customer types at the kiosk: their name, a phone number or an e-mail
// address, a PIN, and the language the kiosk shows.
struct KioskSignUp
{
    QString name;
    QString contact;
    QString pin;
    QString language;
};

// The kiosk writes a `kiosk_registration` audit entry (record()); the clerk's confirmation is a
// `registration_confirmed` entry for the same customer. Registrations without one
// are pending.
class KioskRegistrations
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::KioskRegistrations)

public:
    explicit KioskRegistrations(const Catalog &catalog) : m_catalog(catalog) { }

    // A customer registered themselves at a kiosk: the kiosk terminal (a device), the
    // customer themselves, the clerk or the system writes it; a viewer or another
    // customer is refused.
    Status record(const Actor &actor, qint64 customerId, const QDateTime &now) const;
    // A customer registers themselves at a kiosk: a new customer with a fresh code
    // ("K" and five digits), and the registration recorded for the clerk to confirm.
    // The kiosk terminal (a device), the clerk or the system registers; nobody else.
    Result<Customer> registerAtKiosk(const Actor &actor, const KioskSignUp &form, const QDateTime &now) const;
    // Oldest first.
    Result<QList<KioskRegistration>> pending() const;
    Status confirm(qint64 customerId, const QDateTime &now, const QString &actor) const;

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
