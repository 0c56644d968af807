// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerAlbums.h"

#include "AlbumAccess.h"
#include "Catalog.h"
#include "Shares.h"

namespace Keepsake {

Result<CustomerAlbumsView> CustomerAlbums::read(const Actor &actor, qint64 customerId, bool includeHidden) const
{
    const auto need = includeHidden ? AlbumAccess::Need::LabOnly : AlbumAccess::Need::Read;
    if (Status allowed = AlbumAccess::checkCustomer(m_catalog.db(), actor, customerId, need); !allowed)
        return allowed.error();
    CustomerAlbumsView view;
    Result<Customer> customer = Customers(m_catalog).byId(customerId);
    if (!customer)
        return customer.error();
    view.customer = std::move(customer).value();
    const Albums albums(m_catalog);
    Result<QList<AlbumSummary>> list = albums.customerView(customerId, includeHidden);
    if (!list)
        return list.error();
    view.albums = std::move(list).value();
    // The owner's code of an album shared with a customer is theirs to sign in with: the
    // viewer gets the owner's name only.
    for (AlbumSummary &album : view.albums) {
        if (!actor.actsForLab() && !actor.isCustomer(album.ownerId))
            album.ownerCode.clear();
    }
    for (const AlbumSummary &album : std::as_const(view.albums)) {
        const Result<QList<PhotoRecord>> photos = albums.photos(album.id);
        if (!photos)
            return photos.error();
        view.photos.append(*photos);
    }
    if (Status status = readShares(actor, view); !status)
        return status.error();
    return view;
}

Status CustomerAlbums::readShares(const Actor &actor, CustomerAlbumsView &view) const
{
    const QSqlDatabase db = m_catalog.db();
    for (const AlbumSummary &album : std::as_const(view.albums)) {
        // Who else may see an album shared with this customer is its owner's business.
        if (!actor.actsForLab() && !actor.isCustomer(album.ownerId))
            continue;
        const Result<QList<Share>> shares = Shares::ofAlbum(db, album.id);
        if (!shares)
            return shares.error();
        view.shares.insert(album.id, *shares);
    }
    return Status::success();
}

} // namespace Keepsake
