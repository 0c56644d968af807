// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;

// Someone signed in on the customers' web page: a customer (code and PIN, or their
// mail's one-time link), or a viewer known only by the e-mail address an album is
// shared with (by the link in their mail).
struct WebPerson
{
    qint64 sessionId = 0;
    std::optional<qint64> customerId;
    QString email;        // a viewer by address: lower case
    QString name;         // the customer's name, else the address
    QString code;         // the customer's code; empty for a viewer by address
    QString language;     // the customer's language; empty: the browser's

    bool isCustomer() const { return customerId.has_value(); }
    // The actor core checks: the customer at home, or the viewer by address.
    Actor actor() const;
    // How notices and shares name this person: "c:42" or "e:someone@example.org".
    QString recipientKey() const;
};

// Web sessions (table web_sessions): a random token in an HttpOnly cookie, kept here
// only as its hash. A session ends on sign-out, after IdleMinutes without use, and
// MaxHours after it began whatever happens.
class WebSessions
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::WebSessions)

public:
    static constexpr int IdleMinutes = 30;
    static constexpr int MaxHours = 12;
    static constexpr int ExtendEverySeconds = 60;   // how often resolve() writes last_seen_at

    enum class Origin { Pin, Link };

    explicit WebSessions(const Catalog &catalog) : m_catalog(catalog) { }

    // A new session for a customer, or for a viewer by address; the token, this once.
    Result<QString> open(std::optional<qint64> customerId, const QString &email, Origin origin,
                         const QDateTime &now) const;
    // The person of a live session (which lives on); Refused when it has ended.
    Result<WebPerson> resolve(const QString &token, const QDateTime &now) const;
    Status close(const QString &token, const QDateTime &now) const;

    static QString newToken();

private:
    Result<WebPerson> person(std::optional<qint64> customerId, const QString &email) const;

    const Catalog &m_catalog;
};

} // namespace Keepsake
