// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Keepsake {

class Catalog;

// What a customer or clerk chose for an album: its cover photo (claim 5), the photos
// for its index print (claim 9; empty means all) and photo captions. The owner, the
// clerk and the system choose (AlbumAccess, Need::Change); whoever may see the album
// may read the choices (Need::Read). Every change is audited in the same transaction.
class AlbumChoices
{
public:
    AlbumChoices(const Catalog &catalog, Actor actor) : m_catalog(catalog), m_actor(std::move(actor)) { }

    // PHOTO as CLI.md names it: an ID, or an original file name within the album.
    Result<qint64> resolvePhoto(qint64 albumId, const QString &idOrName) const;
    Result<QList<qint64>> resolvePhotos(qint64 albumId, const QStringList &idsOrNames) const;

    Status setCover(qint64 albumId, qint64 photoId, const QDateTime &now) const;
    // Replaces the print selection; an empty list clears it (all photos print).
    Status setSelection(qint64 albumId, const QList<qint64> &photoIds, const QDateTime &now) const;
    // The selection in the order it was chosen; empty: none stored.
    Result<QList<qint64>> selection(qint64 albumId) const;
    // A photo's caption (sidecar, album.json, prints): one line of at most
    // MaxCaptionLength characters, line breaks and runs of spaces made single
    // spaces; an empty one clears it.
    static constexpr int MaxCaptionLength = 500;
    Status setCaption(qint64 photoId, const QString &caption, const QDateTime &now) const;

private:
    const Catalog &m_catalog;
    Actor m_actor;
};

// The pickup code of a disc order (one recording session, disc_sessions.pickup_code):
// the one the recording stored, else made when first asked for, then always the same.
class DiscPickup
{
public:
    static Result<QString> codeFor(const Catalog &catalog, qint64 sessionId);
};

} // namespace Keepsake
