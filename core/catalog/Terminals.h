// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;

// A terminal paired with a device (CLI.md, "Network"): a kiosk, a burn station's
// client or a counter PC, known by a random token that is shown once and kept only as
// its SHA-256. A counter or station acts as the clerk; a kiosk only for a customer
// signed in on it (TerminalSessions).
struct Terminal
{
    enum class Kind { Kiosk, Station, Counter };
    qint64 id = 0;
    qint64 deviceId = 0;
    QString name;
    Kind kind = Kind::Kiosk;
    QDateTime createdAt;
    QDateTime lastSeenAt;   // invalid: never

    static QString kindName(Kind kind);                  // "kiosk", "station", "counter"
    static std::optional<Kind> kindFromName(const QString &name);
};

class Terminals
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Terminals)

public:
    explicit Terminals(const Catalog &catalog) : m_catalog(catalog) { }

    struct Paired { Terminal terminal; QString token; };   // the token, this once
    // Pairs a terminal with the device; a name in use there is refused.
    Result<Paired> add(qint64 deviceId, const QString &name, Terminal::Kind kind, const QDateTime &now) const;
    Result<QList<Terminal>> list(qint64 deviceId) const;   // the active ones
    // Revokes at once: the token authenticates nothing from now on, and its sessions end.
    Status remove(qint64 deviceId, const QString &name) const;
    Status remove(qint64 deviceId, const QString &name, const QDateTime &now) const;   // dated by the caller's clock
    // The active terminal of this device with this token; Error::Kind::Refused otherwise
    // (unknown, revoked, or paired with another device), in the same words each time.
    Result<Terminal> authenticate(qint64 deviceId, const QString &token, const QDateTime &now) const;

    static QString tokenHash(const QString &token);   // SHA-256, hex

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
