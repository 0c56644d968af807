// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestJob.h"

#include "CardWalk.h"
#include "CustomerIndex.h"
#include "FileInspector.h"
#include "HandinWriter.h"
#include "IngestLog.h"
#include "MemoryBudget.h"
#include "ThumbnailJob.h"
#include "base/Time.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/PickupCode.h"
#include "catalog/SqlQuery.h"
#include "lab/HandinLiveness.h"
#include "lab/Lab.h"
#include "metadata/MetadataReader.h"
#include "metadata/Thumbnailer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFuture>
#include <QThreadPool>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <deque>

namespace Keepsake {

namespace {

// A file handed to a worker, with the memory its bytes may take.
struct InFlight
{
    QFuture<InspectedFile> future;
    MemoryBudget::Hold hold;
};

// How long the hand-in waits for its feed before it stores what it has decided: files
// that arrive over the network are stored and reported while the rest is on its way,
// and no transaction stays open while nothing comes.
constexpr int QuietMs = 100;

// More readers than cores: a card read cold answers several requests at once, and a
// reader waiting for the card leaves its core to one that hashes.
int readerCount()
{
    return std::max(4, QThread::idealThreadCount());
}

} // namespace

// One hand-in's storing: the files in the works, on several threads, and what is
// decided but not yet committed.
struct IngestJob::Storing
{
    Storing(const Lab &lab, const IngestOptions &options, const CustomerIndex &index, qint64 customerId,
            qint64 handinId)
        : inspector(index, metadata, decoder, buffers, options.verifyFull, options.again,
                    options.thumbnails ? &lab.thumbnails() : nullptr),
          writer(lab, customerId, handinId, options.albumTitle)
    {
        writer.setLinkSources(options.sourcesAreSpool);
        pool.setMaxThreadCount(readerCount());
    }

    const MetadataReader metadata {};
    const ImageDecoder decoder {};
    // Files in the works hold their bytes in memory: never more than the budget at
    // once. The window lets the workers read ahead while a batch is flushed.
    MemoryBudget memory { FileInspector::MaxPictureBytes };
    const qsizetype window = readerCount() * 2;
    FileBytesPool buffers { int(window) };
    FileInspector inspector;
    HandinWriter writer;
    std::deque<InFlight> inFlight;
    std::optional<IngestFeed::Item> waiting;   // taken from the feed, waiting for memory
    QList<IngestRecord> pending;               // decided, reported once committed
    int done = 0;
    qint64 bytesDone = 0;
    QThreadPool pool;   // last: waits for the inspections before the rest goes
};

QString ingestOutcomeName(IngestOutcome outcome)
{
    switch (outcome) {
    case IngestOutcome::New: return QStringLiteral("new");
    case IngestOutcome::AlreadyReceived: return QStringLiteral("already_received");
    case IngestOutcome::NewVersion: return QStringLiteral("new_version");
    case IngestOutcome::Rejected: return QStringLiteral("rejected");
    }
    return {};
}

IngestJob::IngestJob(const Lab &lab, IngestOptions options, QObject *parent)
    : QObject(parent), m_lab(lab), m_options(std::move(options))
{
    qRegisterMetaType<Keepsake::IngestRecord>();
    qRegisterMetaType<Keepsake::IngestSummary>();
}

IngestJob::~IngestJob() = default;

Result<qint64> IngestJob::startHandin(qint64 customerId, const QString &runner, QString &pickupCode)
{
    const QString source = m_options.sourceName.isEmpty() ? m_options.sources.join(QStringLiteral(", "))
                                                          : m_options.sourceName;
    m_handinStarted = m_lab.clock().now();
    for (int attempt = 0; attempt < 5; ++attempt) {
        pickupCode = PickupCode::generate();
        SqlQuery insert(m_lab.catalog().db(), QStringLiteral(
            "INSERT INTO handins (customer_id, started_at, channel, source, pickup_code, state, runner) "
            "VALUES (:customer, :now, :channel, :source, :code, 'running', :runner) RETURNING id"));
        insert.bind(QStringLiteral(":customer"), customerId)
            .bind(QStringLiteral(":now"), toCatalogTime(m_handinStarted))
            .bind(QStringLiteral(":channel"), m_options.channel)
            .bind(QStringLiteral(":source"), source)
            .bind(QStringLiteral(":code"), pickupCode)
            .bind(QStringLiteral(":runner"), runner);
        Result<qint64> id = insert.execReturningId();
        if (id)
            return id;
        if (attempt == 4)
            return id.error();
    }
    return Error::failure(tr("No hand-in could be started."));
}

Status IngestJob::finishHandin(const IngestSummary &summary, const QString &state)
{
    SqlQuery update(m_lab.catalog().db(), QStringLiteral(
        "UPDATE handins SET finished_at = :now, state = :state, new_count = :new, "
        "already_count = :already, version_count = :versions, rejected_count = :rejected, "
        "bytes_stored = :bytes WHERE id = :id"));
    update.bind(QStringLiteral(":now"), toCatalogTime(m_lab.clock().now()))
        .bind(QStringLiteral(":state"), state)
        .bind(QStringLiteral(":new"), summary.added)
        .bind(QStringLiteral(":already"), summary.alreadyReceived)
        .bind(QStringLiteral(":versions"), summary.newVersions)
        .bind(QStringLiteral(":rejected"), summary.rejected)
        .bind(QStringLiteral(":bytes"), summary.bytesStored)
        .bind(QStringLiteral(":id"), summary.handinId);
    return update.exec();
}

void IngestJob::count(IngestSummary &summary, IngestOutcome outcome, qint64 bytes)
{
    switch (outcome) {
    case IngestOutcome::New: ++summary.added; summary.bytesStored += bytes; break;
    case IngestOutcome::NewVersion: ++summary.newVersions; summary.bytesStored += bytes; break;
    case IngestOutcome::AlreadyReceived: ++summary.alreadyReceived; break;
    case IngestOutcome::Rejected: ++summary.rejected; break;
    }
}

Status IngestJob::decide(InspectedFile &file, HandinWriter &writer, CustomerIndex &index,
                         IngestSummary &summary, QList<IngestRecord> &pending)
{
    IngestRecord record;
    record.path = file.path;
    record.absolutePath = file.absolutePath;
    record.size = file.size;
    std::optional<CustomerIndex::Entry> earlier = file.quickMatch;
    if (!earlier && !file.sha256.isEmpty() && !m_options.again)
        earlier = index.bySha(file.sha256);

    if (!file.readError.isEmpty()) {
        record.outcome = IngestOutcome::Rejected;
        record.reason = file.readError;
    } else if (earlier) {
        record.outcome = IngestOutcome::AlreadyReceived;
        record.matched = earlier->photo;
    } else if (!file.decoded.accepted) {
        record.outcome = IngestOutcome::Rejected;
        record.reason = file.decoded.reason.isEmpty() ? tr("no picture could be read from the file")
                                                      : file.decoded.reason;
    } else {
        const QString key = file.metadata.identity.isUsable() ? file.metadata.identity.key() : QString();
        const std::optional<CustomerIndex::Entry> original = index.firstByIdentity(key);
        std::optional<qint64> versionOf;
        if (original && original->sha256 != file.sha256) {
            versionOf = original->photo.photoId;
            record.matched = original->photo;
            record.reason = tr("a new version of %1 (photo %2): the same shot by its camera data, "
                               "with other bytes").arg(original->photo.name).arg(original->photo.photoId);
        }
        const Result<HandinWriter::Stored> stored = writer.stage(file, versionOf);
        if (!stored)
            return stored.error().prefixed(tr("%1 could not be stored: ").arg(file.path));
        record.outcome = versionOf ? IngestOutcome::NewVersion : IngestOutcome::New;
        record.photoId = stored->photoId;
        record.albumId = stored->albumId;
        record.similar = lookingLike(file, key, index);
        m_storedFiles.append(file.sha256);
        index.add(indexEntry(file, key, *stored));
    }
    if (record.outcome == IngestOutcome::Rejected)
        qCInfo(lcIngest) << "Rejected" << file.absolutePath << "-" << record.reason;
    count(summary, record.outcome, file.size);
    pending.append(record);
    return Status::success();
}

// The customer's photo stored before this file (in this hand-in or an earlier one)
// whose picture this one looks like, other than shots of its own camera identity.
std::optional<SimilarPhoto> IngestJob::lookingLike(const InspectedFile &file, const QString &identityKey,
                                                   const CustomerIndex &index) const
{
    if (!file.pictureHash)
        return std::nullopt;
    const std::optional<CustomerIndex::Entry> like = index.lookingLike(*file.pictureHash, identityKey);
    if (!like)
        return std::nullopt;
    return SimilarPhoto { like->photo.photoId, like->photo.name, like->handedInAt };
}

CustomerIndex::Entry IngestJob::indexEntry(const InspectedFile &file, const QString &identityKey,
                                           const HandinWriter::Stored &stored) const
{
    CustomerIndex::Entry entry;
    entry.photo = { stored.photoId, QFileInfo(file.path).fileName(), stored.albumId, QString() };
    entry.sha256 = file.sha256;
    entry.identityKey = identityKey;
    entry.size = file.size;
    entry.quickHash = file.quickHash;
    entry.pictureHash = file.pictureHash;
    entry.handedInAt = m_handinStarted;
    return entry;
}

Result<IngestSummary> IngestJob::run()
{
    QElapsedTimer timer;
    timer.start();
    const Result<Customer> customer = Customers(m_lab.catalog()).byCode(m_options.customerCode);
    if (!customer)
        return customer.error();
    if (m_options.feed && m_options.sources.isEmpty() && m_options.sourceName.isEmpty())
        return Error::usage(tr("The hand-in does not say where its files come from: name its source."));
    const Result<std::shared_ptr<IngestFeed>> feed = m_options.feed ? Result<std::shared_ptr<IngestFeed>>(m_options.feed)
                                                                     : walkSources();
    if (!feed)
        return feed.error();
    CustomerIndex index;
    if (Status status = index.load(m_lab.catalog(), customer->id); !status)
        return status.error();

    IngestSummary summary;
    // Held to the end of run(), after the row says how the hand-in ended.
    const Result<HandinLiveness::Token> alive = HandinLiveness::begin(m_lab);
    if (!alive)
        return alive.error();
    const Result<qint64> handin = startHandin(customer->id, alive->runner(), summary.pickupCode);
    if (!handin)
        return handin.error();
    summary.handinId = *handin;

    if (Status stored = storeFiles(**feed, index, customer->id, summary); !stored)
        return stored.error();
    summary.cancelled = m_cancel.isCancelled();
    if (Status status = finishHandin(summary, summary.cancelled ? QStringLiteral("cancelled")
                                                                : QStringLiteral("done")); !status)
        return status.error();
    audit(customer->id, summary);
    // Every file is durably stored and catalogued: the card is not needed any more.
    summary.cardFreeSeconds = double(timer.elapsed()) / 1000.0;
    Q_EMIT cardReleased(summary);
    if (m_options.thumbnails && !summary.cancelled)
        makeThumbnails(summary);
    summary.seconds = double(timer.elapsed()) / 1000.0;
    return summary;
}

// A card or folder is walked whole before its files are taken.
Result<std::shared_ptr<IngestFeed>> IngestJob::walkSources() const
{
    // Symbolic links, FIFOs and devices come back refused, each with its reason.
    const Result<QList<CardEntry>> sources = CardWalk::collect(m_options.sources);
    if (!sources)
        return sources.error();
    auto feed = std::make_shared<IngestFeed>();
    for (const CardEntry &entry : *sources)
        feed->add({ entry, std::nullopt, QString(), std::nullopt });
    feed->close();
    return feed;
}

Status IngestJob::storeFiles(IngestFeed &feed, CustomerIndex &index, qint64 customerId, IngestSummary &summary)
{
    Q_EMIT started(feed.files(), feed.bytes());
    Storing storing(m_lab, m_options, index, customerId, summary.handinId);
    for (const IngestRecord &record : std::as_const(m_options.decidedElsewhere)) {
        count(summary, record.outcome, record.size);
        storing.pending.append(record);
    }
    IngestSummary committed = summary;   // what the catalog holds: up to the last flushed batch
    auto stop = [&](const Error &error) -> Status {
        m_cancel.cancel();
        for (InFlight &file : storing.inFlight)
            file.future.waitForFinished();
        storing.writer.rollback();
        (void)finishHandin(committed, QStringLiteral("failed"));
        return stopped(error, committed.added + committed.newVersions);
    };
    for (;;) {
        fill(storing, feed, summary);
        if (feed.cancelled())
            m_cancel.cancel();
        if (storing.inFlight.empty()) {
            if (m_cancel.isCancelled() || feed.over())
                break;
            // Nothing came for a while: what is decided is stored and reported now.
            if (Status status = flush(storing, summary, committed); !status)
                return stop(status.error());
            continue;
        }
        if (Status status = decideNext(storing, index, summary, feed); !status)
            return stop(status.error());
        if (storing.writer.batchFull()) {
            if (Status status = flush(storing, summary, committed); !status)
                return stop(status.error());
        }
    }
    if (Status status = flush(storing, summary, committed); !status)
        return stop(status.error());
    return Status::success();
}

// Puts what the feed has into the works, within the window and the memory budget;
// what was decided without its bytes is counted at once. Waits for the feed only
// while nothing is in the works.
void IngestJob::fill(Storing &storing, IngestFeed &feed, IngestSummary &summary)
{
    while (!m_cancel.isCancelled() && qsizetype(storing.inFlight.size()) < storing.window) {
        if (!storing.waiting)
            storing.waiting = feed.take(storing.inFlight.empty() ? QuietMs : 0);
        if (!storing.waiting)
            return;
        if (const std::optional<IngestRecord> &decided = storing.waiting->decided) {
            count(summary, decided->outcome, decided->size);
            storing.pending.append(*decided);
            storing.waiting.reset();
            continue;
        }
        const qint64 held = storing.waiting->inspected ? 0 : FileInspector::bytesHeld(storing.waiting->entry);
        std::optional<MemoryBudget::Hold> hold = storing.memory.tryHold(held);
        if (!hold)
            return;   // decide what is in the works first
        storing.inFlight.push_back({ inspect(storing, std::move(*storing.waiting)), std::move(*hold) });
        storing.waiting.reset();
    }
}

QFuture<InspectedFile> IngestJob::inspect(Storing &storing, IngestFeed::Item item) const
{
    if (item.inspected) {   // looked at as it arrived
        InspectedFile file = std::move(*item.inspected);
        file.absolutePath = item.entry.absolutePath;
        return QtFuture::makeReadyFuture(std::move(file));
    }
    return QtConcurrent::run(&storing.pool, [&inspector = storing.inspector, entry = item.entry, sha = item.sha256] {
        return inspector.inspect(entry, sha);
    });
}

// The file first in the works, decided in the feed's order.
Status IngestJob::decideNext(Storing &storing, CustomerIndex &index, IngestSummary &summary, const IngestFeed &feed)
{
    InspectedFile file = storing.inFlight.front().future.result();
    const MemoryBudget::Hold hold = std::move(storing.inFlight.front().hold);   // until the file is decided
    storing.inFlight.pop_front();
    if (m_cancel.isCancelled())
        return Status::success();   // what was inspected but not decided stays as before
    if (Status status = decide(file, storing.writer, index, summary, storing.pending); !status)
        return status;
    storing.bytesDone += file.size;
    Q_EMIT progress(++storing.done, feed.files(), storing.bytesDone, feed.bytes());
    return Status::success();
}

// Commits what is staged, then reports what was decided.
Status IngestJob::flush(Storing &storing, IngestSummary &summary, IngestSummary &committed)
{
    if (storing.writer.holdsBatch()) {
        if (Status status = storing.writer.flush(summary); !status)
            return status;
    }
    committed = summary;
    publish(storing.pending);
    return Status::success();
}

void IngestJob::publish(QList<IngestRecord> &pending)
{
    for (const IngestRecord &record : std::as_const(pending))
        Q_EMIT fileDecided(record);
    pending.clear();
}

Error IngestJob::stopped(const Error &error, int stored) const
{
    return Error(error.kind(), tr("The hand-in stopped: %1 %n photo(s) of it were stored before; they stay in the "
                                  "catalog. Solve the problem (free space in the data folder, for one) and hand the "
                                  "card in again: what is stored is recognised, the rest is taken in.",
                                  nullptr, stored).arg(error.message()));
}

// After the card may be removed: the thumbnails of what this hand-in stored, read
// from the store (still in the page cache), on all cores; cancelling leaves the rest
// to be made when first shown.
void IngestJob::makeThumbnails(IngestSummary &summary)
{
    QElapsedTimer timer;
    timer.start();
    ThumbnailJob thumbnails(m_lab, m_storedFiles);
    CancelToken &token = thumbnails.cancelToken();
    connect(&thumbnails, &ThumbnailJob::made, this, &IngestJob::thumbnailMade, Qt::DirectConnection);
    connect(&thumbnails, &ThumbnailJob::progress, this, [this, &token](int done, int total) {
        if (m_cancel.isCancelled())
            token.cancel();
        Q_EMIT thumbnailProgress(done, total);
    }, Qt::DirectConnection);
    Q_EMIT thumbnailsStarted(int(m_storedFiles.size()));
    const Result<ThumbnailJob::Summary> made = thumbnails.run();
    if (made)
        summary.thumbnailsFailed = made->failed;
    else
        qCInfo(lcIngest) << "Thumbnails of hand-in" << summary.handinId << "stopped:" << made.error().message();
    summary.thumbnailSeconds = double(timer.elapsed()) / 1000.0;
}

void IngestJob::audit(qint64 customerId, const IngestSummary &summary)
{
    AuditEntry entry;
    entry.at = m_lab.clock().now();
    entry.actor = m_options.actor.isEmpty() ? AuditLog::currentActor(m_options.channel) : m_options.actor;
    entry.action = QStringLiteral("handin");
    entry.customerId = customerId;
    entry.details = QJsonObject {
        { QStringLiteral("handin"), summary.handinId },
        { QStringLiteral("source"), m_options.sourceName.isEmpty() ? m_options.sources.join(QStringLiteral(", "))
                                                                   : m_options.sourceName },
        { QStringLiteral("new"), summary.added },
        { QStringLiteral("already_received"), summary.alreadyReceived },
        { QStringLiteral("new_version"), summary.newVersions },
        { QStringLiteral("rejected"), summary.rejected },
        { QStringLiteral("bytes_stored"), summary.bytesStored },
        { QStringLiteral("cancelled"), summary.cancelled },
    };
    if (Status status = AuditLog::record(m_lab.catalog().db(), entry); !status)
        qCWarning(lcIngest) << "The hand-in was not written to the audit trail:" << status.error().message();
}

} // namespace Keepsake
