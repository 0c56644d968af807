// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Albums.h"
#include "Customers.h"
#include "Share.h"
#include "base/Actor.h"
#include "base/Error.h"

#include <QHash>
#include <QList>

namespace Keepsake {

class Catalog;

// One customer's albums as a front end shows them: the customer, the albums they
// reach (or, for the lab, all of them), their photos, and whom each album is shared
// with.
struct CustomerAlbumsView
{
    Customer customer;
    QList<AlbumSummary> albums;
    QList<PhotoRecord> photos;              // album by album, in the albums' order
    QHash<qint64, QList<Share>> shares;     // album → its viewers; the actor's own albums only, for a customer
};

// Reading a customer's albums for the actor: the customer themselves (their
// customer view, DESIGN.md), the clerk and the system (with hidden albums when
// asked); a viewer, a device or another customer is refused.
class CustomerAlbums
{
public:
    explicit CustomerAlbums(const Catalog &catalog) : m_catalog(catalog) { }

    // includeHidden: also recorded and purged albums (the clerk's view; the lab only).
    Result<CustomerAlbumsView> read(const Actor &actor, qint64 customerId, bool includeHidden) const;

private:
    Status readShares(const Actor &actor, CustomerAlbumsView &view) const;

    const Catalog &m_catalog;
};

} // namespace Keepsake
