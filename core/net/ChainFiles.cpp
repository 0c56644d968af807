// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChainFiles.h"

#include "DeviceClient.h"
#include "NetLog.h"
#include "ServiceProtocol.h"
#include "catalog/Devices.h"
#include "lab/Lab.h"
#include "store/Sha256.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonObject>
#include <QThread>
#include <QUrlQuery>

#include <memory>

namespace Keepsake {

ChainFiles::ChainFiles(const Catalog &catalog, DeviceIdentity identity)
    : m_catalog(catalog), m_identity(std::move(identity))
{
}

void ChainFiles::install(Lab &lab)
{
    if (!lab.device())
        return;
    Result<DeviceIdentity> identity = DeviceIdentity::load(lab.dataDir());
    if (!identity) {
        qCWarning(lcNet).noquote() << tr("Device %1 cannot read its own certificate, so it cannot fetch the photos "
                                         "other devices keep: %2").arg(lab.device()->name, identity.error().message());
        return;
    }
    lab.setRemoteFiles(std::make_shared<ChainFiles>(lab.catalog(), std::move(identity).value()));
}

Result<DeviceEndpoint> ChainFiles::endpointOf(const QString &device) const
{
    const Result<Device> known = Devices(m_catalog).byName(device);
    if (!known)
        return known.error();
    return DeviceEndpoint { QUrl(known->url), known->fingerprint, {}, {}, m_identity.certificatePem(),
                            m_identity.keyPem() };
}

Status ChainFiles::fetchFile(const QString &device, const QString &sha256, const QString &target,
                             const CancelToken &cancel) const
{
    const Result<DeviceEndpoint> endpoint = endpointOf(device);
    if (!endpoint)
        return endpoint.error();
    DeviceClient client(*endpoint, &cancel);
    const QString path = QStringLiteral("files/%1").arg(sha256);
    const Result<QJsonValue> state = client.get(path + QStringLiteral("/received"));
    if (!state)
        return state.error();
    if (!state->toObject().value(QStringLiteral("complete")).toBool())
        return Error::notFound(tr("Device %1 does not hold the file %2. Run keepsakectl check on device %1.")
                                   .arg(device, sha256));
    const qint64 size = state->toObject().value(QStringLiteral("received")).toInteger();
    const Status copied = copyPieces(client, device, sha256, size, target);
    if (!copied)
        QFile::remove(target);
    return copied;
}

Status ChainFiles::copyPieces(DeviceClient &client, const QString &device, const QString &sha256, qint64 size,
                              const QString &target) const
{
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error::failure(tr("%1 cannot be written: %2. Make room in the data folder.").arg(target, out.errorString()));
    const QString path = QStringLiteral("files/%1").arg(sha256);
    Sha256 hash;
    qint64 offset = 0;
    while (offset < size) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
        query.addQueryItem(QStringLiteral("length"), QString::number(qMin(ServiceProtocol::ChunkBytes, size - offset)));
        const Result<QByteArray> piece = client.download(path, query);
        if (!piece)
            return piece.error();
        if (piece->isEmpty())
            break;
        if (out.write(*piece) != piece->size())
            return Error::failure(tr("%1 cannot be written: %2. Make room in the data folder.")
                                      .arg(target, out.errorString()));
        hash.add(*piece);
        offset += piece->size();
    }
    if (offset != size || hash.hex() != sha256)
        return Error::failure(tr("The copy of file %1 from device %2 does not match its SHA-256 (%3 of %4 bytes "
                                 "came). Run keepsakectl check on device %2.")
                                  .arg(sha256, device).arg(offset).arg(size));
    if (!out.flush())
        return Error::failure(tr("%1 cannot be written: %2. Make room in the data folder.").arg(target, out.errorString()));
    return Status::success();
}

Result<QByteArray> ChainFiles::fetchThumbnail(const QString &device, const QString &sha256, Thumbnailer::Size size,
                                              const CancelToken &cancel) const
{
    const Result<DeviceEndpoint> endpoint = endpointOf(device);
    if (!endpoint)
        return endpoint.error();
    DeviceClient client(*endpoint, &cancel);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("size"), size == Thumbnailer::Size::Grid ? QStringLiteral("grid")
                                                                               : QStringLiteral("print"));
    // A device that has the file but not yet its thumbnail makes it at once and says so.
    const QDeadlineTimer deadline(ServiceProtocol::PendingWaitMs);
    for (;;) {
        Result<QByteArray> answer = client.download(QStringLiteral("thumbnails/%1").arg(sha256), query);
        if (!answer || !ServiceProtocol::isPending(*answer))
            return answer;
        if (deadline.hasExpired() || cancel.isCancelled())
            return Error::failure(tr("Device %1 is still making the thumbnail of file %2: try again in a moment.")
                                      .arg(device, sha256));
        QThread::msleep(ServiceProtocol::PendingPollMs);   // the other device makes it meanwhile
    }
}

} // namespace Keepsake
