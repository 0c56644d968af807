// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "catalog/Albums.h"
#include "catalog/WebSessions.h"

#include <QCoreApplication>
#include <QList>

namespace Keepsake {

class Catalog;
class Clock;

// What a person signed in on the web page may see, through core's checks with their
// actor: a customer their own albums within reach and those shared with them; a viewer
// known by address the albums shared with that address while the share stands and the
// album is within reach (claim 7: nothing of a recorded album).
class WebAlbums
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::WebAlbums)

public:
    explicit WebAlbums(const Catalog &catalog) : m_catalog(catalog) { }

    Result<QList<AlbumSummary>> visible(const WebPerson &person) const;
    // One album and its photos, when the person may see it.
    struct AlbumView
    {
        AlbumSummary album;
        QList<PhotoRecord> photos;
    };
    Result<AlbumView> album(const WebPerson &person, qint64 albumId) const;
    // The same, opened by the person to look at it: their view counts (AlbumViews), and
    // an album under a last-view rule is dated from it before it is read.
    Result<AlbumView> open(const WebPerson &person, qint64 albumId, const Clock &clock) const;
    // One photo, when the person may see its album.
    Result<PhotoRecord> photo(const WebPerson &person, qint64 photoId) const;

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
