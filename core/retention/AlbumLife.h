// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
};

} // namespace Keepsake
