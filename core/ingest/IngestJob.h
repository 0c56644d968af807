// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CustomerIndex.h"
#include "HandinWriter.h"
#include "IngestFeed.h"
#include "IngestTypes.h"
#include "base/CancelToken.h"
#include "base/Error.h"

#include <QFuture>
#include <QObject>

#include <memory>

namespace Keepsake {

class Lab;
struct InspectedFile;
struct CardEntry;

// One hand-in: the files of a card or folder, for one customer, into albums
// (DESIGN.md, "Metadata and dedup"). Files are inspected on several threads and
// decided in card order against everything the customer handed in before. Each file
// ends as new, already received, new version or rejected. Cancelling keeps what was
// stored; a crash leaves every photo either stored and catalogued or absent. Files a
// device takes in over the network come from a feed (IngestOptions::feed) as they
// arrive, and are stored while the rest is on its way.
//
// run() works in the calling thread (keepsakectl) — the windows hand the job to a
// JobRunner (base/JobRunner.h), which runs it on a worker thread, and connect to its
// signals.
class IngestJob : public QObject
{
    Q_OBJECT

public:
    IngestJob(const Lab &lab, IngestOptions options, QObject *parent = nullptr);
    ~IngestJob() override;

    Result<IngestSummary> run();
    CancelToken &cancelToken() { return m_cancel; }

Q_SIGNALS:
    void started(int files, qint64 bytes);
    void fileDecided(const Keepsake::IngestRecord &record);
    void progress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal);
    // Every file of the card is durably stored (or refused) and the hand-in recorded:
    // the card may be removed. Thumbnails follow, unless the options say no.
    void cardReleased(const Keepsake::IngestSummary &summary);
    void thumbnailsStarted(int count);
    // Emitted from worker threads: connect queued or thread-safe.
    void thumbnailMade(const QString &sha256);
    void thumbnailProgress(int done, int total);

private:
    struct Storing;
    Result<std::shared_ptr<IngestFeed>> walkSources() const;
    Result<qint64> startHandin(qint64 customerId, const QString &runner, QString &pickupCode);
    Status finishHandin(const IngestSummary &summary, const QString &state);
    Status storeFiles(IngestFeed &feed, CustomerIndex &index, qint64 customerId, IngestSummary &summary);
    void fill(Storing &storing, IngestFeed &feed, IngestSummary &summary);
    QFuture<InspectedFile> inspect(Storing &storing, IngestFeed::Item item) const;
    Status decideNext(Storing &storing, CustomerIndex &index, IngestSummary &summary, const IngestFeed &feed);
    Status flush(Storing &storing, IngestSummary &summary, IngestSummary &committed);
    void publish(QList<IngestRecord> &pending);
    Error stopped(const Error &error, int stored) const;
    void makeThumbnails(IngestSummary &summary);
    Status decide(InspectedFile &file, HandinWriter &writer, CustomerIndex &index,
                  IngestSummary &summary, QList<IngestRecord> &pending);
    std::optional<SimilarPhoto> lookingLike(const InspectedFile &file, const QString &identityKey,
                                            const CustomerIndex &index) const;
    CustomerIndex::Entry indexEntry(const InspectedFile &file, const QString &identityKey,
                                    const HandinWriter::Stored &stored) const;
    void count(IngestSummary &summary, IngestOutcome outcome, qint64 bytes);
    void audit(qint64 customerId, const IngestSummary &summary);

    const Lab &m_lab;
    IngestOptions m_options;
    CancelToken m_cancel;
    QStringList m_storedFiles;   // SHA-256s this hand-in stored, for its thumbnails
    QDateTime m_handinStarted;   // when this hand-in began (the photos' "handed in" time)
};

} // namespace Keepsake
