// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;

// The album states of DESIGN.md, "Album life".
enum class AlbumState { Active, Expiring, Expired, Recorded, Purged };
QString albumStateName(AlbumState state);               // "active", ... (catalog and JSON)
std::optional<AlbumState> albumStateFromName(const QString &name);
// Active, expiring or expired: the lab still keeps the album and it has not gone onto a
// disc, so its owner may still change it (by the catalog's state name).
bool albumWithinReach(const QString &stateName);
QString albumStateText(AlbumState state);               // translated, for people

struct AlbumSummary
{
    qint64 id = 0;
    QString title;
    qint64 ownerId = 0;
    QString ownerCode;        // empty in a customer's view of an album shared with them
    QString ownerName;
    AlbumState state = AlbumState::Active;
    QDate groupDate;          // for albums made by capture date
    QDate expires;
    QString rule;             // retention rule's name
    QDateTime firstHandin;
    int photos = 0;
    qint64 bytes = 0;
    std::optional<qint64> cover;   // chosen, else the first photo by capture time
    QString disc;             // the latest disc it went onto, if any
    // What the expiry reason is made from (retention/ExpiryReason.h puts it in words).
    QString ruleBasis;        // "handin", "last_view", "plan"
    QDateTime lastViewed;
    QDate planEnds;           // the owner's plan end, for plan rules
    QString expirySource;     // what set the date: rule, extended, notice, cap, restored
    QDateTime expirySetAt;
    QDateTime recordedAt;
    QDateTime purgedAt;
};

struct PhotoRecord
{
    qint64 id = 0;
    qint64 albumId = 0;
    QString name;             // original file name
    QString taken;            // ISO 8601 as the camera wrote it, or empty
    QString camera;
    qint64 size = 0;
    QString sha256;
    std::optional<qint64> versionOf;
    int width = 0;
    int height = 0;
    int orientation = 1;
    QString format;
    QString caption;
    QString device {};        // the device that keeps its file (or will, once forwarded); empty: none named
    bool queued = false;      // still on its way to that device
    QString holder {};        // the device whose store has the file now: the sender while queued, else `device`
    QString md5 {};           // of the stored bytes (blobs.md5, hex); empty when the catalog has none
};

// Reading albums and photos: the customer view (DESIGN.md) and the clerk's view.
class Albums
{
public:
    explicit Albums(const Catalog &catalog) : m_catalog(catalog) { }

    // What the customer can reach now (their own albums and those shared with them),
    // or with includeHidden also recorded and purged albums, for the clerk.
    Result<QList<AlbumSummary>> customerView(qint64 customerId, bool includeHidden) const;
    // The albums shared with a viewer (as shares key them: "e:ADDRESS") that are within reach.
    Result<QList<AlbumSummary>> sharedWith(const QString &viewerKey) const;
    Result<AlbumSummary> byId(qint64 albumId) const;
    // ALBUM as CLI.md names it: an ID, or a title together with a customer.
    Result<AlbumSummary> resolve(const QString &idOrTitle, std::optional<qint64> customerId) const;
    Result<QList<PhotoRecord>> photos(qint64 albumId) const;
    // One photo by its ID; NotFound names it.
    Result<PhotoRecord> photo(qint64 photoId) const;

private:
    Result<QList<PhotoRecord>> selectPhotos(const QString &where, qint64 id) const;
    Result<QList<AlbumSummary>> select(const QString &where, const QVariantList &values) const;

    const Catalog &m_catalog;
};

} // namespace Keepsake
