// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The customers' web page (claims 11, 12, 16, 17): sign-in with code and PIN (the
// kiosk's lockouts), the albums a person may see, their photos, thumbnails and
// originals, and their notices. Core checks every read with the person's actor.
#include "WebRoutes.h"

#include "AlbumZip.h"
#include "NetLog.h"
#include "NoticeStreams.h"
#include "ServiceCall.h"
#include "ServiceRoutes.h"
#include "WebFront.h"
#include "WebRecords.h"
#include "catalog/Catalog.h"
#include "catalog/PinLockout.h"
#include "lab/Lab.h"
#include "notify/TerminalNotices.h"
#include "store/BlobStore.h"
#include "web/WebAlbums.h"
#include "web/WebStrings.h"

#include <QJsonArray>

namespace Keepsake::WebRoutes {

namespace {

using Method = QHttpServerRequest::Method;
using Access = WebFront::Access;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::WebRoutes)
};

Result<qint64> capturedId(const WebFront::Call &call)
{
    bool valid = false;
    const qint64 id = call.captures.at(0).toLongLong(&valid);
    if (!valid || id <= 0)
        return Error::usage(Tr::tr("\"%1\" is not an ID.").arg(call.captures.at(0).left(40)));
    return id;
}

WebReply signIn(WebFront &front, WebFront::Call &call)
{
    const Result<QJsonObject> body = call.json();
    if (!body)
        return WebReply::fail(body.error());
    const Lab &lab = front.lab();
    // Each address of the page counts as a terminal of its own for the lockouts.
    const QString terminal = QStringLiteral("web@") + call.address.toString();
    const Result<PinLockout::Attempt> attempt = PinLockout(lab.catalog(), lab.clock())
        .signIn(body->value(QStringLiteral("code")).toString().left(64), body->value(QStringLiteral("pin")).toString().left(64),
                terminal);
    if (!attempt)
        return WebReply::fail(attempt.error());
    if (attempt->outcome != PinLockout::Outcome::Accepted) {
        const bool locked = attempt->outcome != PinLockout::Outcome::WrongPin;
        return WebReply::fail(locked ? 429 : 401, locked ? QStringLiteral("locked") : QStringLiteral("refused"),
                              attempt->message);
    }
    const WebSessions sessions(lab.catalog());
    const Result<QString> token = sessions.open(attempt->customerId, {}, WebSessions::Origin::Pin, lab.clock().now());
    if (!token)
        return WebReply::fail(token.error());
    const Result<WebPerson> person = sessions.resolve(*token, lab.clock().now());
    if (!person)
        return WebReply::fail(person.error());
    qCInfo(lcNet) << "Customer" << attempt->customerId << "signed in on the web page from" << call.address.toString();
    WebReply reply = WebReply::json({ { QStringLiteral("me"), WebRecords::me(*person) } });
    reply.headers.emplaceBack("Set-Cookie", WebFront::sessionCookie(*token));
    return reply;
}

WebReply albumPhotos(const Lab &lab, WebFront::Call &call)
{
    const Result<qint64> id = capturedId(call);
    if (!id)
        return WebReply::fail(id.error());
    // Listing an album's photos is looking at it: the person's view counts.
    const Result<WebAlbums::AlbumView> view = WebAlbums(lab.catalog()).open(*call.person, *id, lab.clock());
    if (!view)
        return WebReply::fail(view.error());
    QJsonArray photos;
    for (const PhotoRecord &photo : view->photos)
        photos.append(WebRecords::photo(photo));
    return WebReply::json({ { QStringLiteral("album"), WebRecords::album(view->album, *call.person) },
                            { QStringLiteral("photos"), photos } });
}

WebReply original(const Lab &lab, WebFront::Call &call)
{
    const Result<qint64> id = capturedId(call);
    if (!id)
        return WebReply::fail(id.error());
    const Result<PhotoRecord> photo = WebAlbums(lab.catalog()).photo(*call.person, *id);
    if (!photo)
        return WebReply::fail(photo.error());
    if (!lab.store().contains(photo->sha256))
        return WebReply::fail(404, QStringLiteral("not_found"),
                              Tr::tr("%1 is kept on %2, not on this device: download it there, or ask the lab.")
                                  .arg(photo->name, photo->device));
    WebReply reply;
    reply.filePath = lab.store().pathFor(photo->sha256);
    reply.mimeType = "application/octet-stream";
    reply.downloadName = photo->name;
    return reply;
}

WebReply notices(const Lab &lab, WebFront::Call &call)
{
    const Result<QList<Notice>> list = TerminalNotices(lab.catalog(), lab.clock()).forSelf(call.person->actor(), false);
    if (!list)
        return WebReply::fail(list.error());
    QJsonArray unread;
    QJsonArray read;
    for (const Notice &notice : *list)
        (notice.state == QLatin1String("read") ? read : unread).append(WebRecords::notice(notice));
    for (const QJsonValue &notice : std::as_const(read))
        unread.append(notice);
    return WebReply::json({ { QStringLiteral("notices"), unread } });
}

WebReply thumbnail(const Lab &lab, ThumbnailMaker &thumbnails, WebFront::Call &call)
{
    const Result<qint64> id = capturedId(call);
    if (!id)
        return WebReply::fail(id.error());
    const Result<PhotoRecord> photo = WebAlbums(lab.catalog()).photo(*call.person, *id);
    if (!photo)
        return WebReply::fail(photo.error());
    const ServiceReply made = ServiceRoutes::photoThumbnail(lab, thumbnails, *photo);
    WebReply reply;
    reply.status = made.status;
    reply.filePath = made.filePath;
    reply.mimeType = made.filePath.isEmpty() ? QByteArray("application/json") : made.mimeType;
    reply.body = made.json.toJson(QJsonDocument::Compact);
    return reply;
}

} // namespace

void addSession(WebFront &front)
{
    front.route(Method::Get, QStringLiteral("strings"), Access::Anyone, [&front](WebFront::Call &call) {
        return WebReply::json({ { QStringLiteral("language"), call.language },
                                { QStringLiteral("strings"), WebStrings::all(front.languages().translator(call.language)) } });
    });
    front.route(Method::Post, QStringLiteral("session"), Access::Anyone,
                [&front](WebFront::Call &call) { return signIn(front, call); });
    front.route(Method::Delete, QStringLiteral("session"), Access::Person, [&front](WebFront::Call &call) {
        const Lab &lab = front.lab();
        if (Status closed = WebSessions(lab.catalog()).close(call.sessionToken, lab.clock().now()); !closed)
            return WebReply::fail(closed.error());
        WebReply reply = WebReply::json({ { QStringLiteral("ok"), true } });
        reply.headers.emplaceBack("Set-Cookie", WebFront::endedCookie());
        return reply;
    });
    front.route(Method::Get, QStringLiteral("me"), Access::Person, [](WebFront::Call &call) {
        return WebReply::json({ { QStringLiteral("me"), WebRecords::me(*call.person) } });
    });
}

void addAlbums(WebFront &front, ThumbnailMaker &thumbnails)
{
    const Lab &lab = front.lab();
    front.route(Method::Get, QStringLiteral("albums"), Access::Person, [&lab](WebFront::Call &call) {
        const Result<QList<AlbumSummary>> albums = WebAlbums(lab.catalog()).visible(*call.person);
        if (!albums)
            return WebReply::fail(albums.error());
        QJsonArray list;
        for (const AlbumSummary &album : *albums)
            list.append(WebRecords::album(album, *call.person));
        return WebReply::json({ { QStringLiteral("albums"), list } });
    });
    front.route(Method::Get, QStringLiteral("albums/{}/photos"), Access::Person,
                [&lab](WebFront::Call &call) { return albumPhotos(lab, call); });
    front.route(Method::Get, QStringLiteral("photos/{}/thumbnail"), Access::Person,
                [&lab, &thumbnails](WebFront::Call &call) { return thumbnail(lab, thumbnails, call); });
    front.route(Method::Get, QStringLiteral("photos/{}/original"), Access::Person,
                [&lab](WebFront::Call &call) { return original(lab, call); });
    front.route(Method::Get, QStringLiteral("albums/{}/download"), Access::Person, [&lab](WebFront::Call &call) {
        const Result<qint64> id = capturedId(call);
        if (!id)
            return WebReply::fail(id.error());
        const Result<WebAlbums::AlbumView> view = WebAlbums(lab.catalog()).album(*call.person, *id);
        return view ? AlbumZip::reply(lab, view->album, view->photos) : WebReply::fail(view.error());
    });
    front.route(Method::Get, QStringLiteral("notices"), Access::Person,
                [&lab](WebFront::Call &call) { return notices(lab, call); });
    front.route(Method::Post, QStringLiteral("notices/{}/read"), Access::Person, [&lab](WebFront::Call &call) {
        const Result<qint64> id = capturedId(call);
        if (!id)
            return WebReply::fail(id.error());
        const Status read = TerminalNotices(lab.catalog(), lab.clock()).markRead(call.person->actor(), *id);
        return read ? WebReply::json({ { QStringLiteral("ok"), true } }) : WebReply::fail(read.error());
    });
}

void addEvents(WebFront &front, NoticeStreams &streams)
{
    front.route(Method::Get, QStringLiteral("events"), Access::Person, [&streams](WebFront::Call &call) {
        return streams.open(*call.person, call.sessionToken);
    });
}

} // namespace Keepsake::WebRoutes
