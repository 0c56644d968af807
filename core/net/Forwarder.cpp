// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Forwarder.h"

#include "DeviceClient.h"
#include "NetLog.h"
#include "ServiceProtocol.h"
#include "catalog/ForwardQueue.h"
#include "lab/Lab.h"
#include "lab/LabDevice.h"
#include "store/BlobStore.h"
#include "store/PieceFile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QThreadPool>
#include <QUrlQuery>

#include <map>
#include <memory>

namespace Keepsake {

namespace {

constexpr int ClaimMinutes = 10;
constexpr int FilesPerRound = 200;
constexpr int LaneCount = 8;
// Delivered forwards leave the queue this many at a time: one transaction, and one
// hold of the store's lock for dropping their copies, instead of one each.
constexpr qsizetype SettleBatch = 16;

} // namespace

Forwarder::Forwarder(const Lab &lab, DeviceIdentity identity) : m_lab(lab), m_identity(std::move(identity)) { }

Result<Forwarder::Round> Forwarder::run(const CancelToken &cancel) const
{
    Round round;
    if (!m_lab.device())
        return round;
    const QDateTime now = m_lab.clock().now();
    const QString claimer = QStringLiteral("%1:%2").arg(m_lab.device()->name).arg(QCoreApplication::applicationPid());
    const Result<QList<Forward>> due = ForwardQueue(m_lab.catalog()).claimDue(m_lab.device()->id, claimer, now,
                                                                              now.addSecs(ClaimMinutes * 60), FilesPerRound);
    if (!due)
        return due.error();
    // Several files travel at once, each lane with its own connections: the target
    // makes each file durable on its own, and those flushes overlap.
    Lanes lanes(*due, cancel);
    QThreadPool pool;
    pool.setMaxThreadCount(int(std::min<qsizetype>(LaneCount, due->size())));
    for (int lane = 0; lane < pool.maxThreadCount(); ++lane)
        pool.start([this, &lanes] { runLane(lanes); });
    pool.waitForDone();
    lanes.settler.waitForDone();
    settle(lanes);
    return lanes.round;
}

// One lane: takes the next forward until none is left.
void Forwarder::runLane(Lanes &lanes) const
{
    std::map<qint64, std::unique_ptr<DeviceClient>> clients;   // this lane's, one per target device
    FileBytesPool buffers { 1 };   // this lane's piece, read into the same memory each time
    const ForwardQueue queue(m_lab.catalog());
    for (qsizetype i = lanes.next++; i < lanes.due.size(); i = lanes.next++) {
        const Forward &forward = lanes.due.at(i);
        Status sent = carry(forward, clients, lanes, buffers);
        QMutexLocker lock(&lanes.mutex);
        if (sent) {
            lanes.delivered.append(forward);
            if (lanes.delivered.size() == SettleBatch)   // beside the lanes, which go on sending
                lanes.settler.start([this, &lanes] { settle(lanes); });
            continue;
        }
        if (sent.error().kind() == Error::Kind::Failure)
            lanes.unreachable.insert(forward.toDeviceId, sent.error().message());
        ++lanes.round.failed;
        lanes.round.errors.append(sent.error().message());
        lock.unlock();
        const QDateTime next = m_lab.clock().now().addSecs(RetrySeconds);
        if (Status kept = queue.failed(forward.photoId, sent.error().message(), next); !kept)
            qCWarning(lcNet) << "The forward queue could not note a failure:" << kept.error().message();
    }
}

Status Forwarder::carry(const Forward &forward, std::map<qint64, std::unique_ptr<DeviceClient>> &clients,
                        Lanes &lanes, FileBytesPool &buffers) const
{
    if (lanes.cancel.isCancelled())
        return Error::cancelled(tr("The device is stopping."));
    {
        QMutexLocker lock(&lanes.mutex);
        if (lanes.unreachable.contains(forward.toDeviceId))   // failed once this round: not again now
            return Error::failure(lanes.unreachable.value(forward.toDeviceId));
    }
    auto &client = clients[forward.toDeviceId];
    if (!client) {
        const Result<Device> target = Devices(m_lab.catalog()).byId(forward.toDeviceId);
        if (!target)
            return target.error();
        client = std::make_unique<DeviceClient>(DeviceEndpoint { QUrl(target->url), target->fingerprint, {}, {},
                                                                 m_identity.certificatePem(), m_identity.keyPem() },
                                                &lanes.cancel);
    }
    return deliver(*client, forward, lanes.cancel, buffers);
}

Status Forwarder::deliver(DeviceClient &client, const Forward &forward, const CancelToken &cancel,
                          FileBytesPool &buffers) const
{
    const QString path = QStringLiteral("files/%1").arg(forward.sha256);
    // A first attempt starts at the beginning without asking: a target that holds some
    // or all of the file already says so in its answer (409, or "complete").
    Result<QJsonValue> state = forward.attempts == 0
        ? Result<QJsonValue>(QJsonObject { { QStringLiteral("received"), 0 }, { QStringLiteral("complete"), false } })
        : client.get(path + QStringLiteral("/received"));
    if (!state)
        return state.error();
    const QString stored = m_lab.store().pathFor(forward.sha256);
    const QFileInfo storedInfo(stored);
    const qint64 size = storedInfo.size();
    if (!storedInfo.exists())
        return Error::failure(tr("The file of photo %1 (%2) is missing from this device's store: run keepsakectl "
                                 "check.").arg(forward.photoId).arg(forward.sha256));
    qint64 offset = state->toObject().value(QStringLiteral("received")).toInteger();
    bool complete = state->toObject().value(QStringLiteral("complete")).toBool();
    int restarts = 0;
    while (!complete) {
        if (cancel.isCancelled())
            return Error::cancelled(tr("The device is stopping."));
        if (offset > size)
            offset = 0;
        // Read past the page cache: the photo was written that way and goes now.
        const Result<FileBytes> piece = PieceFile(buffers).read(stored, offset, ServiceProtocol::ChunkBytes);
        if (!piece)
            return piece.error();
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("size"), QString::number(size));
        query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
        const Result<QJsonValue> answer = client.put(path, query, piece->view());
        if (!answer && answer.error().kind() == Error::Kind::Cancelled && ++restarts < 3) {
            state = client.get(path + QStringLiteral("/received"));   // 409: the device has another length
            if (!state)
                return state.error();
            offset = state->toObject().value(QStringLiteral("received")).toInteger();
            complete = state->toObject().value(QStringLiteral("complete")).toBool();
            continue;
        }
        if (!answer)
            return answer.error();
        offset = answer->toObject().value(QStringLiteral("received")).toInteger();
        complete = answer->toObject().value(QStringLiteral("complete")).toBool();
    }
    return Status::success();
}

// Takes the delivered forwards off the queue, on the settling thread while the lanes
// go on sending (and at the round's end). Rows that cannot go are released for the
// next round, whose target then answers at once that it holds the file.
void Forwarder::settle(Lanes &lanes) const
{
    QMutexLocker lock(&lanes.mutex);
    const QList<Forward> batch = std::exchange(lanes.delivered, {});
    lock.unlock();
    if (batch.isEmpty())
        return;
    QList<qint64> photos;
    QStringList files;
    for (const Forward &forward : batch) {
        photos.append(forward.photoId);
        files.append(forward.sha256);
        qCInfo(lcNet) << "Forwarded photo" << forward.photoId << "to" << forward.toDeviceName;
    }
    const ForwardQueue queue(m_lab.catalog());
    Status settled = queue.delivered(photos);
    if (!settled) {
        const QDateTime next = m_lab.clock().now().addSecs(RetrySeconds);
        for (const Forward &forward : batch) {
            if (Status kept = queue.failed(forward.photoId, settled.error().message(), next); !kept)
                qCWarning(lcNet) << "The forward queue could not note a failure:" << kept.error().message();
        }
    } else if (const Result<int> dropped = LabDevice::dropForwardedCopies(m_lab, files); !dropped) {
        // The store lock keeps a hand-in that stores the same bytes meanwhile from losing them.
        settled = dropped.error();
    }
    lock.relock();
    if (settled) {
        lanes.round.delivered += int(batch.size());
        return;
    }
    lanes.round.failed += int(batch.size());
    lanes.round.errors.append(settled.error().message());
}

} // namespace Keepsake
