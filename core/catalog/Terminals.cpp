// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Terminals.h"

#include "Catalog.h"
#include "CatalogLog.h"
#include "SqlQuery.h"
#include "base/Time.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace Keepsake {

namespace {

constexpr qint64 LastSeenEverySeconds = 60;   // how often authenticate() writes last_seen_at

// 32 bytes from the system's random source, as base64url without padding (43 characters).
QString newToken()
{
    std::array<quint32, 8> words {};
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), qsizetype(sizeof(words)));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Terminal terminalFrom(const SqlQuery &query)
{
    Terminal t;
    t.id = query.integer(0);
    t.deviceId = query.integer(1);
    t.name = query.text(2);
    t.kind = Terminal::kindFromName(query.text(3)).value_or(Terminal::Kind::Kiosk);
    t.createdAt = fromCatalogTime(query.text(4));
    t.lastSeenAt = fromCatalogTime(query.text(5));
    return t;
}

const QString Columns = QStringLiteral("id, device_id, name, kind, created_at, last_seen_at");

} // namespace

QString Terminal::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Kiosk: return QStringLiteral("kiosk");
    case Kind::Station: return QStringLiteral("station");
    case Kind::Counter: return QStringLiteral("counter");
    }
    return QStringLiteral("kiosk");
}

std::optional<Terminal::Kind> Terminal::kindFromName(const QString &name)
{
    for (Kind kind : { Kind::Kiosk, Kind::Station, Kind::Counter }) {
        if (name.trimmed().compare(kindName(kind), Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

Result<Terminals::Paired> Terminals::add(qint64 deviceId, const QString &name, Terminal::Kind kind,
                                         const QDateTime &now) const
{
    const QString trimmed = name.trimmed();
    const auto isControl = [](QChar c) { return c.category() == QChar::Other_Control; };
    if (trimmed.isEmpty() || trimmed.size() > 64 || std::any_of(trimmed.cbegin(), trimmed.cend(), isControl))
        return Error::usage(tr("The terminal name \"%1\" is not usable: give 1 to 64 characters on one line, "
                               "e.g. kiosk-1.").arg(name));
    SqlQuery taken(m_catalog.db(), QStringLiteral(
        "SELECT 1 FROM terminals WHERE device_id = :device AND name = :name AND revoked_at IS NULL"));
    taken.bind(QStringLiteral(":device"), deviceId).bind(QStringLiteral(":name"), trimmed);
    const Result<bool> inUse = taken.execFindsRow();
    if (!inUse)
        return inUse.error();
    if (*inUse)
        return Error::refused(tr("This device already has a terminal named %1. Remove it first (keepsakectl "
                                 "terminal remove %1), or choose another name.").arg(trimmed));
    Paired paired;
    paired.token = newToken();
    SqlQuery insert(m_catalog.db(), QStringLiteral(
        "INSERT INTO terminals (device_id, name, kind, token_hash, created_at) "
        "VALUES (:device, :name, :kind, :hash, :now) RETURNING id"));
    insert.bind(QStringLiteral(":device"), deviceId)
        .bind(QStringLiteral(":name"), trimmed)
        .bind(QStringLiteral(":kind"), Terminal::kindName(kind))
        .bind(QStringLiteral(":hash"), tokenHash(paired.token))
        .bind(QStringLiteral(":now"), toCatalogTime(now));
    const Result<qint64> id = insert.execReturningId();
    if (!id)
        return id.error();
    paired.terminal = Terminal { *id, deviceId, trimmed, kind, now.toUTC(), {} };
    qCInfo(lcCatalog).noquote() << "Paired terminal" << trimmed << "with device" << deviceId;
    return paired;
}

Result<QList<Terminal>> Terminals::list(qint64 deviceId) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT %1 FROM terminals WHERE device_id = :device AND revoked_at IS NULL ORDER BY name").arg(Columns));
    query.bind(QStringLiteral(":device"), deviceId);
    if (Status status = query.exec(); !status)
        return status.error();
    QList<Terminal> terminals;
    while (query.next())
        terminals.append(terminalFrom(query));
    return terminals;
}

Status Terminals::remove(qint64 deviceId, const QString &name) const
{
    return remove(deviceId, name, QDateTime::currentDateTimeUtc());
}

Status Terminals::remove(qint64 deviceId, const QString &name, const QDateTime &now) const
{
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        SqlQuery find(db, QStringLiteral(
            "SELECT id FROM terminals WHERE device_id = :device AND name = :name AND revoked_at IS NULL"));
        find.bind(QStringLiteral(":device"), deviceId).bind(QStringLiteral(":name"), name.trimmed());
        if (Status status = find.exec(); !status)
            return status;
        if (!find.next())
            return Error::notFound(tr("This device has no terminal named %1. See: keepsakectl terminal list")
                                       .arg(name.trimmed()));
        const qint64 id = find.integer(0);
        SqlQuery revoke(db, QStringLiteral("UPDATE terminals SET revoked_at = :now WHERE id = :id"));
        revoke.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":id"), id);
        if (Status status = revoke.exec(); !status)
            return status;
        SqlQuery end(db, QStringLiteral(
            "UPDATE terminal_sessions SET ended_at = :now WHERE terminal_id = :id AND ended_at IS NULL"));
        end.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":id"), id);
        if (Status status = end.exec(); !status)
            return status;
        qCInfo(lcCatalog).noquote() << "Revoked terminal" << name.trimmed() << "of device" << deviceId;
        return Status::success();
    });
}

Result<Terminal> Terminals::authenticate(qint64 deviceId, const QString &token, const QDateTime &now) const
{
    // One answer for every refusal, so that it tells nothing about which tokens exist.
    const Error refused = Error::refused(tr("This terminal's token is not accepted by the device (unknown or "
                                            "revoked). Pair the terminal again: keepsakectl terminal add NAME."));
    if (token.trimmed().isEmpty())
        return refused;
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT %1 FROM terminals WHERE token_hash = :hash AND device_id = :device AND revoked_at IS NULL")
                                       .arg(Columns));
    query.bind(QStringLiteral(":hash"), tokenHash(token.trimmed())).bind(QStringLiteral(":device"), deviceId);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return refused;
    Terminal terminal = terminalFrom(query);
    query.finish();   // before the write below
    if (!terminal.lastSeenAt.isValid() || terminal.lastSeenAt.secsTo(now) >= LastSeenEverySeconds) {
        SqlQuery seen(m_catalog.db(), QStringLiteral("UPDATE terminals SET last_seen_at = :now WHERE id = :id"));
        seen.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":id"), terminal.id);
        if (Status status = seen.exec(); !status)
            return status.error();
        terminal.lastSeenAt = now.toUTC();
    }
    return terminal;
}

QString Terminals::tokenHash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace Keepsake
