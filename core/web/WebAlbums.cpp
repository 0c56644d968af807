// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebAlbums.h"

#include "WebLog.h"
#include "catalog/AlbumAccess.h"
#include "catalog/Catalog.h"
#include "retention/AlbumViews.h"

namespace Keepsake {

Result<QList<AlbumSummary>> WebAlbums::visible(const WebPerson &person) const
{
    const Albums albums(m_catalog);
    Result<QList<AlbumSummary>> list = person.customerId ? albums.customerView(*person.customerId, false)
                                                         : albums.sharedWith(person.recipientKey());
    if (!list)
        return list;
    // Each album once more through the access check, as every front end's reads go.
    QList<AlbumSummary> allowed;
    for (AlbumSummary &album : *list) {
        if (!AlbumAccess::check(m_catalog.db(), person.actor(), album.id, AlbumAccess::Need::Read))
            continue;
        if (!person.customerId || album.ownerId != *person.customerId)
            album.ownerCode.clear();
        allowed.append(album);
    }
    return allowed;
}

Result<WebAlbums::AlbumView> WebAlbums::album(const WebPerson &person, qint64 albumId) const
{
    const Result<AlbumAccess::Album> access =
        AlbumAccess::check(m_catalog.db(), person.actor(), albumId, AlbumAccess::Need::Read);
    if (!access)
        return access.error();
    const Albums albums(m_catalog);
    Result<AlbumSummary> album = albums.byId(albumId);
    if (!album)
        return album.error();
    if (!person.customerId || album->ownerId != *person.customerId)
        album->ownerCode.clear();
    Result<QList<PhotoRecord>> photos = albums.photos(albumId);
    if (!photos)
        return photos.error();
    return AlbumView { *album, *photos };
}

Result<WebAlbums::AlbumView> WebAlbums::open(const WebPerson &person, qint64 albumId, const Clock &clock) const
{
    // A view that cannot be recorded does not keep the person from their photos; a
    // refusal is the read's to give, in the same words.
    if (const Result<ViewOutcome> seen = AlbumViews(m_catalog, clock).record(person.actor(), albumId); !seen)
        qCInfo(lcWeb).noquote() << "The view of album" << albumId << "was not recorded:" << seen.error().message();
    return album(person, albumId);
}

Result<PhotoRecord> WebAlbums::photo(const WebPerson &person, qint64 photoId) const
{
    Result<PhotoRecord> photo = Albums(m_catalog).photo(photoId);
    if (!photo)
        return photo;
    const Result<AlbumAccess::Album> access =
        AlbumAccess::check(m_catalog.db(), person.actor(), photo->albumId, AlbumAccess::Need::Read);
    if (!access)
        return access.error();
    return photo;
}

} // namespace Keepsake
