// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>

namespace Keepsake {

class Catalog;
class Clock;

// Sign-in with customer code and PIN at a terminal (the kiosk; later the network's
// customer pages), with two lockouts:
// - per code: MaxAttempts wrong PINs in a row lock the code for LockMinutes;
// - per terminal: TerminalMaxFailures failed sign-ins within TerminalMinutes, with
//   any codes, pause sign-in at that terminal for TerminalMinutes.
// Every attempt is recorded in the catalog (sign_in_attempts, and the audit trail), so
// the lockouts hold across restarts, processes and the terminals of a chain.
//
// Nobody learns from sign-in which codes exist: an unknown code, a customer without a
// PIN and a wrong PIN get the same answer (words, attempts left, lock) and take the
// same time, the PIN being verified against PinHash::dummy() when there is no hash.
class PinLockout
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PinLockout)

public:
    static constexpr int MaxAttempts = 5;            // wrong PINs in a row for one code
    static constexpr int LockMinutes = 15;           // then the code is locked this long
    static constexpr int TerminalMaxFailures = 10;   // failed sign-ins at one terminal, any codes,
    static constexpr int TerminalMinutes = 15;       // within this long pause it this long

    // Verifies a PIN against a stored hash (PinHash::verify); tests count its calls.
    using PinCheck = std::function<bool(const QString &pin, const QString &storedHash)>;

    PinLockout(const Catalog &catalog, const Clock &clock, PinCheck check = {});

    enum class Outcome { Accepted, WrongPin, Locked, TerminalLocked };
    struct Attempt
    {
        Outcome outcome = Outcome::WrongPin;
        qint64 customerId = 0;            // when Accepted only
        int attemptsLeft = MaxAttempts;   // before the code locks
        QDateTime lockedUntil;            // when Locked or TerminalLocked
        QString message;                  // the answer to show, translated; empty when Accepted
    };

    // Checks the PIN for this code at this terminal (its name, as the audit trail shows
    // it: "kiosk@shop-1"), unless the terminal or the code is locked.
    Result<Attempt> signIn(const QString &code, const QString &pin, const QString &terminal) const;
    // When sign-in at the terminal is paused now, until when; else an invalid time.
    Result<QDateTime> terminalLockedUntil(const QString &terminal) const;

private:
    Result<QList<QDateTime>> codeFailures(const QString &codeKey, const QDateTime &now) const;
    Result<QList<QDateTime>> terminalFailures(const QString &terminal, const QDateTime &now) const;
    struct LockState
    {
        std::optional<Attempt> refusal;   // the lock in force; nothing when sign-in may go on
        int codeFailures = 0;             // the code's wrong PINs in a row within LockMinutes
    };
    Result<LockState> lockState(const QString &codeKey, const QString &terminal, const QDateTime &now) const;
    Status record(const QString &codeKey, const QString &terminal, qint64 customerId, bool accepted,
                  const QDateTime &now) const;
    Result<Attempt> afterFailure(const QString &codeKey, const QString &terminal, const QDateTime &now) const;
    static Attempt locked(Outcome outcome, const QDateTime &until);

    const Catalog &m_catalog;
    const Clock &m_clock;
    PinCheck m_check;
};

} // namespace Keepsake
