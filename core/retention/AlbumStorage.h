// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"

#include <QDate>
#include <QList>
#include <QString>

namespace Keepsake {

class Catalog;
class Clock;

// How long the lab keeps albums, as the front ends change it: extending albums and
// restoring recorded ones from their grace period, giving an album another rule
// (AlbumLife does the change). Each call checks the actor for every album and changes
// all of them or none, in one transaction:
// - extend: the owner (a customer, for their own albums within reach), the clerk,
//   the system; never a viewer, a device or another customer;
// - restore: the clerk and the system only (a recorded album is out of the
//   customer's reach; they ask at the counter);
// - setRule: the clerk and the system only (the rule is the lab's offer; a customer
//   asks at the counter).
class AlbumStorage
{
public:
    AlbumStorage(const Catalog &catalog, const Clock &clock) : m_catalog(catalog), m_clock(clock) { }

    // Each album kept `days` longer than its last day, or than today when that has passed.
    Status extendBy(const Actor &actor, const QList<qint64> &albumIds, int days) const;
    // Each album kept until the day given.
    Status extendUntil(const Actor &actor, const QList<qint64> &albumIds, const QDate &until) const;
    // Recorded albums in their grace period become active again, dated by their rule from today.
    Status restore(const Actor &actor, const QList<qint64> &albumIds) const;
    // The album gets the retention rule of this name; its date follows the new rule.
    Status setRule(const Actor &actor, qint64 albumId, const QString &ruleName) const;

private:
    Status extend(const Actor &actor, const QList<qint64> &albumIds, int days, const QDate &until) const;

    const Catalog &m_catalog;
    const Clock &m_clock;
};

} // namespace Keepsake
