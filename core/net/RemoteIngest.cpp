// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RemoteIngest.h"

#include "DeviceClient.h"
#include "IngestWire.h"
#include "NetLog.h"
#include "ServiceProtocol.h"
#include "ingest/FileInspector.h"
#include "metadata/ImageDecoder.h"
#include "metadata/MetadataReader.h"
#include "store/Sha256.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QMutex>
#include <QThreadPool>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QThread>
#include <QWaitCondition>
#include <QUrlQuery>
#include <QtConcurrent>

#include <deque>
#include <functional>
#include <numeric>
#include <vector>

namespace Keepsake {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::RemoteIngest)
};

// The first offer is small, so that the first bytes go soon; the next are offered
// while the files before them are being sent.
constexpr int FirstOffer = 16;
constexpr int FilesPerOffer = 200;
// The device's records are asked for at once, then after waits that grow to PollMs.
constexpr int FirstPollMs = 5;
constexpr int PollMs = 150;
constexpr int ResumeAttempts = 5;
constexpr int Lanes = 4;

Result<QString> hashFile(const CardEntry &entry, const std::function<bool()> &cancelled)
{
    QFile file;
    if (Status opened = CardWalk::open(entry, file); !opened)
        return opened.error();
    Sha256 hash;
    constexpr qint64 PieceBytes = qint64(1) << 20;   // read into the same memory, hashed while in the cache
    QByteArray piece(PieceBytes, Qt::Uninitialized);
    qint64 got = 0;
    while ((got = file.read(piece.data(), PieceBytes)) > 0) {
        if (cancelled())
            return Error::cancelled(Tr::tr("Cancelled."));
        hash.add(piece.constData(), got);
    }
    if (got < 0 || file.error() != QFileDevice::NoError)
        return Error::failure(Tr::tr("%1 cannot be read to its end (%2).").arg(entry.absolutePath, file.errorString()));
    return hash.hex();
}

} // namespace

struct RemoteIngest::Local
{
    QString refusal;
};

// The files the device asked for, from the offers to the lanes that send them.
class RemoteIngest::SendQueue
{
public:
    void add(const QList<Outgoing> &outgoing)
    {
        QMutexLocker lock(&m_mutex);
        m_files.insert(m_files.end(), outgoing.cbegin(), outgoing.cend());
        m_changed.wakeAll();
    }
    // Nothing more comes (`failed`: and what waits is not sent).
    void close(bool failed)
    {
        QMutexLocker lock(&m_mutex);
        m_closed = true;
        if (failed)
            m_files.clear();
        m_changed.wakeAll();
    }
    // The next file to send; none once the queue is closed and empty.
    std::optional<Outgoing> take()
    {
        QMutexLocker lock(&m_mutex);
        while (m_files.empty() && !m_closed)
            m_changed.wait(&m_mutex);
        if (m_files.empty())
            return std::nullopt;
        Outgoing next = std::move(m_files.front());
        m_files.pop_front();
        return next;
    }

private:
    QMutex m_mutex;
    QWaitCondition m_changed;
    std::deque<Outgoing> m_files;
    bool m_closed = false;
};

RemoteIngest::RemoteIngest(DeviceClient &client, IngestOptions options, QObject *parent)
    : QObject(parent), m_client(client), m_options(std::move(options))
{
}

RemoteIngest::~RemoteIngest() = default;

bool RemoteIngest::isCancelled()
{
    if (m_outer && m_outer->isCancelled())
        m_cancel.cancel();
    return m_cancel.isCancelled();
}

QString RemoteIngest::wirePath(const CardEntry &entry) const
{
    // Several sources: each keeps its own folder name in front, as paths may repeat.
    if (m_options.sources.size() > 1 && !entry.root.isEmpty())
        return QFileInfo(entry.root).fileName() + QLatin1Char('/') + entry.relativePath;
    return entry.relativePath;
}

// What the device needs to recognise a file without its bytes: identity, size and the
// head/tail hash; or why it is refused here.
QJsonObject RemoteIngest::describe(const CardEntry &entry, Local &local) const
{
    QJsonObject file { { QStringLiteral("path"), wirePath(entry) }, { QStringLiteral("size"), entry.size } };
    QFile source;
    if (entry.refused()) {
        local.refusal = entry.refusal;
    } else if (Status opened = CardWalk::open(entry, source); !opened) {
        local.refusal = opened.error().message();
    } else {
        const QByteArray head = source.read(QuickHash::HeadBytes);
        const qint64 size = source.size();
        file.insert(QStringLiteral("size"), size);
        if (size == 0) {
            local.refusal = Tr::tr("the file is empty (0 bytes)");
        } else if (const std::optional<DecodedImage> refusal = ImageDecoder().refuseByHead(head, size)) {
            local.refusal = refusal->reason;
        } else if (size > FileInspector::MaxPictureBytes) {
            local.refusal = Tr::tr("the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB)")
                                .arg(size >> 20).arg(FileInspector::MaxPictureBytes >> 20);
        } else {
            const Result<PhotoMetadata> meta = MetadataReader().read(head);
            const qint64 tailSize = std::min(size, QuickHash::TailBytes);
            const QByteArray tail = source.seek(size - tailSize) ? source.read(tailSize) : QByteArray();
            if (meta && meta->identity.isUsable() && tail.size() == tailSize) {
                file.insert(QStringLiteral("identity"), meta->identity.key());
                file.insert(QStringLiteral("quick_hash"), QuickHash::of(size, head, tail));
            }
        }
    }
    if (!local.refusal.isEmpty())
        file.insert(QStringLiteral("refused"), local.refusal);
    return file;
}

Result<QList<QJsonObject>> RemoteIngest::offer(const QList<QJsonObject> &files)
{
    QJsonArray array;
    for (const QJsonObject &file : files)
        array.append(file);
    const Result<QJsonValue> answer = m_client.post(QStringLiteral("handins/%1/offers").arg(m_handin),
                                                    { { QStringLiteral("files"), array } });
    if (!answer)
        return answer.error();
    QList<QJsonObject> answers;
    for (const QJsonValue &value : answer->toObject().value(QStringLiteral("files")).toArray())
        answers.append(value.toObject());
    if (answers.size() != files.size())
        return Error::failure(Tr::tr("The device answered %1 of %2 offered files.").arg(answers.size()).arg(files.size()));
    return answers;
}

Result<IngestSummary> RemoteIngest::run()
{
    m_timer.start();
    Result<QList<CardEntry>> entries = CardWalk::collect(m_options.sources);
    if (!entries)
        return entries.error();
    // Files refused before the walk (a camera's files that could not be copied): offered
    // as refused, so that the device records them with their reason.
    for (const IngestRecord &record : std::as_const(m_options.decidedElsewhere)) {
        if (record.outcome == IngestOutcome::Rejected)
            entries->append({ QString(), record.path, QString(), record.size, record.reason });
    }
    const Result<QJsonValue> opened = m_client.post(QStringLiteral("handins"), {
        { QStringLiteral("customer"), m_options.customerCode },
        { QStringLiteral("album"), m_options.albumTitle },
        { QStringLiteral("again"), m_options.again },
        { QStringLiteral("thumbnails"), m_options.thumbnails },
        { QStringLiteral("source"), m_options.sourceName.isEmpty() ? m_options.sources.join(QStringLiteral(", "))
                                                                   : m_options.sourceName } });
    if (!opened)
        return opened.error();
    m_handin = opened->toObject().value(QStringLiteral("handin")).toString();
    m_filesTotal = int(entries->size());
    for (const CardEntry &entry : *entries) {
        m_bytesTotal += std::max<qint64>(entry.size, 0);
        m_absolute.insert(wirePath(entry), entry.absolutePath);
    }
    Q_EMIT started(m_filesTotal, m_bytesTotal);
    if (Status sent = offerAndSend(*entries); !sent && sent.error().kind() != Error::Kind::Cancelled) {
        cancelOnDevice();
        return sent.error();
    }
    if (isCancelled()) {
        // The device keeps what it stored before the cancel, as a local hand-in does, and says so.
        cancelOnDevice();
        Result<IngestSummary> kept = follow(true);
        IngestSummary summary = kept ? *kept : IngestSummary();
        summary.cancelled = true;
        summary.seconds = double(m_timer.elapsed()) / 1000.0;
        return summary;
    }
    Result<IngestSummary> summary = finish();
    if (summary)
        summary->seconds = double(m_timer.elapsed()) / 1000.0;
    return summary;
}

// The card's files are offered a batch at a time; what the device asks for goes out
// over the lanes while the next batch is offered.
Status RemoteIngest::offerAndSend(const QList<CardEntry> &entries)
{
    SendQueue queue;
    std::optional<Error> failure;
    // Its own thread: the offers read the files' heads on all cores (QtConcurrent).
    std::unique_ptr<QThread> offering(QThread::create([this, &entries, &queue, &failure] {
        for (qsizetype at = 0; at < entries.size() && !isCancelled();) {
            const qsizetype count = at == 0 ? FirstOffer : FilesPerOffer;
            Result<QList<Outgoing>> outgoing = offerBatch(entries.mid(at, count));
            if (!outgoing) {
                failure = outgoing.error();
                queue.close(true);
                return;
            }
            queue.add(*outgoing);
            at += count;
        }
        queue.close(false);
    }));
    offering->start();
    const Status sent = sendAll(queue);
    queue.close(true);   // the lanes failed: no more offers wait for them
    offering->wait();
    if (failure)
        return *failure;
    return sent;
}

// One batch of files offered: those the device has or this side refuses are settled,
// the others come back to be sent.
Result<QList<RemoteIngest::Outgoing>> RemoteIngest::offerBatch(const QList<CardEntry> &entries)
{
    // Each file's head and tail are read and its metadata parsed on all cores: a card
    // handed in again costs little else.
    std::vector<QJsonObject> described(size_t(entries.size()));
    std::vector<Local> locals(size_t(entries.size()));
    std::vector<qsizetype> indexes(size_t(entries.size()));
    std::iota(indexes.begin(), indexes.end(), 0);
    QtConcurrent::blockingMap(indexes, [this, &entries, &described, &locals](qsizetype i) {
        described[size_t(i)] = describe(entries.at(i), locals[size_t(i)]);
    });
    const QList<QJsonObject> files(described.begin(), described.end());
    Result<QList<QJsonObject>> first = offer(files);
    if (!first)
        return first.error();
    // What identity and quick hash did not settle is offered by its SHA-256.
    QList<Outgoing> outgoing;
    QList<qsizetype> byHash;
    QList<QJsonObject> hashed;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString answer = first->at(i).value(QStringLiteral("answer")).toString();
        if (answer == QLatin1String("send")) {
            outgoing.append({ entries.at(i), QString(), first->at(i).value(QStringLiteral("offset")).toInteger() });
        } else if (answer == QLatin1String("need_sha")) {
            const Result<QString> sha = hashFile(entries.at(i), [this] { return isCancelled(); });
            if (!sha)
                return sha.error();
            QJsonObject file = files.at(i);
            file.insert(QStringLiteral("sha256"), *sha);
            byHash.append(i);
            hashed.append(file);
        } else {
            settled(entries.at(i));   // known to the device, or refused here
        }
    }
    Result<QList<QJsonObject>> second = hashed.isEmpty() ? QList<QJsonObject>() : offer(hashed);
    if (!second)
        return second.error();
    for (qsizetype k = 0; k < byHash.size(); ++k) {
        const QJsonObject &answer = second->at(k);
        if (answer.value(QStringLiteral("answer")).toString() == QLatin1String("send"))
            outgoing.append({ entries.at(byHash.at(k)), hashed.at(k).value(QStringLiteral("sha256")).toString(),
                              answer.value(QStringLiteral("offset")).toInteger() });
        else
            settled(entries.at(byHash.at(k)));
    }
    return outgoing;
}

void RemoteIngest::settled(const CardEntry &entry)
{
    const qint64 bytes = m_bytesDone.fetch_add(std::max<qint64>(entry.size, 0)) + std::max<qint64>(entry.size, 0);
    Q_EMIT progress(m_filesDone.fetch_add(1) + 1, m_filesTotal, bytes, m_bytesTotal);
}

// Files go over Lanes connections at once, each lane a thread with its own client:
// one request at a time leaves both ends waiting on each other half the time.
Status RemoteIngest::sendAll(SendQueue &queue)
{
    QThreadPool lanes;
    lanes.setMaxThreadCount(Lanes);
    QMutex failureLock;
    std::optional<Error> failure;
    QEventLoop wait;   // progress reports, queued from the lanes, reach their receivers meanwhile
    std::atomic<int> running { Lanes };
    for (int lane = 0; lane < Lanes; ++lane) {
        lanes.start([&] {
            DeviceClient client(m_client.endpoint(), m_client.cancelToken());   // Ctrl-C, the window's Cancel
            client.alsoCancelledBy(m_outer ? m_outer : &m_cancel);
            QByteArray piece;   // this lane's, for every piece it sends
            while (const std::optional<Outgoing> outgoing = queue.take()) {
                if (Status sent = send(client, *outgoing, piece); !sent) {
                    QMutexLocker lock(&failureLock);
                    if (!failure)
                        failure = sent.error();
                    queue.close(true);
                    break;
                }
                settled(outgoing->entry);
            }
            if (--running == 0)
                QMetaObject::invokeMethod(&wait, &QEventLoop::quit, Qt::QueuedConnection);
        });
    }
    wait.exec(QEventLoop::ExcludeUserInputEvents);
    lanes.waitForDone();
    return failure ? Status(*failure) : Status::success();
}

// The file's bytes from the offset the device has, a piece per request, its SHA-256
// computed on the way and sent with the last piece; after a cut the device is asked
// where it stands and the sending goes on from there.
Status RemoteIngest::send(DeviceClient &client, const Outgoing &outgoing, QByteArray &piece)
{
    QFile file;
    if (Status opened = CardWalk::open(outgoing.entry, file); !opened)
        return opened;
    const QString path = wirePath(outgoing.entry);
    qint64 offset = outgoing.offset;
    int failures = 0;
    auto hash = std::make_unique<Sha256>();
    qint64 hashedTo = 0;   // the hash covers the file's bytes before this
    while (offset < file.size()) {
        if (Status read = hashUpTo(file, *hash, hashedTo, offset, piece); !read)
            return read.error().prefixed(outgoing.entry.absolutePath + QStringLiteral(": "));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("path"), path);
        query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
        if (offset + piece.size() == file.size())
            query.addQueryItem(QStringLiteral("sha256"), hash->hex());
        const Result<QJsonValue> answer = client.put(QStringLiteral("handins/%1/files").arg(m_handin), query, piece);
        if (answer) {
            m_bytesSent += piece.size();
            offset = answer->toObject().value(QStringLiteral("received")).toInteger();
            continue;
        }
        const Error::Kind kind = answer.error().kind();
        if ((kind != Error::Kind::Failure && kind != Error::Kind::Cancelled && kind != Error::Kind::Usage)
            || ++failures > ResumeAttempts || isCancelled())
            return answer.error().prefixed(Tr::tr("%1 could not be sent: ").arg(outgoing.entry.absolutePath));
        qCInfo(lcNet) << "Sending" << path << "again from where the device stands:" << answer.error().message();
        QThread::msleep(200 * failures);
        hash = std::make_unique<Sha256>();   // it holds a piece the device may not have
        hashedTo = 0;
        const Result<qint64> resumed = resumeAt(client, outgoing, file.size());
        if (!resumed)
            continue;
        offset = *resumed;
    }
    return Status::success();
}

// Hashes the file's bytes from where the hash stands up to the offset (what the device
// has, after a resume), then reads the piece that goes next into `piece` and hashes it
// too. The piece's memory is the lane's, used again from piece to piece: a fresh
// buffer for each would cost a page fault every 4 KiB.
Status RemoteIngest::hashUpTo(QFile &file, Sha256 &hash, qint64 &hashedTo, qint64 offset, QByteArray &piece)
{
    if (isCancelled())
        return Error::cancelled(Tr::tr("Cancelled."));
    if (!file.seek(hashedTo))
        return Error::failure(file.errorString());
    auto readInto = [&file, &piece](qint64 length) {
        piece.resize(length);
        const qint64 got = file.read(piece.data(), length);
        piece.resize(std::max<qint64>(got, 0));
        return got > 0;
    };
    while (hashedTo < offset) {
        if (!readInto(std::min(ServiceProtocol::ChunkBytes, offset - hashedTo)))
            return Error::failure(Tr::tr("the file cannot be read (%1)").arg(file.errorString()));
        hash.add(piece);
        hashedTo += piece.size();
    }
    if (!readInto(std::min(ServiceProtocol::ChunkBytes, file.size() - hashedTo)))
        return Error::failure(Tr::tr("the file cannot be read (%1)").arg(file.errorString()));
    hash.add(piece);
    hashedTo += piece.size();
    return Status::success();
}

// Where the device stands with a file after a failed piece: the offset to go on from,
// or the file's size when it has it all.
Result<qint64> RemoteIngest::resumeAt(DeviceClient &client, const Outgoing &outgoing, qint64 size) const
{
    QJsonObject offered = describeForResume(outgoing, size);
    const Result<QJsonValue> answer = client.post(QStringLiteral("handins/%1/offers").arg(m_handin),
                                                  { { QStringLiteral("files"), QJsonArray { offered } } });
    if (!answer)
        return answer.error();
    const QJsonObject state = answer->toObject().value(QStringLiteral("files")).toArray().first().toObject();
    if (state.value(QStringLiteral("answer")).toString() != QLatin1String("send"))
        return size;
    return state.value(QStringLiteral("offset")).toInteger();
}

QJsonObject RemoteIngest::describeForResume(const Outgoing &outgoing, qint64 size) const
{
    Local local;
    QJsonObject offered = describe(outgoing.entry, local);
    offered.insert(QStringLiteral("size"), size);
    if (!outgoing.sha256.isEmpty())
        offered.insert(QStringLiteral("sha256"), outgoing.sha256);
    return offered;
}

// Every file is on the device: the hand-in ends there once it has stored the last.
Result<IngestSummary> RemoteIngest::finish()
{
    if (const Result<QJsonValue> started = m_client.post(QStringLiteral("handins/%1/finish").arg(m_handin), {}); !started)
        return started.error();
    return follow(false);
}

// The device's records, as they are decided, until the hand-in ended there.
Result<IngestSummary> RemoteIngest::follow(bool cancelSent)
{
    // Polled without the cancel token: after Ctrl-C the device still says how it ended.
    DeviceClient poller(m_client.endpoint());
    int seen = 0;
    int wait = FirstPollMs;
    for (;;) {
        if (isCancelled() && !cancelSent) {
            cancelOnDevice();
            cancelSent = true;
        }
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("after"), QString::number(seen));
        const Result<QJsonValue> state = poller.get(QStringLiteral("handins/%1").arg(m_handin), query);
        if (!state)
            return state.error();
        const QJsonObject object = state->toObject();
        for (const QJsonValue &value : object.value(QStringLiteral("records")).toArray()) {
            IngestRecord record = IngestWire::recordFromJson(value.toObject());
            record.absolutePath = m_absolute.value(record.path);
            Q_EMIT fileDecided(record);
            ++seen;
        }
        passOn(object);
        const QString phase = object.value(QStringLiteral("state")).toString();
        if (phase == QLatin1String("failed"))
            return Error::failure(object.value(QStringLiteral("error")).toString());
        if (phase == QLatin1String("done") || phase == QLatin1String("cancelled")) {
            IngestSummary summary = IngestWire::summaryFromJson(object.value(QStringLiteral("summary")).toObject());
            summary.cancelled = summary.cancelled || phase == QLatin1String("cancelled");
            if (m_cardFreeSaid)
                summary.cardFreeSeconds = m_cardFreeSeconds;   // this side's, as the event said
            return summary;
        }
        QThread::msleep(wait);
        wait = std::min(wait * 2, PollMs);
    }
}

// The moment the card may go, and the thumbnails' progress, as the device reports them.
void RemoteIngest::passOn(const QJsonObject &state)
{
    if (const QJsonValue cardFree = state.value(QStringLiteral("card_free")); cardFree.isObject() && !m_cardFreeSaid) {
        m_cardFreeSaid = true;
        IngestSummary summary = IngestWire::summaryFromJson(cardFree.toObject());
        summary.cardFreeSeconds = m_cardFreeSeconds = double(m_timer.elapsed()) / 1000.0;
        Q_EMIT cardReleased(summary);
    }
    const QJsonObject thumbnails = state.value(QStringLiteral("thumbnails")).toObject();
    const int done = thumbnails.value(QStringLiteral("done")).toInt();
    const int total = thumbnails.value(QStringLiteral("total")).toInt();
    if (total > 0 && done != m_thumbnailsSaid) {
        m_thumbnailsSaid = done;
        Q_EMIT thumbnailProgress(done, total);
    }
}

void RemoteIngest::cancelOnDevice()
{
    if (m_handin.isEmpty())
        return;
    // Sent even after Ctrl-C: the client itself is not cancelled for this one request.
    DeviceClient client(m_client.endpoint());
    if (const Result<QJsonValue> cancelled = client.post(QStringLiteral("handins/%1/cancel").arg(m_handin), {}); !cancelled)
        qCInfo(lcNet) << "The device was not told of the cancel:" << cancelled.error().message();
}

} // namespace Keepsake
