// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscPlanner.h"

#include <QLocale>

namespace Keepsake {

namespace {

// Capacities as the media report them (2048-byte sectors).
const MediaKind Kinds[] = {
    { QStringLiteral("cd"), 360000LL * 2048, true },
    { QStringLiteral("dvd"), 2295104LL * 2048, false },
    { QStringLiteral("dvd-dl"), 4173824LL * 2048, false },
    { QStringLiteral("bd"), 12219392LL * 2048, false },
    { QStringLiteral("bd-dl"), 24438784LL * 2048, false },
};

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

qint64 sessionCost(const MediaKind &media, int sessionNumber)
{
    qint64 cost = DiscPlanner::SessionOverhead;
    if (media.sequentialCd && sessionNumber == 2)
        cost += DiscPlanner::CdFirstAppendLoss;
    else if (media.sequentialCd && sessionNumber > 2)
        cost += DiscPlanner::CdLaterAppendLoss;
    return cost;
}

} // namespace

std::optional<MediaKind> MediaKind::byName(const QString &name)
{
    for (const MediaKind &kind : Kinds)
        if (kind.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return kind;
    return std::nullopt;
}

QStringList MediaKind::names()
{
    QStringList names;
    for (const MediaKind &kind : Kinds)
        names.append(kind.name);
    return names;
}

Result<QList<PlannedDisc>> DiscPlanner::plan(const QList<PlannedAlbum> &albums, const MediaKind &media,
                                             qint64 firstDiscRoom, int existingSessions)
{
    QList<PlannedDisc> discs;
    PlannedDisc first;
    first.appending = existingSessions > 0;
    first.media = media.name;
    first.capacity = qMin(firstDiscRoom, media.capacity);
    first.bytes = sessionCost(media, existingSessions + 1);
    discs.append(first);
    const qint64 freshCost = sessionCost(media, 1);
    for (const PlannedAlbum &album : albums) {
        if (album.bytes + freshCost > media.capacity)
            return Error::usage(tr("Album '%1' (%2) is larger than a whole %3 (%4). Choose a larger medium "
                                   "with --media, or split the album first.")
                                    .arg(album.title, formatBytes(album.bytes), media.name.toUpper(),
                                         formatBytes(media.capacity)));
        bool placed = false;
        for (PlannedDisc &disc : discs) {
            if (disc.bytes + album.bytes <= disc.capacity) {
                disc.albums.append(album);
                disc.bytes += album.bytes;
                placed = true;
                break;
            }
        }
        if (!placed) {
            PlannedDisc fresh;
            fresh.capacity = media.capacity;
            fresh.media = media.name;
            fresh.bytes = freshCost + album.bytes;
            fresh.albums.append(album);
            discs.append(fresh);
        }
    }
    if (discs.first().albums.isEmpty() && discs.size() > 1) {
        if (first.appending)
            return Error::failure(tr("The disc in the drive has only %1 free; the albums need more. "
                                     "Insert a blank disc and burn again.")
                                      .arg(formatBytes(qMax<qint64>(0, first.capacity - first.bytes))));
        return Error::failure(tr("The medium in the drive is too small: it has %1 free, and the smallest "
                                 "album needs more. Insert a larger or blank disc.")
                                  .arg(formatBytes(qMax<qint64>(0, first.capacity - first.bytes))));
    }
    return discs;
}

} // namespace Keepsake
