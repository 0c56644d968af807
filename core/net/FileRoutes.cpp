// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceServer.h"
#include "NetLog.h"
#include "ServiceProtocol.h"
#include "ServiceRoutes.h"
#include "ThumbnailMaker.h"
#include "lab/Lab.h"
#include "metadata/Thumbnailer.h"
#include "store/BlobStore.h"
#include "store/PieceFile.h"
#include "store/Sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent>

#include <memory>

namespace Keepsake::ServiceRoutes {

namespace {

using Method = QHttpServerRequest::Method;
using Access = DeviceServer::Access;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::FileRoutes)
};

bool isSha256(const QString &text)
{
    if (text.size() != 64)
        return false;
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
    });
}

QJsonObject received(const BlobStore &store, const QString &sha)
{
    if (store.contains(sha))
        return { { QStringLiteral("complete"), true }, { QStringLiteral("received"), QFileInfo(store.pathFor(sha)).size() } };
    return { { QStringLiteral("complete"), false }, { QStringLiteral("received"), QFileInfo(store.incomingPath(sha)).size() } };
}

// The pieces of forwarded files, taken in off the service's thread: written with
// direct I/O (PieceFile), and the last one made whole, verified and durable, each
// file's flushes beside the other lanes'. One piece of a file at a time.
class ForwardedPieces
{
public:
    ForwardedPieces(const Lab &lab, ThumbnailMaker &thumbnails) : m_lab(lab), m_thumbnails(thumbnails)
    {
        m_pool.setMaxThreadCount(4);
        m_writers.setMaxThreadCount(4);
    }

    QFuture<ServiceReply> receive(ServiceRequest &request)
    {
        const QString sha = request.captures.at(0);
        bool sizeOk = false;
        bool offsetOk = false;
        const qint64 size = request.query(QStringLiteral("size")).toLongLong(&sizeOk);
        const qint64 offset = request.query(QStringLiteral("offset")).toLongLong(&offsetOk);
        if (!isSha256(sha) || !sizeOk || !offsetOk || size <= 0 || offset < 0)
            return ready(ServiceReply::fail(Error::usage(Tr::tr("A piece of a file needs its SHA-256, size and offset."))));
        const BlobStore &store = m_lab.store();
        if (store.contains(sha))
            return ready(ServiceReply::object(received(store, sha)));
        const QString temp = store.incomingPath(sha);
        QDir().mkpath(QFileInfo(temp).path());
        const QByteArray bytes = request.http.body();
        {
            QMutexLocker lock(&m_mutex);
            if (m_busy.contains(sha) || offset != QFileInfo(temp).size() || offset + bytes.size() > size)
                return ready(ServiceReply::object(received(store, sha), 409));
            m_busy.insert(sha);
        }
        const QString caller = request.caller.describe();
        return QtConcurrent::run(&m_pool, [this, sha, temp, offset, size, bytes, caller] {
            ServiceReply reply = takeIn(sha, temp, offset, size, bytes, caller);
            QMutexLocker lock(&m_mutex);
            m_busy.remove(sha);
            return reply;
        });
    }

private:
    static QFuture<ServiceReply> ready(ServiceReply reply) { return QtFuture::makeReadyFuture(std::move(reply)); }

    ServiceReply takeIn(const QString &sha, const QString &temp, qint64 offset, qint64 size, const QByteArray &bytes,
                        const QString &caller)
    {
        const BlobStore &store = m_lab.store();
        // A file of one piece is hashed from memory while it goes to the disk; one of
        // several is read back.
        QFuture<Status> writing = QtConcurrent::run(&m_writers, [this, temp, offset, bytes] {
            return PieceFile(m_buffers).write(temp, offset, bytes);
        });
        const bool whole = offset == 0 && bytes.size() == size;
        const QString digest = whole ? Sha256::of(bytes) : QString();
        if (Status written = writing.result(); !written)
            return ServiceReply::fail(Error::failure(Tr::tr("%1 Make room on the device's disk.").arg(written.error().message())));
        if (offset + bytes.size() == size) {
            if (Status adopted = store.adopt(sha, digest); !adopted)
                return ServiceReply::fail(adopted.error());
            qCInfo(lcNet) << "Received" << sha << "from" << caller;
            m_thumbnails.makeWhenQuiet(sha);   // made where the file lands, once files stop arriving
        }
        return ServiceReply::object(received(store, sha));
    }

    const Lab &m_lab;
    ThumbnailMaker &m_thumbnails;
    FileBytesPool m_buffers { 4 };
    QMutex m_mutex;
    QSet<QString> m_busy;   // files with a piece being taken in
    QThreadPool m_writers;  // the pieces' writes, beside their hashing
    QThreadPool m_pool;     // last: waits for its work first
};

ServiceReply sendPiece(const Lab &lab, ServiceRequest &request)
{
    const QString sha = request.captures.at(0);
    const qint64 offset = request.query(QStringLiteral("offset")).toLongLong();
    const qint64 length = std::min(request.query(QStringLiteral("length")).toLongLong(), ServiceProtocol::ChunkBytes);
    if (!isSha256(sha) || offset < 0 || length <= 0)
        return ServiceReply::fail(Error::usage(Tr::tr("A piece of a file needs its SHA-256, offset and length.")));
    QFile file(lab.store().pathFor(sha));
    if (!file.open(QIODevice::ReadOnly))
        return ServiceReply::fail(Error::notFound(Tr::tr("This device does not hold the file %1.").arg(sha)));
    if (!file.seek(offset))
        return ServiceReply::fail(Error::usage(Tr::tr("The offset lies past the file's end.")));
    ServiceReply reply;
    reply.bytes = file.read(length);
    reply.mimeType = "application/octet-stream";
    return reply;
}

// The thumbnail this device made of a file it keeps, for another device showing the
// photo (size=grid, the default, or print). Not made yet: it is made now, on the
// maker's thread, and the caller asked to come back (202, {"pending": true}).
ServiceReply sendThumbnail(const Lab &lab, ThumbnailMaker &thumbnails, ServiceRequest &request)
{
    const QString sha = request.captures.at(0);
    const QString sizeName = request.query(QStringLiteral("size"));
    if (!isSha256(sha) || !(sizeName.isEmpty() || sizeName == QLatin1String("grid") || sizeName == QLatin1String("print")))
        return ServiceReply::fail(Error::usage(Tr::tr("A thumbnail is named by its file's SHA-256, and its size is "
                                                      "grid or print.")));
    const Thumbnailer::Size size = sizeName == QLatin1String("print") ? Thumbnailer::Size::Print : Thumbnailer::Size::Grid;
    // Both sizes, or neither: the maker writes one after the other, and a device that
    // got one size is told the other is there too.
    if (lab.thumbnails().has(sha))
        return ServiceReply::file(lab.thumbnails().path(sha, size), "image/jpeg");
    if (!lab.store().contains(sha))
        return ServiceReply::fail(Error::notFound(Tr::tr("This device does not keep the file %1, so it has no "
                                                         "thumbnail of it.").arg(sha)));
    thumbnails.make(sha);
    return ServiceReply::object(ServiceProtocol::pendingBody(), 202);
}

} // namespace

void addFiles(DeviceServer &server, const Lab &lab, ThumbnailMaker &thumbnails)
{
    auto pieces = std::make_shared<ForwardedPieces>(lab, thumbnails);
    server.routeLater(Method::Put, QStringLiteral("files/{}"), Access::Device, [pieces](ServiceRequest &request) {
        return pieces->receive(request);
    });
    server.route(Method::Get, QStringLiteral("files/{}/received"), Access::Device, [&lab](ServiceRequest &request) {
        const QString sha = request.captures.at(0);
        if (!isSha256(sha))
            return ServiceReply::fail(Error::usage(Tr::tr("Name a file by its SHA-256.")));
        return ServiceReply::object(received(lab.store(), sha));
    });
    server.route(Method::Get, QStringLiteral("files/{}"), Access::Device,
                 [&lab](ServiceRequest &request) { return sendPiece(lab, request); });
    server.route(Method::Get, QStringLiteral("thumbnails/{}"), Access::Device, [&lab, &thumbnails](ServiceRequest &request) {
        return sendThumbnail(lab, thumbnails, request);
    });
}

} // namespace Keepsake::ServiceRoutes
