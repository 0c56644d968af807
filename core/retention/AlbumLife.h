// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RetentionRule.h"
#include "base/Error.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

namespace Keepsake {

// The album life of DESIGN.md: active → expiring → expired → recorded → purged.
// Every change writes its audit entry and, where people must be told, its notice
// into the outbox, inside the caller's transaction.
class AlbumLife
{
public:
    // The album went onto a verified disc (disc ID, session number): it becomes
    // `recorded`, disappears from customer views, its grace period starts, and a
    // `recorded` notice (with the pickup code) is queued for owner and viewers.
    static Status markRecorded(QSqlDatabase &db, const QDateTime &now, qint64 albumId,
                               const QString &discId, int sessionNumber,
                               const QString &pickupCode, const QString &actor);

    // The customer keeps it longer (the clerk records it): back to `active` with the
    // new last day; its next notice is a new event.
    static Status extend(QSqlDatabase &db, const QDateTime &now, qint64 albumId,
                         const QDate &until, const QString &actor);
    // Another rule for this album (a clerk's choice or the customer's plan): dated
    // by the new rule; an album that was told about its old date becomes `active`.
    static Status setRule(QSqlDatabase &db, const QDateTime &now, qint64 albumId,
                          const RetentionRule &rule, const QString &actor);
    // A recorded album in its grace period comes back: `active`, dated by its rule
    // from today. The record of its disc stays.
    static Status restore(QSqlDatabase &db, const QDateTime &now, qint64 albumId,
                          int graceDays, const QString &actor);
    // The customer (owner or viewer) looked at it (kiosk, web page): its last view is
    // now, and a "keep N days after the last view" rule dates it from today — never
    // earlier than it was, and not over a cap that brought it forward. An `expiring`
    // album whose new date lies beyond the notice window (noticeDays) is `active` again
    // and its next notice a new event, as after an extension; one still inside the
    // window keeps its notice. An expired, recorded or purged album is refused.
    // True when the date moved (audited as "view").
    static Result<bool> viewed(QSqlDatabase &db, const QDateTime &now, qint64 albumId, int noticeDays,
                               const QString &actor);

    // The last day an album's rule gives it when its clock starts on `from` (hand-in
    // day, last view or today for a restore); invalid for a plan without an end.
    static QDate ruleDate(const RetentionRule &rule, const QDate &from, const QDate &planEnds);
};

} // namespace Keepsake
