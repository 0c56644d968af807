// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Keepsake {

class Catalog;

// A customer signed in at a kiosk terminal over the network (CLI.md, "Network"): after
// code and PIN (PinLockout) the kiosk gets a random session token, kept here only as
// its hash, bound to that terminal, ending after a while without use, on sign-out, or
// when the terminal is revoked.
class TerminalSessions
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::TerminalSessions)

public:
    static constexpr int IdleMinutes = 30;
    static constexpr int ExtendEverySeconds = 60;   // how often resolve() writes the new end

    explicit TerminalSessions(const Catalog &catalog) : m_catalog(catalog) { }

    // A new session of the customer at the terminal; the token, this once.
    Result<QString> open(qint64 terminalId, qint64 customerId, const QDateTime &now) const;
    // The customer of a live session of this terminal (and it lives on); Refused otherwise.
    Result<qint64> resolve(qint64 terminalId, const QString &token, const QDateTime &now) const;
    Status close(const QString &token, const QDateTime &now) const;

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
