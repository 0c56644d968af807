// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PinLockout.h"

#include "AuditLog.h"
#include "Catalog.h"
#include "CatalogLog.h"
#include "Customers.h"
#include "PinHash.h"
#include "SqlQuery.h"
#include "base/Clock.h"
#include "base/Time.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QLocale>

namespace Keepsake {

namespace {

const QString FailedAction = QStringLiteral("pin_failed");
const QString AcceptedAction = QStringLiteral("sign_in");
constexpr qint64 KeepAttemptsSeconds = 24 * 60 * 60;   // older attempts lock nothing

// The code as sign_in_attempts keys it: a hash of the code as typed (normalised), so
// that unknown codes count like known ones without keeping what people typed.
QString attemptKey(const QString &code)
{
    const QByteArray typed = "sign-in:" + Customers::codeKey(code).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(typed, QCryptographicHash::Sha256).toHex());
}

// When MAX failures within the last MINUTES lock: MINUTES after the first of the last
// MAX; an invalid time when they do not (or no longer) lock.
QDateTime lockEnd(const QList<QDateTime> &failures, int max, int minutes, const QDateTime &now)
{
    if (failures.size() < max)
        return {};
    const QDateTime until = failures.at(failures.size() - max).addSecs(qint64(minutes) * 60);
    return until > now ? until : QDateTime();
}

QString timeText(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat);
}

} // namespace

PinLockout::PinLockout(const Catalog &catalog, const Clock &clock, PinCheck check)
    : m_catalog(catalog), m_clock(clock), m_check(check ? std::move(check) : PinCheck(&PinHash::verify))
{
}

// The code's failures in a row (since its last accepted sign-in) within the lock time.
Result<QList<QDateTime>> PinLockout::codeFailures(const QString &key, const QDateTime &now) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral("SELECT at, accepted FROM sign_in_attempts "
                                                  "WHERE code_key = :key AND at >= :since ORDER BY at, id"));
    query.bind(QStringLiteral(":key"), key)
        .bind(QStringLiteral(":since"), toCatalogTime(now.addSecs(-qint64(LockMinutes) * 60)));
    if (Status status = query.exec(); !status)
        return status.error();
    QList<QDateTime> failures;
    while (query.next()) {
        if (query.integer(1) != 0)
            failures.clear();
        else
            failures.append(fromCatalogTime(query.text(0)));
    }
    return failures;
}

// The terminal's failures, with any codes, within its window; accepted sign-ins in
// between reset nothing (one known PIN must not buy more guesses at other codes).
Result<QList<QDateTime>> PinLockout::terminalFailures(const QString &terminal, const QDateTime &now) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral("SELECT at FROM sign_in_attempts WHERE terminal = :terminal "
                                                  "AND accepted = 0 AND at >= :since ORDER BY at, id"));
    query.bind(QStringLiteral(":terminal"), terminal)
        .bind(QStringLiteral(":since"), toCatalogTime(now.addSecs(-qint64(TerminalMinutes) * 60)));
    if (Status status = query.exec(); !status)
        return status.error();
    QList<QDateTime> failures;
    while (query.next())
        failures.append(fromCatalogTime(query.text(0)));
    return failures;
}

Result<QDateTime> PinLockout::terminalLockedUntil(const QString &terminal) const
{
    const QDateTime now = m_clock.now();
    auto failures = terminalFailures(terminal, now);
    if (!failures)
        return failures.error();
    return lockEnd(*failures, TerminalMaxFailures, TerminalMinutes, now);
}

PinLockout::Attempt PinLockout::locked(Outcome outcome, const QDateTime &until)
{
    Attempt attempt;
    attempt.outcome = outcome;
    attempt.attemptsLeft = 0;
    attempt.lockedUntil = until;
    attempt.message = outcome == Outcome::TerminalLocked
        ? tr("Too many failed sign-ins at this kiosk. Signing in here is paused until %1; "
             "please ask at the counter.").arg(timeText(until))
        : tr("Too many wrong PINs. This code is locked until %1. Please ask at the counter.").arg(timeText(until));
    return attempt;
}

// The lock in force, terminal first, and the code's failures in a row behind it.
Result<PinLockout::LockState> PinLockout::lockState(const QString &key, const QString &terminal,
                                                   const QDateTime &now) const
{
    auto atTerminal = terminalFailures(terminal, now);
    if (!atTerminal)
        return atTerminal.error();
    if (const QDateTime until = lockEnd(*atTerminal, TerminalMaxFailures, TerminalMinutes, now); until.isValid())
        return LockState { locked(Outcome::TerminalLocked, until), 0 };
    auto forCode = codeFailures(key, now);
    if (!forCode)
        return forCode.error();
    if (const QDateTime until = lockEnd(*forCode, MaxAttempts, LockMinutes, now); until.isValid())
        return LockState { locked(Outcome::Locked, until), int(forCode->size()) };
    return LockState { std::nullopt, int(forCode->size()) };
}

Status PinLockout::record(const QString &key, const QString &terminal, qint64 customerId, bool accepted,
                          const QDateTime &now) const
{
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        SqlQuery insert(db, QStringLiteral("INSERT INTO sign_in_attempts (at, code_key, terminal, accepted) "
                                           "VALUES (:at, :key, :terminal, :accepted)"));
        insert.bind(QStringLiteral(":at"), toCatalogTime(now))
            .bind(QStringLiteral(":key"), key)
            .bind(QStringLiteral(":terminal"), terminal)
            .bind(QStringLiteral(":accepted"), accepted ? 1 : 0);
        if (Status status = insert.exec(); !status)
            return status;
        SqlQuery prune(db, QStringLiteral("DELETE FROM sign_in_attempts WHERE at < :old"));
        prune.bind(QStringLiteral(":old"), toCatalogTime(now.addSecs(-KeepAttemptsSeconds)));
        if (Status status = prune.exec(); !status)
            return status;
        const QJsonObject details = customerId ? QJsonObject()
                                               : QJsonObject { { QStringLiteral("unknown_code"), true } };
        return AuditLog::record(db, { 0, now, terminal, accepted ? AcceptedAction : FailedAction,
                                      customerId ? std::optional<qint64>(customerId) : std::nullopt, std::nullopt, details });
    });
}

// The answer to a wrong PIN, unknown code or customer without a PIN: the same for all.
Result<PinLockout::Attempt> PinLockout::afterFailure(const QString &key, const QString &terminal,
                                                    const QDateTime &now) const
{
    auto state = lockState(key, terminal, now);
    if (!state)
        return state.error();
    if (state->refusal)
        return *state->refusal;
    Attempt attempt;
    attempt.attemptsLeft = qMax(0, MaxAttempts - state->codeFailures);
    // No plural forms to pick: the words stand in English without a translation file.
    attempt.message = tr("The customer code or the PIN is not right. Attempts left: %1.").arg(attempt.attemptsLeft);
    return attempt;
}

Result<PinLockout::Attempt> PinLockout::signIn(const QString &code, const QString &pin, const QString &terminal) const
{
    const QDateTime now = m_clock.now();
    const QString key = attemptKey(code);
    auto state = lockState(key, terminal, now);
    if (!state)
        return state.error();
    if (state->refusal) {
        qCInfo(lcCatalog).noquote() << "Sign-in refused at" << terminal << "while locked";
        return *state->refusal;
    }
    auto stored = Customers(m_catalog).pinRecord(code);
    if (!stored)
        return stored.error();
    // One verification whether or not there is a hash to check: the same time for all.
    const bool hasHash = stored->customerId != 0 && !stored->hash.isEmpty();
    const bool matches = m_check(pin, hasHash ? stored->hash : PinHash::dummy()) && hasHash;
    if (Status written = record(key, terminal, stored->customerId, matches, now); !written)
        return written.error();
    if (!matches)
        return afterFailure(key, terminal, now);
    Attempt attempt;
    attempt.outcome = Outcome::Accepted;
    attempt.customerId = stored->customerId;
    return attempt;
}

} // namespace Keepsake
