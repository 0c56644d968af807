// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebLinks.h"

#include "Catalog.h"
#include "CatalogLog.h"
#include "Settings.h"
#include "SqlQuery.h"
#include "Terminals.h"
#include "WebSessions.h"
#include "base/Time.h"

namespace Keepsake {

Result<QString> WebLinks::pageUrl() const
{
    QString url;
    const Result<QString> setting = Settings(m_catalog).value(QStringLiteral("web.url"));
    if (setting && !setting->trimmed().isEmpty()) {
        url = setting->trimmed();
    } else {
        SqlQuery device(m_catalog.db(), QStringLiteral("SELECT url FROM devices WHERE url IS NOT NULL ORDER BY id"));
        if (Status status = device.exec(); !status)
            return status.error();
        if (device.next())
            url = device.text(0);
        device.finish();
    }
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

Result<QString> WebLinks::make(std::optional<qint64> customerId, const QString &email, qint64 noticeId,
                               const QDateTime &now) const
{
    const Result<QString> base = pageUrl();
    if (!base)
        return base.error();
    if (base->isEmpty())
        return Error::failure(tr("The lab serves no web page: set web.url or make this data folder a device."));
    const QString token = WebSessions::newToken();
    SqlQuery insert(m_catalog.db(), QStringLiteral(
        "INSERT INTO web_links (token_hash, customer_id, email, notice_id, created_at, expires_at) "
        "VALUES (:hash, :customer, :email, :notice, :now, :expires)"));
    insert.bind(QStringLiteral(":hash"), Terminals::tokenHash(token))
        .bind(QStringLiteral(":customer"), customerId ? QVariant(*customerId) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":email"), nullIfEmpty(customerId ? QString() : email.trimmed().toLower()))
        .bind(QStringLiteral(":notice"), noticeId > 0 ? QVariant(noticeId) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":expires"), toCatalogTime(now.addDays(ValidDays)));
    if (Status status = insert.exec(); !status)
        return status.error();
    return *base + QStringLiteral("/web/l/") + token;
}

Result<QString> WebLinks::fillMailBody(const QString &body, std::optional<qint64> customerId, const QString &email,
                                       qint64 noticeId, const QDateTime &now) const
{
    const QString placeholder = QString::fromLatin1(Placeholder);
    if (!body.contains(placeholder))
        return body;
    const Result<QString> base = pageUrl();
    if (!base)
        return base.error();
    if (base->isEmpty()) {
        QStringList lines = body.split(QLatin1Char('\n'));
        lines.removeIf([&placeholder](const QString &line) { return line.contains(placeholder); });
        return lines.join(QLatin1Char('\n'));
    }
    const Result<QString> link = make(customerId, email, noticeId, now);
    if (!link)
        return link.error();
    QString filled = body;
    return filled.replace(placeholder, *link);
}

Result<QString> WebLinks::redeem(const QString &token, const QDateTime &now) const
{
    const QString refusal = tr("This link was used already or has expired: sign in with your customer code and "
                               "PIN, or ask the lab for a new link.");
    QString session;
    const Status taken = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        SqlQuery take(db, QStringLiteral(
            "UPDATE web_links SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL "
            "AND expires_at > :now RETURNING customer_id, email"));
        take.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":hash"), Terminals::tokenHash(token));
        if (Status status = take.exec(); !status)
            return status;
        if (!take.next())
            return Error::refused(refusal);
        const std::optional<qint64> customerId = take.value(0).isNull() ? std::nullopt : std::optional(take.integer(0));
        const QString email = take.text(1);
        take.finish();
        const Result<QString> opened = WebSessions(m_catalog).open(customerId, email, WebSessions::Origin::Link, now);
        if (!opened)
            return opened.error();
        session = *opened;
        qCInfo(lcCatalog) << "A one-time link opened a web session for"
                          << (customerId ? QStringLiteral("customer %1").arg(*customerId) : QStringLiteral("a viewer"));
        return Status::success();
    });
    if (!taken)
        return taken.error();
    return session;
}

} // namespace Keepsake
