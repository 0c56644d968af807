// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace Keepsake {

// The media a lab burns, with their capacity in bytes.
struct MediaKind
{
    QString name;        // "cd", "dvd", "dvd-dl", "bd", "bd-dl"
    qint64 capacity = 0;
    bool sequentialCd = false;   // sessions after the first lose room on a CD

    static std::optional<MediaKind> byName(const QString &name);
    static QStringList names();
};

// One album (or one part of an album split across discs) as the planner sees it: its
// photos in capture order with their estimated size on the disc.
struct PlannedAlbum
{
    qint64 albumId = 0;
    QString title;
    int photos = 0;
    qint64 bytes = 0;            // photos plus the album's own files
    QList<qint64> photoIds;      // capture order; only these go onto the disc
    QList<qint64> photoBytes;    // estimated bytes of each, same order
    int part = 0;                // split across discs: this part (1-based) of `parts`; 0: whole
    int parts = 0;
    int partsBefore = 0;         // parts already on verified discs (an earlier run)

    QString label() const;       // "Garden party (1 of 2)"
};

struct PlannedDisc
{
    QList<PlannedAlbum> albums;
    qint64 bytes = 0;            // albums plus session overhead
    qint64 capacity = 0;
    bool appending = false;      // the first disc may be the one in the drive
    QString media;               // the medium's name ("dvd", ...)
};

// Plans the discs (issue 4, "Planning"): albums in their order onto the first disc
// they fit, never split unless one alone exceeds a whole disc; such an album is cut
// in capture order into parts, the first filling the first disc with room, each
// further part a fresh disc. Each session's overhead counted. A single photo larger
// than a disc is refused, naming it.
class DiscPlanner
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscPlanner)

public:
    static constexpr qint64 SessionOverhead = 2 * 1024 * 1024;
    static constexpr qint64 CdFirstAppendLoss = 23 * 1000 * 1000;
    static constexpr qint64 CdLaterAppendLoss = 14 * 1000 * 1000;
    static constexpr qint64 AlbumOverhead = 4 * 2048;   // its folder records and album.json

    // firstDiscRoom: free space of the medium in the drive (≤ capacity);
    // existingSessions: sessions already on it (0 for a blank one).
    static Result<QList<PlannedDisc>> plan(const QList<PlannedAlbum> &albums, const MediaKind &media,
                                           qint64 firstDiscRoom, int existingSessions);
};

} // namespace Keepsake
