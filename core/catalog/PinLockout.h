// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Keepsake {

class Catalog;
class Clock;

// Sign-in with customer code and PIN at the kiosk, with a lockout after several wrong
// PINs. Attempts are written to the audit trail, so the lockout lives in the catalog:
// restarting the kiosk (or using another kiosk of the chain) does not reset it.
class PinLockout
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PinLockout)

public:
    static constexpr int MaxAttempts = 5;      // wrong PINs in a row
    static constexpr int LockMinutes = 15;     // then the code is locked this long

    PinLockout(const Catalog &catalog, const Clock &clock) : m_catalog(catalog), m_clock(clock) { }

    enum class Outcome { Accepted, WrongPin, Locked };
    struct Attempt
    {
        Outcome outcome = Outcome::WrongPin;
        qint64 customerId = 0;
        int attemptsLeft = MaxAttempts;   // before the lock
        QDateTime lockedUntil;            // when Locked
    };

    // Checks the PIN of the customer with this code, unless the code is locked.
    // An unknown code, or a customer without a PIN, is a wrong PIN (the kiosk does
    // not tell which codes exist).
    Result<Attempt> signIn(const QString &code, const QString &pin, const QString &actor) const;
    // When the code is locked now, until when; else an invalid time.
    Result<QDateTime> lockedUntil(qint64 customerId) const;

private:
    Result<QList<QDateTime>> recentFailures(qint64 customerId) const;

    const Catalog &m_catalog;
    const Clock &m_clock;
};

} // namespace Keepsake
