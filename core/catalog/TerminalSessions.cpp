// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TerminalSessions.h"

#include "Catalog.h"
#include "SqlQuery.h"
#include "Terminals.h"
#include "base/Time.h"

#include <QRandomGenerator>

namespace Keepsake {

namespace {

QString newToken()
{
    QByteArray bytes(32, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

Result<QString> TerminalSessions::open(qint64 terminalId, qint64 customerId, const QDateTime &now) const
{
    const QString token = newToken();
    SqlQuery insert(m_catalog.db(), QStringLiteral(
        "INSERT INTO terminal_sessions (terminal_id, customer_id, token_hash, created_at, expires_at) "
        "VALUES (:terminal, :customer, :hash, :now, :expires)"));
    insert.bind(QStringLiteral(":terminal"), terminalId)
        .bind(QStringLiteral(":customer"), customerId)
        .bind(QStringLiteral(":hash"), Terminals::tokenHash(token))
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":expires"), toCatalogTime(now.addSecs(IdleMinutes * 60)));
    if (Status status = insert.exec(); !status)
        return status.error();
    return token;
}

Result<qint64> TerminalSessions::resolve(qint64 terminalId, const QString &token, const QDateTime &now) const
{
    const QString refusal = tr("The customer's session at this terminal has ended: sign in again.");
    SqlQuery find(m_catalog.db(), QStringLiteral(
        "SELECT s.id, s.customer_id, s.expires_at FROM terminal_sessions s "
        "JOIN terminals t ON t.id = s.terminal_id "
        "WHERE s.token_hash = :hash AND s.terminal_id = :terminal AND s.ended_at IS NULL "
        "AND t.revoked_at IS NULL"));
    find.bind(QStringLiteral(":hash"), Terminals::tokenHash(token)).bind(QStringLiteral(":terminal"), terminalId);
    if (Status status = find.exec(); !status)
        return status.error();
    if (!find.next() || fromCatalogTime(find.text(2)) <= now)
        return Error::refused(refusal);
    const qint64 sessionId = find.integer(0);
    const qint64 customerId = find.integer(1);
    const QDateTime expires = fromCatalogTime(find.text(2));
    find.finish();
    // Lives on: written at most once a minute, not on every request of a busy kiosk.
    if (now.secsTo(expires) > IdleMinutes * 60 - ExtendEverySeconds)
        return customerId;
    SqlQuery extend(m_catalog.db(), QStringLiteral("UPDATE terminal_sessions SET expires_at = :expires WHERE id = :id"));
    extend.bind(QStringLiteral(":expires"), toCatalogTime(now.addSecs(IdleMinutes * 60)))
        .bind(QStringLiteral(":id"), sessionId);
    if (Status status = extend.exec(); !status)
        return status.error();
    return customerId;
}

Status TerminalSessions::close(const QString &token, const QDateTime &now) const
{
    SqlQuery end(m_catalog.db(), QStringLiteral(
        "UPDATE terminal_sessions SET ended_at = :now WHERE token_hash = :hash AND ended_at IS NULL"));
    end.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":hash"), Terminals::tokenHash(token));
    return end.exec();
}

} // namespace Keepsake
