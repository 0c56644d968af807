// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Share.h"
#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Keepsake {

class Catalog;
class Clock;

// Sharing an album with somebody who may view it (a customer code or an e-mail
// address), as its owner or the clerk does it: each change checked against the
// actor (AlbumAccess: the owner, the clerk, the system; never a viewer or another
// customer) and written with its audit entry in one transaction. Who may view an
// album is its owner's business: the owner, the clerk and the system read the list.
class AlbumSharing
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumSharing)

public:
    AlbumSharing(const Catalog &catalog, const Clock &clock) : m_catalog(catalog), m_clock(clock) { }

    // VIEWER is a customer code or an e-mail address; sharing twice changes nothing.
    Status share(const Actor &actor, qint64 albumId, const QString &viewer) const;
    Status unshare(const Actor &actor, qint64 albumId, const QString &viewer) const;
    // The viewers with permission now.
    Result<QList<Share>> viewers(const Actor &actor, qint64 albumId) const;

private:
    Status change(const Actor &actor, qint64 albumId, const QString &viewer, bool add) const;

    const Catalog &m_catalog;
    const Clock &m_clock;
};

} // namespace Keepsake
