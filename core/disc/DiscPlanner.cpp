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

QString PlannedAlbum::label() const
{
    if (parts < 2)
        return title;
    return DiscPlanner::tr("%1 (%2 of %3)").arg(title).arg(part).arg(parts);
}

namespace {

PlannedDisc freshDisc(const MediaKind &media, qint64 cost)
{
    PlannedDisc disc;
    disc.capacity = media.capacity;
    disc.media = media.name;
    disc.bytes = cost;
    return disc;
}

// The first disc with room for the whole album, else a new one.
void placeWhole(QList<PlannedDisc> &discs, PlannedAlbum album, const MediaKind &media, qint64 freshCost)
{
    if (album.partsBefore > 0) {   // the last part of an album whose first parts are on discs already
        album.part = album.partsBefore + 1;
        album.parts = album.part;
    }
    for (PlannedDisc &disc : discs) {
        if (disc.bytes + album.bytes <= disc.capacity) {
            disc.albums.append(album);
            disc.bytes += album.bytes;
            return;
        }
    }
    PlannedDisc fresh = freshDisc(media, freshCost);
    fresh.albums.append(album);
    fresh.bytes += album.bytes;
    discs.append(fresh);
}

// An album larger than a whole disc, cut in capture order: the first part fills the
// first disc with room for a photo, every further part a fresh disc.
void placeSplit(QList<PlannedDisc> &discs, const PlannedAlbum &album, const MediaKind &media, qint64 freshCost)
{
    qsizetype target = -1;
    for (qsizetype i = 0; i < discs.size() && target < 0; ++i)
        if (discs.at(i).bytes + DiscPlanner::AlbumOverhead + album.photoBytes.first() <= discs.at(i).capacity)
            target = i;
    QList<PlannedAlbum> chunks;
    QList<qsizetype> targets;
    auto open = [&](qsizetype disc) {
        PlannedAlbum chunk = album;
        chunk.photoIds.clear();
        chunk.photoBytes.clear();
        chunk.bytes = DiscPlanner::AlbumOverhead;
        chunks.append(chunk);
        targets.append(disc);
    };
    auto room = [&](qsizetype disc) {
        return disc >= 0 ? discs.at(disc).capacity - discs.at(disc).bytes : media.capacity - freshCost;
    };
    open(target);
    for (qsizetype i = 0; i < album.photoIds.size(); ++i) {
        const qint64 bytes = album.photoBytes.at(i);
        if (!chunks.last().photoIds.isEmpty() && chunks.last().bytes + bytes > room(targets.last()))
            open(-1);
        chunks.last().photoIds.append(album.photoIds.at(i));
        chunks.last().photoBytes.append(bytes);
        chunks.last().bytes += bytes;
    }
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        PlannedAlbum &chunk = chunks[i];
        chunk.photos = int(chunk.photoIds.size());
        chunk.part = album.partsBefore + int(i) + 1;
        chunk.parts = album.partsBefore + int(chunks.size());
        if (targets.at(i) < 0) {
            discs.append(freshDisc(media, freshCost));
            targets[i] = discs.size() - 1;
        }
        PlannedDisc &disc = discs[targets.at(i)];
        disc.albums.append(chunk);
        disc.bytes += chunk.bytes;
    }
}

} // namespace

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
        if (album.photoIds.isEmpty())
            continue;
        if (album.bytes + freshCost <= media.capacity) {
            placeWhole(discs, album, media, freshCost);
            continue;
        }
        for (qsizetype i = 0; i < album.photoBytes.size(); ++i)
            if (AlbumOverhead + album.photoBytes.at(i) + freshCost > media.capacity)
                return Error::usage(tr("A photo of album '%1' (%2) is larger than a whole %3 (%4). Choose a "
                                       "larger medium with --media.")
                                        .arg(album.title, formatBytes(album.photoBytes.at(i)), media.name.toUpper(),
                                             formatBytes(media.capacity)));
        placeSplit(discs, album, media, freshCost);
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
