// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Keepsake {

class Catalog;

// What a customer changes in their own albums at the kiosk (DESIGN.md, "Album"):
// renaming an album and moving photos from one album into another. The owner, the
// clerk and the system may (AlbumAccess, Need::Change on every album touched); a
// viewer, another customer or a device is refused. Each change is one transaction
// with its audit entry.
class AlbumEdits
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumEdits)

public:
    AlbumEdits(const Catalog &catalog, Actor actor) : m_catalog(catalog), m_actor(std::move(actor)) { }

    Status rename(qint64 albumId, const QString &title, const QDateTime &now) const;
    // Moves the photos into the target album of the same owner. A moved photo that was
    // its old album's chosen cover leaves that album without a chosen cover.
    Status movePhotos(const QList<qint64> &photoIds, qint64 targetAlbumId, const QDateTime &now) const;

private:
    const Catalog &m_catalog;
    Actor m_actor;
};

} // namespace Keepsake
