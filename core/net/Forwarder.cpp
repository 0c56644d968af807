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

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QUrlQuery>

#include <map>
#include <memory>

namespace Keepsake {

namespace {

constexpr int ClaimMinutes = 10;
constexpr int FilesPerRound = 200;

} // namespace

Forwarder::Forwarder(const Lab &lab, DeviceIdentity identity) : m_lab(lab), m_identity(std::move(identity)) { }

Result<Forwarder::Round> Forwarder::run(const CancelToken &cancel) const
{
    Round round;
    if (!m_lab.device())
        return round;
    const QDateTime now = m_lab.clock().now();
    const QString claimer = QStringLiteral("%1:%2").arg(m_lab.device()->name).arg(QCoreApplication::applicationPid());
    const ForwardQueue queue(m_lab.catalog());
    const Result<QList<Forward>> due = queue.claimDue(m_lab.device()->id, claimer, now,
                                                      now.addSecs(ClaimMinutes * 60), FilesPerRound);
    if (!due)
        return due.error();
    std::map<qint64, std::unique_ptr<DeviceClient>> clients;   // one per target device
    QHash<qint64, QString> unreachable;                           // a target that failed once this round
    for (const Forward &forward : *due) {
        Status sent = Status::success();
        if (cancel.isCancelled()) {
            sent = Error::cancelled(tr("The device is stopping."));
        } else if (unreachable.contains(forward.toDeviceId)) {
            sent = Error::failure(unreachable.value(forward.toDeviceId));
        } else {
            auto &client = clients[forward.toDeviceId];
            if (!client) {
                const Result<Device> target = Devices(m_lab.catalog()).byId(forward.toDeviceId);
                if (!target) {
                    sent = target.error();
                } else {
                    client = std::make_unique<DeviceClient>(
                        DeviceEndpoint { QUrl(target->url), target->fingerprint, {}, {},
                                         m_identity.certificatePem(), m_identity.keyPem() }, &cancel);
                }
            }
            if (sent)
                sent = deliver(*client, forward, cancel);
            if (sent)
                sent = afterDelivery(forward);
            else if (sent.error().kind() == Error::Kind::Failure)
                unreachable.insert(forward.toDeviceId, sent.error().message());
        }
        if (sent) {
            ++round.delivered;
            continue;
        }
        ++round.failed;
        round.errors.append(sent.error().message());
        const QDateTime next = m_lab.clock().now().addSecs(RetrySeconds);
        if (Status kept = queue.failed(forward.photoId, sent.error().message(), next); !kept)
            qCWarning(lcNet) << "The forward queue could not note a failure:" << kept.error().message();
    }
    return round;
}

Status Forwarder::deliver(DeviceClient &client, const Forward &forward, const CancelToken &cancel) const
{
    const QString path = QStringLiteral("files/%1").arg(forward.sha256);
    Result<QJsonValue> state = client.get(path + QStringLiteral("/received"));
    if (!state)
        return state.error();
    QFile file(m_lab.store().pathFor(forward.sha256));
    if (!file.open(QIODevice::ReadOnly))
        return Error::failure(tr("The file of photo %1 (%2) is missing from this device's store: run keepsakectl "
                                 "check.").arg(forward.photoId).arg(forward.sha256));
    qint64 offset = state->toObject().value(QStringLiteral("received")).toInteger();
    bool complete = state->toObject().value(QStringLiteral("complete")).toBool();
    int restarts = 0;
    while (!complete) {
        if (cancel.isCancelled())
            return Error::cancelled(tr("The device is stopping."));
        if (offset > file.size() || !file.seek(offset))
            offset = 0;
        const QByteArray piece = file.read(ServiceProtocol::ChunkBytes);
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("size"), QString::number(file.size()));
        query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
        const Result<QJsonValue> answer = client.put(path, query, piece);
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

Status Forwarder::afterDelivery(const Forward &forward) const
{
    const ForwardQueue queue(m_lab.catalog());
    if (Status gone = queue.delivered(forward.photoId); !gone)
        return gone;
    qCInfo(lcNet) << "Forwarded photo" << forward.photoId << "to" << forward.toDeviceName;
    // The store lock keeps a hand-in that stores the same bytes meanwhile from losing them.
    const Result<bool> dropped = LabDevice::dropForwardedCopy(m_lab, forward.sha256);
    return dropped ? Status::success() : Status(dropped.error());
}

} // namespace Keepsake
