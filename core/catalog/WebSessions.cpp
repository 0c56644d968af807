// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebSessions.h"

#include "Catalog.h"
#include "Customers.h"
#include "SqlQuery.h"
#include "Terminals.h"
#include "base/Time.h"

#include <QRandomGenerator>

namespace Keepsake {

Actor WebPerson::actor() const
{
    if (customerId)
        return Actor::customer(*customerId, QStringLiteral("web"));
    return Actor::viewer(std::nullopt, email);
}

QString WebPerson::recipientKey() const
{
    return customerId ? QStringLiteral("c:%1").arg(*customerId) : QStringLiteral("e:") + email;
}

QString WebSessions::newToken()
{
    QByteArray bytes(32, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QString> WebSessions::open(std::optional<qint64> customerId, const QString &email, Origin origin,
                                  const QDateTime &now) const
{
    const QString token = newToken();
    SqlQuery insert(m_catalog.db(), QStringLiteral(
        "INSERT INTO web_sessions (token_hash, customer_id, email, origin, created_at, last_seen_at, expires_at) "
        "VALUES (:hash, :customer, :email, :origin, :now, :now, :expires)"));
    insert.bind(QStringLiteral(":hash"), Terminals::tokenHash(token))
        .bind(QStringLiteral(":customer"), customerId ? QVariant(*customerId) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":email"), nullIfEmpty(customerId ? QString() : email.trimmed().toLower()))
        .bind(QStringLiteral(":origin"), origin == Origin::Pin ? QStringLiteral("pin") : QStringLiteral("link"))
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":expires"), toCatalogTime(now.addSecs(qint64(MaxHours) * 3600)));
    if (Status status = insert.exec(); !status)
        return status.error();
    return token;
}

Result<WebPerson> WebSessions::resolve(const QString &token, const QDateTime &now) const
{
    const QString refusal = tr("Your session on this page has ended: sign in again.");
    if (token.isEmpty())
        return Error::refused(refusal);
    SqlQuery find(m_catalog.db(), QStringLiteral(
        "SELECT id, customer_id, email, last_seen_at, expires_at FROM web_sessions "
        "WHERE token_hash = :hash AND ended_at IS NULL"));
    find.bind(QStringLiteral(":hash"), Terminals::tokenHash(token));
    if (Status status = find.exec(); !status)
        return status.error();
    if (!find.next())
        return Error::refused(refusal);
    const qint64 id = find.integer(0);
    const std::optional<qint64> customerId = find.value(1).isNull() ? std::nullopt : std::optional(find.integer(1));
    const QString email = find.text(2);
    const QDateTime lastSeen = fromCatalogTime(find.text(3));
    const QDateTime expires = fromCatalogTime(find.text(4));
    find.finish();
    if (expires <= now || lastSeen.addSecs(IdleMinutes * 60) <= now)
        return Error::refused(refusal);
    Result<WebPerson> person = this->person(customerId, email);
    if (!person)
        return person;
    person->sessionId = id;
    if (lastSeen.secsTo(now) < ExtendEverySeconds)
        return person;
    SqlQuery seen(m_catalog.db(), QStringLiteral("UPDATE web_sessions SET last_seen_at = :now WHERE id = :id"));
    seen.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":id"), id);
    if (Status status = seen.exec(); !status)
        return status.error();
    return person;
}

Result<WebPerson> WebSessions::person(std::optional<qint64> customerId, const QString &email) const
{
    WebPerson person;
    person.customerId = customerId;
    person.email = email;
    person.name = email;
    if (!customerId)
        return person;
    const Result<Customer> customer = Customers(m_catalog).byId(*customerId);
    if (!customer)
        return customer.error();
    person.name = customer->name;
    person.code = customer->code;
    person.email = customer->email;
    person.language = customer->language;
    return person;
}

Status WebSessions::close(const QString &token, const QDateTime &now) const
{
    SqlQuery end(m_catalog.db(), QStringLiteral(
        "UPDATE web_sessions SET ended_at = :now WHERE token_hash = :hash AND ended_at IS NULL"));
    end.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":hash"), Terminals::tokenHash(token));
    return end.exec();
}

} // namespace Keepsake
