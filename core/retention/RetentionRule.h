// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QDate>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Keepsake {

// A named rule that decides when an album's storage ends (DESIGN.md, "Plan").
struct RetentionRule
{
    enum class Basis { HandIn, LastView, Plan };

    qint64 id = 0;
    QString name;
    Basis basis = Basis::HandIn;
    int keepDays = 90;
    std::optional<qint64> capBytes;

    static QString basisName(Basis basis);   // "handin", "last_view", "plan"
    static std::optional<Basis> basisFromName(const QString &name);

    // The last day of storage for an album whose clock starts on `from` (the hand-in
    // day, or the last view); for plan rules, the plan's end.
    QDate expiresOn(const QDate &from, const QDate &planEnds = {}) const;
};

// The rule a customer's new albums get: their plan's rule, else the lab's default
// (`retention.default`), else the built-in "Standard 90 days".
Result<RetentionRule> ruleForNewAlbums(const QSqlDatabase &db, qint64 customerId);

} // namespace Keepsake
