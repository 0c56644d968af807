// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What a kiosk that is the device's client does for its signed-in customer (claim 3):
// their albums as they see them, the owner's changes, sharing, notices, thumbnails,
// and a new customer's registration. Each handler calls the operation of core with the
// caller's actor, so rights are checked where the local kiosk has them checked.
#include "DeviceServer.h"
#include "KioskWire.h"
#include "LabRecords.h"
#include "ServiceProtocol.h"
#include "ServiceRoutes.h"
#include "ThumbnailMaker.h"
#include "base/Time.h"
#include "catalog/AlbumAccess.h"
#include "catalog/AlbumChoices.h"
#include "catalog/AlbumEdits.h"
#include "catalog/AlbumSharing.h"
#include "catalog/Catalog.h"
#include "catalog/CustomerAlbums.h"
#include "catalog/KioskRegistrations.h"
#include "catalog/Settings.h"
#include "lab/Lab.h"
#include "metadata/Thumbnailer.h"
#include "notify/TerminalNotices.h"
#include "print/HandinReceipts.h"
#include "retention/AlbumViews.h"
#include "store/BlobStore.h"

#include <QFileInfo>
#include <QJsonValue>

namespace Keepsake::ServiceRoutes {

namespace {

using Method = QHttpServerRequest::Method;
using Access = DeviceServer::Access;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumRoutes)
};

ServiceReply ok(const Status &status)
{
    return status ? ServiceReply::object({ { QStringLiteral("ok"), true } }) : ServiceReply::fail(status.error());
}

// The ID a route's first "{}" names.
Result<qint64> capturedId(const ServiceRequest &request)
{
    bool valid = false;
    const qint64 id = request.captures.at(0).toLongLong(&valid);
    if (!valid || id <= 0)
        return Error::usage(Tr::tr("\"%1\" is not an ID.").arg(request.captures.at(0).left(40)));
    return id;
}

// An album's ID from the path and the request's JSON body, or the error to answer.
struct AlbumCall
{
    qint64 albumId = 0;
    QJsonObject body;
};

Result<AlbumCall> albumCall(const ServiceRequest &request)
{
    const Result<qint64> id = capturedId(request);
    if (!id)
        return id.error();
    const Result<QJsonObject> body = request.json();
    if (!body)
        return body.error();
    return AlbumCall { *id, *body };
}

ServiceReply view(const Lab &lab, ServiceRequest &request)
{
    const Result<Customer> customer = Customers(lab.catalog()).byCode(request.captures.at(0));
    if (!customer)
        return ServiceReply::fail(customer.error());
    const Result<CustomerAlbumsView> read = CustomerAlbums(lab.catalog()).read(request.caller.actor(), customer->id, false);
    return read ? ServiceReply::object(KioskWire::viewToJson(*read)) : ServiceReply::fail(read.error());
}

ServiceReply registration(const Lab &lab, ServiceRequest &request)
{
    const Result<QJsonObject> body = request.json();
    if (!body)
        return ServiceReply::fail(body.error());
    const KioskSignUp form { body->value(QStringLiteral("name")).toString(), body->value(QStringLiteral("contact")).toString(),
                             body->value(QStringLiteral("pin")).toString(),
                             body->value(QStringLiteral("language")).toString().left(16) };
    const Result<Customer> added = KioskRegistrations(lab.catalog())
                                       .registerAtKiosk(request.caller.actor(), form, lab.clock().now());
    if (!added)
        return ServiceReply::fail(added.error());
    return ServiceReply::object({ { QStringLiteral("customer"), LabRecords::customer(*added) } }, 201);
}

ServiceReply notices(const Lab &lab, ServiceRequest &request)
{
    const Result<Customer> customer = Customers(lab.catalog()).byCode(request.captures.at(0));
    if (!customer)
        return ServiceReply::fail(customer.error());
    const bool unread = request.query(QStringLiteral("unread")) == QLatin1String("1");
    const Result<QList<Notice>> list =
        TerminalNotices(lab.catalog(), lab.clock()).forCustomer(request.caller.actor(), customer->id, unread);
    if (!list)
        return ServiceReply::fail(list.error());
    QJsonArray items;
    for (const Notice &notice : *list)
        items.append(KioskWire::noticeToJson(notice));
    return ServiceReply::object({ { QStringLiteral("notices"), items } });
}

// The photo's grid thumbnail, from the device's thumbnail cache. When missing it is
// made from the stored file, or fetched from the device of the chain that keeps the
// photo, off the service's thread: the answer is then 202 {"pending": true}, and the
// terminal asks again.
ServiceReply thumbnail(const Lab &lab, ThumbnailMaker &thumbnails, ServiceRequest &request)
{
    const Result<qint64> id = capturedId(request);
    if (!id)
        return ServiceReply::fail(id.error());
    const Result<PhotoRecord> photo = Albums(lab.catalog()).photo(*id);
    if (!photo)
        return ServiceReply::fail(photo.error());
    const Result<AlbumAccess::Album> album =
        AlbumAccess::check(lab.catalog().db(), request.caller.actor(), photo->albumId, AlbumAccess::Need::Read);
    if (!album)
        return ServiceReply::fail(album.error());
    return photoThumbnail(lab, thumbnails, *photo);
}

// The signed-in customer opened the album: their view, and the album's date after it.
ServiceReply albumViewed(const Lab &lab, ServiceRequest &request)
{
    const Result<qint64> id = capturedId(request);
    if (!id)
        return ServiceReply::fail(id.error());
    const Result<ViewOutcome> view = AlbumViews(lab.catalog(), lab.clock()).record(request.caller.actor(), *id);
    if (!view)
        return ServiceReply::fail(view.error());
    return ServiceReply::object({ { QStringLiteral("album"), view->albumId },
                                  { QStringLiteral("counted"), view->counted },
                                  { QStringLiteral("moved"), view->moved },
                                  { QStringLiteral("expires"), view->expires.isValid() ? QJsonValue(toCatalogDate(view->expires))
                                                                                       : QJsonValue() },
                                  { QStringLiteral("state"), view->state } });
}

// The receipt of the signed-in customer's hand-in as a PDF, for the kiosk's own printer.
ServiceReply receipt(const Lab &lab, ServiceRequest &request)
{
    const Result<qint64> id = capturedId(request);
    if (!id)
        return ServiceReply::fail(id.error());
    const Result<QByteArray> pdf = HandinReceipts(lab).pdf(request.caller.actor(), *id);
    if (!pdf)
        return ServiceReply::fail(pdf.error());
    ServiceReply reply;
    reply.bytes = *pdf;
    reply.mimeType = "application/pdf";
    return reply;
}

void addChanges(DeviceServer &server, const Lab &lab)
{
    server.route(Method::Post, QStringLiteral("albums/{}/title"), Access::Terminal, [&lab](ServiceRequest &request) {
        const Result<AlbumCall> call = albumCall(request);
        return call ? ok(AlbumEdits(lab.catalog(), request.caller.actor())
                             .rename(call->albumId, call->body.value(QStringLiteral("title")).toString(), lab.clock().now()))
                    : ServiceReply::fail(call.error());
    });
    // Moves the photos named into this album.
    server.route(Method::Post, QStringLiteral("albums/{}/photos"), Access::Terminal, [&lab](ServiceRequest &request) {
        const Result<AlbumCall> call = albumCall(request);
        if (!call)
            return ServiceReply::fail(call.error());
        const QList<qint64> photos = KioskWire::idsFromJson(call->body.value(QStringLiteral("photos")).toArray());
        return ok(AlbumEdits(lab.catalog(), request.caller.actor()).movePhotos(photos, call->albumId, lab.clock().now()));
    });
    server.route(Method::Post, QStringLiteral("albums/{}/cover"), Access::Terminal, [&lab](ServiceRequest &request) {
        const Result<AlbumCall> call = albumCall(request);
        return call ? ok(AlbumChoices(lab.catalog(), request.caller.actor())
                             .setCover(call->albumId, call->body.value(QStringLiteral("photo")).toInteger(), lab.clock().now()))
                    : ServiceReply::fail(call.error());
    });
    server.route(Method::Post, QStringLiteral("albums/{}/selection"), Access::Terminal, [&lab](ServiceRequest &request) {
        const Result<AlbumCall> call = albumCall(request);
        if (!call)
            return ServiceReply::fail(call.error());
        const QList<qint64> photos = KioskWire::idsFromJson(call->body.value(QStringLiteral("photos")).toArray());
        return ok(AlbumChoices(lab.catalog(), request.caller.actor()).setSelection(call->albumId, photos, lab.clock().now()));
    });
    server.route(Method::Post, QStringLiteral("albums/{}/shares"), Access::Terminal, [&lab](ServiceRequest &request) {
        const Result<AlbumCall> call = albumCall(request);
        return call ? ok(AlbumSharing(lab.catalog(), lab.clock())
                             .share(request.caller.actor(), call->albumId, call->body.value(QStringLiteral("viewer")).toString()))
                    : ServiceReply::fail(call.error());
    });
    server.route(Method::Post, QStringLiteral("photos/{}/caption"), Access::Terminal, [&lab](ServiceRequest &request) {
        const Result<AlbumCall> call = albumCall(request);   // the path names the photo
        return call ? ok(AlbumChoices(lab.catalog(), request.caller.actor())
                             .setCaption(call->albumId, call->body.value(QStringLiteral("caption")).toString(), lab.clock().now()))
                    : ServiceReply::fail(call.error());
    });
    server.route(Method::Post, QStringLiteral("albums/{}/views"), Access::Terminal,
                 [&lab](ServiceRequest &request) { return albumViewed(lab, request); });
    server.route(Method::Post, QStringLiteral("notices/{}/read"), Access::Terminal, [&lab](ServiceRequest &request) {
        const Result<qint64> id = capturedId(request);
        return id ? ok(TerminalNotices(lab.catalog(), lab.clock()).markRead(request.caller.actor(), *id))
                  : ServiceReply::fail(id.error());
    });
}

} // namespace

ServiceReply photoThumbnail(const Lab &lab, ThumbnailMaker &thumbnails, const PhotoRecord &photo)
{
    const QString path = lab.thumbnails().path(photo.sha256, Thumbnailer::Size::Grid);
    if (QFileInfo::exists(path))
        return ServiceReply::file(path, "image/jpeg");
    if (lab.store().contains(photo.sha256))
        thumbnails.make(photo.sha256);
    else if (lab.remoteFiles() && lab.isOtherDevice(photo.holder))
        thumbnails.fetch(photo.sha256, photo.holder);
    else
        return ServiceReply::fail(Error::notFound(Tr::tr("The thumbnail of photo %1 is not on this device: its file "
                                                         "is kept on %2.").arg(photo.id).arg(photo.device)));
    return ServiceReply::object(ServiceProtocol::pendingBody(), 202);
}

void addAlbums(DeviceServer &server, const Lab &lab, ThumbnailMaker &thumbnails)
{
    server.route(Method::Get, QStringLiteral("lab"), Access::Terminal, [&lab](ServiceRequest &) {
        const Result<QString> name = Settings(lab.catalog()).value(QStringLiteral("lab.name"));
        return name ? ServiceReply::object({ { QStringLiteral("name"), *name } }) : ServiceReply::fail(name.error());
    });
    server.route(Method::Post, QStringLiteral("registrations"), Access::Terminal,
                 [&lab](ServiceRequest &request) { return registration(lab, request); });
    server.route(Method::Get, QStringLiteral("customers/{}/view"), Access::Terminal,
                 [&lab](ServiceRequest &request) { return view(lab, request); });
    server.route(Method::Get, QStringLiteral("customers/{}/notices"), Access::Terminal,
                 [&lab](ServiceRequest &request) { return notices(lab, request); });
    server.route(Method::Get, QStringLiteral("albums/{}/selection"), Access::Terminal, [&lab](ServiceRequest &request) {
        const Result<qint64> id = capturedId(request);
        if (!id)
            return ServiceReply::fail(id.error());
        const Result<QList<qint64>> selection = AlbumChoices(lab.catalog(), request.caller.actor()).selection(*id);
        return selection ? ServiceReply::object({ { QStringLiteral("photos"), KioskWire::idsToJson(*selection) } })
                         : ServiceReply::fail(selection.error());
    });
    server.route(Method::Get, QStringLiteral("photos/{}/thumbnail"), Access::Terminal,
                 [&lab, &thumbnails](ServiceRequest &request) { return thumbnail(lab, thumbnails, request); });
    server.route(Method::Get, QStringLiteral("handins/{}/receipt"), Access::Terminal,
                 [&lab](ServiceRequest &request) { return receipt(lab, request); });
    addChanges(server, lab);
}

} // namespace Keepsake::ServiceRoutes
