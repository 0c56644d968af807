// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Keepsake {

class IngestFeed;

// What became of one file of a hand-in (CLI.md fixes the names).
enum class IngestOutcome { New, AlreadyReceived, NewVersion, Rejected };
QString ingestOutcomeName(IngestOutcome outcome);   // "new", "already_received", ...

// The earlier photo a file matched.
struct MatchedPhoto
{
    qint64 photoId = 0;
    QString name;
    qint64 albumId = 0;
    QString disc;   // the disc it went onto, empty if none
};

// An earlier photo of the customer that shows the same picture with other bytes
// (resized, re-encoded, edited): a near-duplicate by its perceptual hash. The new
// file is kept all the same; the record names it (`similar_to`).
struct SimilarPhoto
{
    qint64 photoId = 0;
    QString name;           // its original file name
    QDateTime handedInAt;   // when the earlier photo was handed in
};

struct IngestRecord
{
    QString path;          // as found, relative to the source folder given
    QString absolutePath;
    IngestOutcome outcome = IngestOutcome::Rejected;
    std::optional<qint64> photoId;
    std::optional<qint64> albumId;
    std::optional<MatchedPhoto> matched;
    QString reason;        // why rejected, or what a new version is a version of
    qint64 size = 0;
    std::optional<SimilarPhoto> similar;   // on new and new_version records only
};

struct IngestSummary
{
    int added = 0;              // "new"
    int alreadyReceived = 0;
    int newVersions = 0;
    int rejected = 0;
    qint64 bytesStored = 0;
    double seconds = 0;
    qint64 handinId = 0;
    QString pickupCode;
    bool cancelled = false;
    double cardFreeSeconds = 0;    // from the start until every file was durably stored
    double thumbnailSeconds = 0;   // making the thumbnails after that
    int thumbnailsFailed = 0;

    int total() const { return added + alreadyReceived + newVersions + rejected; }
};

struct IngestOptions
{
    QString customerCode;
    QStringList sources;          // folders or files
    QString albumTitle;           // join/make the customer's active album of this title
    bool again = false;           // store photos already received anyway
    bool verifyFull = false;      // hash every file whole, no header shortcut
    bool thumbnails = true;       // make thumbnails before finishing (once the card may be removed)
    QString channel = QStringLiteral("counter");   // counter, kiosk, cli, network
    QString actor;                // who, for the audit trail
    // Files of the hand-in a client decided without sending them (the network: already
    // received, or refused on the card): counted and reported with the rest.
    QList<IngestRecord> decidedElsewhere;
    QString sourceName;           // what the hand-in names as its source; the sources when empty
    bool sourcesAreSpool = false; // the lab's own spool: files are linked into the store, not copied
    // The files come from this feed as they become ready (a device taking them in over
    // the network), not from walking the sources.
    std::shared_ptr<IngestFeed> feed;
};

} // namespace Keepsake

Q_DECLARE_METATYPE(Keepsake::IngestRecord)
Q_DECLARE_METATYPE(Keepsake::IngestSummary)
