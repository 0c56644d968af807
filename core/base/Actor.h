// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Keepsake {

// Who acts (DESIGN.md, "Who acts"): every operation of core that a front end calls
// names its actor, and core decides from it what may be done. The clerk and the
// system (sweeps, keepsakectl run by the lab's admin) act on every customer; a
// customer acts on their own albums and notices; a viewer only reads the albums
// shared with them; a device (a kiosk terminal, another store's device) acts for
// the lab's own records, never on a customer's albums.
class Actor
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Actor)

public:
    enum class Kind { Clerk, Customer, Viewer, Device, System };

    // A clerk by name at a front end: audited as "counter:anna", or "clerk:anna"
    // without one; a clerk without a name as the front end alone ("counter").
    static Actor clerk(const QString &name, const QString &frontEnd = QStringLiteral("clerk"));
    // A signed-in customer at a terminal ("kiosk"), audited as the terminal; without
    // one (at home) as "customer:ID".
    static Actor customer(qint64 customerId, const QString &terminal = {});
    // A person an album is shared with: a customer of the lab or a bare e-mail
    // address, as the shares name them. Audited as "viewer:c:42", "viewer:e:ADDRESS".
    static Actor viewer(std::optional<qint64> customerId, const QString &email = {});
    // A kiosk terminal or another store's device, audited by its name ("kiosk").
    static Actor device(const QString &name);
    // The lab's own jobs: a sweep, keepsakectl run by the admin ("keepsakectl:root").
    static Actor system(const QString &name);

    // The user name the program runs under ($USER, else $LOGNAME); empty if none.
    static QString sessionUser();

    Kind kind() const { return m_kind; }
    // The customer acting, or the viewer who is a customer; 0 otherwise.
    qint64 customerId() const { return m_customerId.value_or(0); }
    // The clerk's, the device's or the system job's name.
    const QString &name() const { return m_name; }
    // A viewer's identity as the shares table keys it: "c:42" or "e:someone@example.org".
    QString viewerKey() const;

    // The clerk or the system: they act on every customer.
    bool actsForLab() const { return m_kind == Kind::Clerk || m_kind == Kind::System; }
    // This customer, acting for themselves.
    bool isCustomer(qint64 customerId) const { return m_kind == Kind::Customer && this->customerId() == customerId; }

    // The audit log's actor field ("clerk:anna", "kiosk", "keepsakectl", "sweep").
    QString auditText() const;
    // For refusals, translated: "customer 42", "viewer someone@example.org", ...
    QString describe() const;

private:
    Actor(Kind kind, QString name) : m_kind(kind), m_name(std::move(name)) { }

    Kind m_kind;
    QString m_name;                    // clerk, device, system; a customer's terminal
    QString m_place;                   // a clerk's front end
    std::optional<qint64> m_customerId;
    QString m_email;                   // a viewer by address
};

} // namespace Keepsake
