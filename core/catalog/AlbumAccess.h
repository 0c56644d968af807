// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDate>
#include <QSqlDatabase>
#include <QString>

namespace Keepsake {

// What an actor may do with an album or a customer's records (DESIGN.md, "Who
// acts"). Operations ask inside their own transaction, before they change anything:
// - the clerk and the system: everything;
// - a customer: reads and changes their own albums, reads albums shared with them,
//   while the albums are within reach (not yet recorded onto a disc);
// - a viewer: reads the albums shared with them while the share stands and the
//   album is within reach; changes nothing;
// - a device: nothing of a customer's albums (it acts for a customer who signed in).
// Refusals name the album and say what to do instead.
class AlbumAccess
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumAccess)

public:
    enum class Need {
        Read,      // see the album and its photos
        Change,    // the owner's choices: share, extend, edit
        LabOnly    // the clerk's and the system's: restore from the grace period, hidden albums
    };

    // The album as the check read it.
    struct Album
    {
        qint64 id = 0;
        qint64 ownerId = 0;
        QString title;
        QString state;       // "active", ..., "purged"
        QDate expires;
    };

    static Result<Album> check(const QSqlDatabase &db, const Actor &actor, qint64 albumId, Need need);
    // A customer's records as a whole: their customer view (Read), their notices
    // (Change), with their hidden albums (LabOnly).
    static Status checkCustomer(const QSqlDatabase &db, const Actor &actor, qint64 customerId, Need need);

private:
    static Status decide(const QSqlDatabase &db, const Actor &actor, const Album &album, Need need);
};

} // namespace Keepsake
