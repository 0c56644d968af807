// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RetentionRule.h"
#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QList>

namespace Keepsake {

class Catalog;
class Clock;

// The lab's retention rules as the front ends read and change them (RetentionRules
// holds the table). The rules are the lab's offer: anyone may read them; only the
// clerk and the system add one (a customer, a viewer or a device is refused). Each
// change is one transaction with its audit entry.
class RuleBook
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::RuleBook)

public:
    RuleBook(const Catalog &catalog, const Clock &clock) : m_catalog(catalog), m_clock(clock) { }

    // The built-in rules first, then the lab's by name.
    Result<QList<RetentionRule>> list() const;
    // A new rule; its name must be new. Gives the rule as stored, with its ID.
    Result<RetentionRule> add(const Actor &actor, const RetentionRule &rule) const;

private:
    const Catalog &m_catalog;
    const Clock &m_clock;
};

} // namespace Keepsake
