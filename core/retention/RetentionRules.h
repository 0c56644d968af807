// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RetentionRule.h"

#include <QDateTime>
#include <QList>

namespace Keepsake {

// The lab's named retention rules (`keepsakectl rule add|list`).
class RetentionRules
{
public:
    static Result<QList<RetentionRule>> list(const QSqlDatabase &db);
    static Result<RetentionRule> byName(const QSqlDatabase &db, const QString &name);
    static Result<RetentionRule> byId(const QSqlDatabase &db, qint64 id);
    // A new rule; its name must be new. Written with its audit entry.
    static Result<RetentionRule> add(const QSqlDatabase &db, const RetentionRule &rule,
                                     const QDateTime &now, const QString &actor);

    // "90 days after hand-in", "30 days after the last view", "while the plan lasts",
    // with ", at most 2 GB per customer" when it has a cap.
    static QString describe(const RetentionRule &rule);
};

} // namespace Keepsake
