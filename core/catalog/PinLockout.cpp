// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PinLockout.h"

#include "AuditLog.h"
#include "Catalog.h"
#include "Customers.h"
#include "base/Clock.h"

#include <QJsonObject>

namespace Keepsake {

namespace {

const QString FailedAction = QStringLiteral("pin_failed");
const QString AcceptedAction = QStringLiteral("sign_in");

} // namespace

Result<QList<QDateTime>> PinLockout::recentFailures(qint64 customerId) const
{
    AuditLog::Filter filter;
    filter.customerId = customerId;
    filter.since = m_clock.now().addSecs(-qint64(LockMinutes) * 60);
    auto entries = AuditLog::read(m_catalog.db(), filter);
    if (!entries)
        return entries.error();
    // Failures since the last accepted sign-in inside the window, oldest first.
    QList<QDateTime> failures;
    for (const AuditEntry &entry : *entries) {
        if (entry.action == AcceptedAction)
            failures.clear();
        else if (entry.action == FailedAction)
            failures.append(entry.at);
    }
    return failures;
}

Result<QDateTime> PinLockout::lockedUntil(qint64 customerId) const
{
    auto failures = recentFailures(customerId);
    if (!failures)
        return failures.error();
    if (failures->size() < MaxAttempts)
        return QDateTime();
    const QDateTime until = failures->at(failures->size() - MaxAttempts).addSecs(qint64(LockMinutes) * 60);
    return until > m_clock.now() ? until : QDateTime();
}

Result<PinLockout::Attempt> PinLockout::signIn(const QString &code, const QString &pin,
                                              const QString &actor) const
{
    Attempt attempt;
    const Customers customers(m_catalog);
    auto customer = customers.byCode(code);
    if (!customer) {
        if (customer.error().kind() == Error::Kind::NotFound)
            return attempt;
        return customer.error();
    }
    attempt.customerId = customer->id;
    auto until = lockedUntil(customer->id);
    if (!until)
        return until.error();
    if (until->isValid()) {
        attempt.outcome = Outcome::Locked;
        attempt.lockedUntil = *until;
        attempt.attemptsLeft = 0;
        return attempt;
    }
    auto matches = customers.checkPin(customer->id, pin);
    if (!matches)
        return matches.error();
    const Status written = m_catalog.transaction([&](QSqlDatabase &db) {
        return AuditLog::record(db, { 0, m_clock.now(), actor, *matches ? AcceptedAction : FailedAction,
                                      customer->id, std::nullopt, QJsonObject() });
    });
    if (!written)
        return written.error();
    if (*matches) {
        attempt.outcome = Outcome::Accepted;
        return attempt;
    }
    auto failures = recentFailures(customer->id);
    if (!failures)
        return failures.error();
    attempt.attemptsLeft = qMax(0, MaxAttempts - int(failures->size()));
    if (attempt.attemptsLeft == 0) {
        auto lockEnd = lockedUntil(customer->id);
        if (!lockEnd)
            return lockEnd.error();
        attempt.outcome = Outcome::Locked;
        attempt.lockedUntil = *lockEnd;
    }
    return attempt;
}

} // namespace Keepsake
