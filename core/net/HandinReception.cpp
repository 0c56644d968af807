// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "HandinReception.h"

#include "IngestWire.h"
#include "NetLog.h"
#include "ServiceProtocol.h"
#include "catalog/Customers.h"
#include "ingest/CustomerIndex.h"
#include "ingest/IngestFeed.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"
#include "metadata/MetadataReader.h"
#include "store/PieceFile.h"
#include "store/Sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QtConcurrent>

namespace Keepsake {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::HandinReception)
};

constexpr int MaxFilesPerOffer = 2000;
constexpr int MaxFilesPerHandin = 100'000;
constexpr qint64 MaxFileBytes = qint64(4) << 30;   // videos are refused by the client's look at their head
constexpr int StaleHours = 6;
// Hand-ins running at once: each waits for its files while its client sends them.
constexpr int MaxRunning = 16;

QString newId()
{
    return QString::number(QRandomGenerator::system()->generate64(), 36);
}

} // namespace

// What looks at the files of one hand-in as they arrive, on the pieces' threads. It
// judges every file ("again"): whether the customer has it already is the hand-in's
// to decide when it runs, from the catalog as it is then.
struct HandinReception::Looker
{
    Looker(const CustomerIndex &index, const Thumbnailer *thumbnails)
        : inspector(index, metadata, decoder, buffers, false, true, thumbnails)
    {
    }
    MetadataReader metadata;
    ImageDecoder decoder;
    FileBytesPool buffers { 0 };
    FileInspector inspector;
};

struct HandinReception::Incoming
{
    qint64 size = 0;
    QString sha256;      // as offered; empty when offered by identity and quick hash
    QString quickHash;
    qint64 received = 0;
    std::unique_ptr<Sha256> hash;   // over what came in order
    bool complete = false;
    bool busy = false;   // a piece is being written and hashed: the file is left alone
    std::optional<InspectedFile> inspected;   // looked at as it arrived in one piece

    // A file offered, nothing of it here yet.
    static Incoming expecting(qint64 size, QString sha256, QString quickHash)
    {
        Incoming incoming;
        incoming.size = size;
        incoming.sha256 = std::move(sha256);
        incoming.quickHash = std::move(quickHash);
        incoming.hash = std::make_unique<Sha256>();
        return incoming;
    }
};

struct HandinReception::Reception
{
    QString id;
    Opening opening;
    qint64 customerId = 0;
    QString folder;
    CustomerIndex index;
    std::unique_ptr<Looker> looker;   // after index, which it reads
    std::map<QString, Incoming> files;
    QHash<QString, IngestRecord> decided;   // known or refused on the card
    QStringList order;        // every path offered, once, in the order offered
    qsizetype fed = 0;        // the paths before this one went to the hand-in
    std::shared_ptr<IngestFeed> feed = std::make_shared<IngestFeed>();
    bool started = false;     // the hand-in runs (on a worker) from its first file
    QDateTime touched;
    CancelToken cancel;
    // Written by the worker, read by the service: under the mutex.
    QMutex mutex;
    bool ended = false;   // the worker is done with this reception
    QString state = QStringLiteral("receiving");   // running, done, failed, cancelled
    QJsonArray records;
    int done = 0;
    int total = 0;
    QJsonObject summary;
    QJsonObject cardFree;   // the counts when every file was stored
    std::pair<int, int> thumbnails { 0, 0 };
    QString error;
};

HandinReception::HandinReception(const Lab &lab, QObject *parent) : QObject(parent), m_lab(lab)
{
    m_workers.setMaxThreadCount(MaxRunning);
    m_pieces.setMaxThreadCount(2);
    m_writers.setMaxThreadCount(2);
}

HandinReception::~HandinReception()
{
    for (auto &[id, reception] : m_receptions) {
        reception->cancel.cancel();
        reception->feed->cancel();
    }
    m_pieces.waitForDone();
    m_workers.waitForDone();
}

QString HandinReception::spoolRoot() const
{
    return m_lab.path(QStringLiteral("spool/handins"));
}

Result<QString> HandinReception::open(const Opening &opening)
{
    const Result<Customer> customer = Customers(m_lab.catalog()).byCode(opening.customerCode);
    if (!customer)
        return customer.error();
    if (!opening.actor.actsForLab() && !opening.actor.isCustomer(customer->id))
        return Error::refused(Tr::tr("%1 may not hand in photos for customer %2.")
                                  .arg(opening.actor.describe(), customer->code));
    auto reception = std::make_unique<Reception>();
    reception->id = newId();
    reception->opening = opening;
    reception->customerId = customer->id;
    reception->folder = QDir(spoolRoot()).filePath(reception->id);
    reception->touched = m_lab.clock().now();
    if (!QDir().mkpath(reception->folder))
        return Error::failure(Tr::tr("The spool folder %1 cannot be made: check the data folder's free space and "
                                     "permissions.").arg(reception->folder));
    if (Status loaded = reception->index.load(m_lab.catalog(), customer->id); !loaded)
        return loaded.error();
    reception->looker = std::make_unique<Looker>(reception->index, opening.thumbnails ? &m_lab.thumbnails() : nullptr);
    const QString id = reception->id;
    m_receptions.emplace(id, std::move(reception));
    qCInfo(lcNet) << "Hand-in" << id << "opened for" << customer->code << "by" << opening.actor.auditText();
    return id;
}

// The state is the worker's to change once the hand-in runs: read under the mutex.
QString HandinReception::stateOf(Reception &reception)
{
    QMutexLocker lock(&reception.mutex);
    return reception.state;
}

// Files are taken while the client sends them: not once it said it is done, nor after
// the hand-in stopped (a full disk, say), which the error then tells.
Status HandinReception::stillReceiving(Reception &reception)
{
    QMutexLocker lock(&reception.mutex);
    if (reception.state == QLatin1String("receiving"))
        return Status::success();
    if (reception.state == QLatin1String("failed"))
        return Error::failure(Tr::tr("The hand-in %1 stopped: %2").arg(reception.id, reception.error));
    return Error::refused(Tr::tr("The hand-in %1 takes no more files: it is %2.").arg(reception.id, reception.state));
}

Result<HandinReception::Reception *> HandinReception::find(const QString &id, const QString &owner)
{
    const auto it = m_receptions.find(id);
    if (it == m_receptions.end() || it->second->opening.owner != owner)
        return Error::notFound(Tr::tr("No hand-in %1 is open here for this terminal: start the hand-in again.").arg(id));
    it->second->touched = m_lab.clock().now();
    return it->second.get();
}

Result<QJsonArray> HandinReception::offer(const QString &id, const QString &owner, const QJsonArray &files)
{
    Result<Reception *> reception = find(id, owner);
    if (!reception)
        return reception.error();
    if (files.size() > MaxFilesPerOffer)
        return Error::usage(Tr::tr("Offer at most %1 files at a time.").arg(MaxFilesPerOffer));
    if (Status open = stillReceiving(**reception); !open)
        return open.error();
    QJsonArray answers;
    for (const QJsonValue &file : files) {
        if ((*reception)->files.size() + (*reception)->decided.size() > MaxFilesPerHandin)
            return Error::usage(Tr::tr("A hand-in takes at most %1 files.").arg(MaxFilesPerHandin));
        answers.append(answer(**reception, file.toObject()));
    }
    feedReady(**reception);
    return answers;
}

QJsonObject HandinReception::answer(Reception &reception, const QJsonObject &file)
{
    const QString path = ServiceProtocol::safeRelativePath(file.value(QStringLiteral("path")).toString());
    const qint64 size = file.value(QStringLiteral("size")).toInteger(-1);
    const QString sha = file.value(QStringLiteral("sha256")).toString();
    QJsonObject reply { { QStringLiteral("path"), file.value(QStringLiteral("path")) } };
    auto say = [&reply](const char *answer) {
        reply.insert(QStringLiteral("answer"), QLatin1String(answer));
        return reply;
    };
    if (path.isEmpty() || size < 0 || size > MaxFileBytes) {
        reply.insert(QStringLiteral("reason"), Tr::tr("a path or size the device does not take"));
        return say("refused");
    }
    if (const std::optional<IngestRecord> known = knownOrRefused(reception, file, path, size)) {
        decide(reception, *known);
        if (known->outcome == IngestOutcome::AlreadyReceived)
            reply.insert(QStringLiteral("record"), IngestWire::recordToJson(*known));
        return say("known");
    }
    // A file the camera's identity names, unknown by it and its quick hash, is new: it
    // comes without a SHA-256 first, which goes with its last piece.
    const QString quick = file.value(QStringLiteral("quick_hash")).toString();
    const bool identified = !file.value(QStringLiteral("identity")).toString().isEmpty() && !quick.isEmpty();
    if (sha.size() != 64 && (!identified || reception.opening.again))
        return say("need_sha");
    return expect(reception, path, size, sha, quick, reply);
}

// A file the client refused on its card, or one the customer handed in before: its
// record, decided without its bytes.
std::optional<IngestRecord> HandinReception::knownOrRefused(Reception &reception, const QJsonObject &file,
                                                           const QString &path, qint64 size)
{
    IngestRecord record;
    record.path = path;
    record.size = size;
    if (const QString refusal = file.value(QStringLiteral("refused")).toString(); !refusal.isEmpty()) {
        record.outcome = IngestOutcome::Rejected;
        record.reason = refusal;
        return record;
    }
    if (reception.opening.again)
        return std::nullopt;
    const QString sha = file.value(QStringLiteral("sha256")).toString();
    const QString identity = file.value(QStringLiteral("identity")).toString();
    const QString quick = file.value(QStringLiteral("quick_hash")).toString();
    std::optional<CustomerIndex::Entry> earlier;
    if (!sha.isEmpty())
        earlier = reception.index.bySha(sha);
    else if (!identity.isEmpty() && !quick.isEmpty())
        earlier = reception.index.byQuickHash(identity, size, quick);
    if (!earlier)
        return std::nullopt;
    record.outcome = IngestOutcome::AlreadyReceived;
    record.matched = earlier->photo;
    return record;
}

// A file to be sent: where the device stands with it ("send" from an offset), or that
// it has it whole ("received").
QJsonObject HandinReception::expect(Reception &reception, const QString &path, qint64 size, const QString &sha,
                                    const QString &quick, QJsonObject reply)
{
    auto say = [&reply](const char *answer) {
        reply.insert(QStringLiteral("answer"), QLatin1String(answer));
        return reply;
    };
    if (reception.decided.contains(path)) {
        reply.insert(QStringLiteral("reason"), Tr::tr("%1 was offered before and decided already").arg(path));
        return say("refused");
    }
    if (!reception.files.count(path))
        reception.order.append(path);
    Incoming &incoming = reception.files[path];
    const bool same = incoming.size == size && incoming.hash
        && ((!sha.isEmpty() && incoming.sha256 == sha) || (!quick.isEmpty() && incoming.quickHash == quick));
    if (incoming.complete) {
        // Handed to the hand-in already: it stays as it arrived.
        reply.insert(QStringLiteral("offset"), incoming.received);
        if (same)
            return say("received");
        reply.insert(QStringLiteral("reason"), Tr::tr("%1 has arrived already with other bytes").arg(path));
        return say("refused");
    }
    if (incoming.busy) {
        // A piece of it is still being taken in (its connection was cut): the client
        // sends from here and is told to wait when it comes too soon.
        reply.insert(QStringLiteral("offset"), incoming.received);
        return say("send");
    }
    if (!same) {
        incoming = Incoming::expecting(size, sha, quick);
        QFile::remove(QDir(reception.folder).filePath(path));
    } else if (incoming.sha256.isEmpty()) {
        incoming.sha256 = sha;
    }
    reply.insert(QStringLiteral("offset"), incoming.received);
    return say("send");
}

// A file decided without its bytes, in its place among the offered ones.
void HandinReception::decide(Reception &reception, const IngestRecord &record)
{
    if (reception.decided.contains(record.path) || reception.files.count(record.path))
        return;
    reception.decided.insert(record.path, record);
    reception.order.append(record.path);
}

void HandinReception::feedReady(Reception &r)
{
    bool fedAny = false;
    for (; r.fed < r.order.size(); ++r.fed) {
        const QString &path = r.order.at(r.fed);
        if (const auto decided = r.decided.constFind(path); decided != r.decided.cend()) {
            r.feed->add({ CardEntry(), *decided, QString(), std::nullopt });
        } else {
            const Incoming &incoming = r.files.at(path);
            if (!incoming.complete)
                break;   // the hand-in takes the files in the order offered
            const CardEntry entry { QDir(r.folder).filePath(path), path, r.folder, incoming.size, QString() };
            r.feed->add({ entry, std::nullopt, incoming.sha256, incoming.inspected });
        }
        fedAny = true;
    }
    if (fedAny && !r.started) {
        r.started = true;
        (void)QtConcurrent::run(&m_workers, [this, reception = &r] { run(reception); });
    }
}

Result<HandinReception::PieceJob> HandinReception::admit(const QString &id, const QString &owner, const QString &path,
                                                         qint64 offset, qint64 size)
{
    Result<Reception *> reception = find(id, owner);
    if (!reception)
        return reception.error();
    if (Status open = stillReceiving(**reception); !open)
        return open.error();
    const auto it = (*reception)->files.find(path);
    if (it == (*reception)->files.end())
        return Error::notFound(Tr::tr("%1 was not offered to this hand-in.").arg(path));
    Incoming &incoming = it->second;
    if (incoming.busy || offset != incoming.received || offset + size > incoming.size || incoming.complete)
        return Error(Error::Kind::Cancelled, Tr::tr("%1: the device has %2 bytes of it; send from there.")
                                                 .arg(path).arg(incoming.received));
    const QString target = QDir((*reception)->folder).filePath(path);
    QDir().mkpath(QFileInfo(target).absolutePath());
    incoming.busy = true;   // nothing else touches the file until the piece is settled
    return PieceJob { id, path, target, offset, offset + size == incoming.size, incoming.hash.get(),
                      &(*reception)->looker->inspector };
}

// On any thread: the piece goes to the disk while it is hashed.
HandinReception::PieceDone HandinReception::takeIn(const PieceJob &job, const QByteArray &bytes)
{
    QFuture<Status> writing = QtConcurrent::run(&m_writers, [this, job, bytes] {
        return PieceFile(m_buffers).write(job.target, job.offset, bytes);
    });
    job.hash->add(bytes);
    PieceDone done { writing.result(), QString(), std::nullopt };
    if (job.last)
        done.digest = job.hash->hex();
    // A file that came in one piece is in memory now: it is looked at here, beside the
    // other pieces, not read back from the disk when the hand-in runs.
    if (job.last && job.offset == 0 && done.written)
        done.inspected = job.inspector->inspectArrived(job.path, bytes, done.digest);
    return done;
}

QFuture<Result<QJsonObject>> HandinReception::receive(const QString &id, const QString &owner, const QString &path,
                                                      qint64 offset, const QByteArray &bytes,
                                                      const QString &claimedSha256)
{
    const Result<PieceJob> job = admit(id, owner, path, offset, bytes.size());
    if (!job)
        return QtFuture::makeReadyFuture(Result<QJsonObject>(job.error()));
    // Written and hashed off the service's thread, which meanwhile takes the other lane's pieces.
    return QtConcurrent::run(&m_pieces, [this, job = *job, bytes] { return takeIn(job, bytes); })
        .then(this, [this, job = *job, size = bytes.size(), claimedSha256](const PieceDone &done) {
            return settle(job, size, claimedSha256, done);
        });
}

Result<QJsonObject> HandinReception::receiveNow(const QString &id, const QString &owner, const QString &path,
                                                qint64 offset, const QByteArray &bytes, const QString &claimedSha256)
{
    const Result<PieceJob> job = admit(id, owner, path, offset, bytes.size());
    if (!job)
        return job.error();
    return settle(*job, bytes.size(), claimedSha256, takeIn(*job, bytes));
}

// Back on the service's thread: the piece counts, or the file starts again.
Result<QJsonObject> HandinReception::settle(const PieceJob &job, qint64 size, const QString &claimedSha256,
                                            const PieceDone &done)
{
    const QString &path = job.path;
    const auto reception = m_receptions.find(job.id);
    if (reception == m_receptions.end() || !reception->second->files.contains(path))
        return Error::notFound(Tr::tr("No hand-in %1 is open here for this terminal: start the hand-in again.").arg(job.id));
    Incoming &incoming = reception->second->files.at(path);
    incoming.busy = false;
    auto startAgain = [&incoming] {
        incoming = Incoming::expecting(incoming.size, incoming.sha256, incoming.quickHash);
    };
    if (!done.written) {
        startAgain();
        return Error::failure(Tr::tr("%1 cannot be spooled: %2 Check the device's free space.")
                                  .arg(path, done.written.error().message()));
    }
    incoming.received += size;
    if (incoming.received == incoming.size) {
        const QString want = incoming.sha256.isEmpty() ? claimedSha256 : incoming.sha256;
        if (done.digest != want || (!claimedSha256.isEmpty() && claimedSha256 != want)) {
            qCWarning(lcNet) << "Hand-in" << job.id << path << "arrived with SHA-256" << done.digest << "instead of" << want;
            startAgain();
            QFile::remove(job.target);
            return Error::usage(Tr::tr("%1 arrived damaged (its SHA-256 differs from the one sent with it): send it "
                                       "again.").arg(path));
        }
        incoming.sha256 = done.digest;
        incoming.complete = true;
        incoming.inspected = done.inspected;
        feedReady(*reception->second);
    }
    return QJsonObject { { QStringLiteral("received"), incoming.received },
                         { QStringLiteral("complete"), incoming.complete } };
}

Status HandinReception::finish(const QString &id, const QString &owner)
{
    Result<Reception *> reception = find(id, owner);
    if (!reception)
        return reception.error();
    Reception *r = *reception;
    if (stateOf(*r) != QLatin1String("receiving"))
        return Status::success();   // asked twice (a retry after a cut): it runs already
    for (const auto &[path, incoming] : r->files) {
        if (!incoming.complete)
            return Error::usage(Tr::tr("%1 has not fully arrived (%2 of %3 bytes): send the rest first.")
                                    .arg(path).arg(incoming.received).arg(incoming.size));
    }
    {
        QMutexLocker lock(&r->mutex);
        r->state = QStringLiteral("running");
    }
    feedReady(*r);
    r->feed->close();
    if (!r->started) {   // nothing came at all
        r->started = true;
        (void)QtConcurrent::run(&m_workers, [this, r] { run(r); });
    }
    return Status::success();
}

void HandinReception::run(Reception *r)
{
    IngestOptions options;
    options.customerCode = r->opening.customerCode;
    options.sources = { r->folder };
    options.sourceName = r->opening.source;
    options.albumTitle = r->opening.albumTitle;
    options.again = r->opening.again;
    options.thumbnails = r->opening.thumbnails;
    options.channel = QStringLiteral("network");
    options.actor = r->opening.actor.auditText();
    options.sourcesAreSpool = true;   // verified on arrival, and nobody writes them any more
    options.feed = r->feed;
    IngestJob job(m_lab, options);
    follow(job, r);
    const Result<IngestSummary> summary = job.run();
    {
        QMutexLocker lock(&r->mutex);
        if (summary) {
            r->summary = IngestWire::summaryToJson(*summary);
            r->state = summary->cancelled ? QStringLiteral("cancelled") : QStringLiteral("done");
        } else {
            r->error = summary.error().message();
            r->state = QStringLiteral("failed");
        }
    }
    // The client hears it ended first: the spool goes after (its files are in the store now).
    QDir(r->folder).removeRecursively();
    {
        QMutexLocker lock(&r->mutex);
        r->ended = true;
    }
    QMetaObject::invokeMethod(this, &HandinReception::handinFinished, Qt::QueuedConnection);
}

// What the job decides and how far it is, for the client's next look (state()).
void HandinReception::follow(IngestJob &job, Reception *r)
{
    QObject::connect(&job, &IngestJob::fileDecided, &job, [r](const IngestRecord &record) {
        QMutexLocker lock(&r->mutex);
        r->records.append(IngestWire::recordToJson(record));
    }, Qt::DirectConnection);
    QObject::connect(&job, &IngestJob::progress, &job, [r, &job](int done, int total) {
        if (r->cancel.isCancelled())
            job.cancelToken().cancel();
        QMutexLocker lock(&r->mutex);
        r->done = done;
        r->total = total;
    }, Qt::DirectConnection);
    QObject::connect(&job, &IngestJob::cardReleased, &job, [r](const IngestSummary &summary) {
        QMutexLocker lock(&r->mutex);
        r->cardFree = IngestWire::summaryToJson(summary);
    }, Qt::DirectConnection);
    QObject::connect(&job, &IngestJob::thumbnailProgress, &job, [r, &job](int done, int total) {
        if (r->cancel.isCancelled())
            job.cancelToken().cancel();
        QMutexLocker lock(&r->mutex);
        r->thumbnails = { done, total };
    }, Qt::DirectConnection);
}

Result<QJsonObject> HandinReception::state(const QString &id, const QString &owner, int after)
{
    Result<Reception *> reception = find(id, owner);
    if (!reception)
        return reception.error();
    Reception *r = *reception;
    QMutexLocker lock(&r->mutex);
    QJsonArray records;
    for (qsizetype i = std::max(0, after); i < r->records.size(); ++i)
        records.append(r->records.at(i));
    return QJsonObject {
        { QStringLiteral("state"), r->state },
        { QStringLiteral("records"), records },
        { QStringLiteral("done"), r->done },
        { QStringLiteral("total"), r->total },
        { QStringLiteral("summary"), r->summary.isEmpty() ? QJsonValue() : QJsonValue(r->summary) },
        // Every file durably stored: the client's card may go (IngestJob::cardReleased).
        { QStringLiteral("card_free"), r->cardFree.isEmpty() ? QJsonValue() : QJsonValue(r->cardFree) },
        { QStringLiteral("thumbnails"), QJsonObject { { QStringLiteral("done"), r->thumbnails.first },
                                                      { QStringLiteral("total"), r->thumbnails.second } } },
        { QStringLiteral("error"), r->error.isEmpty() ? QJsonValue() : QJsonValue(r->error) },
    };
}

Status HandinReception::cancel(const QString &id, const QString &owner)
{
    Result<Reception *> reception = find(id, owner);
    if (!reception)
        return reception.error();
    Reception *r = *reception;
    r->cancel.cancel();
    r->feed->cancel();   // a hand-in that runs stops, keeps what it stored and drops the spool
    if (r->started)
        return Status::success();   // it says "cancelled", with what it kept, once it stopped
    QMutexLocker lock(&r->mutex);
    if (r->state == QLatin1String("receiving")) {
        r->state = QStringLiteral("cancelled");
        QDir(r->folder).removeRecursively();
    }
    return Status::success();
}

void HandinReception::dropStale(const QDateTime &now)
{
    for (auto it = m_receptions.begin(); it != m_receptions.end();) {
        Reception &r = *it->second;
        QMutexLocker lock(&r.mutex);
        const bool stale = r.touched.secsTo(now) > StaleHours * 3600 && r.state != QLatin1String("running");
        const bool working = r.started && !r.ended;
        lock.unlock();
        if (stale && working) {
            r.feed->cancel();   // its client went away: it ends, and goes next time
            ++it;
        } else if (stale) {
            QDir(r.folder).removeRecursively();
            it = m_receptions.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace Keepsake
