// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceServer.h"
#include "HandinReception.h"
#include "ServiceProtocol.h"
#include "ServiceRoutes.h"

namespace Keepsake::ServiceRoutes {

namespace {

using Method = QHttpServerRequest::Method;
using Access = DeviceServer::Access;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::HandinRoutes)
};

ServiceReply done(const Status &status)
{
    return status ? ServiceReply::object({ { QStringLiteral("ok"), true } }) : ServiceReply::fail(status.error());
}

} // namespace

QString ownerKey(const ServiceCaller &caller)
{
    if (caller.device)
        return QStringLiteral("d:%1").arg(caller.device->id);
    if (caller.terminal)
        return QStringLiteral("t:%1:%2").arg(caller.terminal->id).arg(caller.sessionCustomerId);
    return {};
}

void addHandins(DeviceServer &server, HandinReception &reception)
{
    server.route(Method::Post, QStringLiteral("handins"), Access::Terminal, [&reception](ServiceRequest &request) {
        const Result<QJsonObject> body = request.json();
        if (!body)
            return ServiceReply::fail(body.error());
        HandinReception::Opening opening;
        opening.customerCode = body->value(QStringLiteral("customer")).toString();
        opening.albumTitle = body->value(QStringLiteral("album")).toString().simplified();
        opening.again = body->value(QStringLiteral("again")).toBool();
        opening.thumbnails = body->value(QStringLiteral("thumbnails")).toBool(true);
        opening.source = body->value(QStringLiteral("source")).toString().left(500);
        opening.actor = request.caller.actor();
        opening.owner = ownerKey(request.caller);
        const Result<QString> id = reception.open(opening);
        if (!id)
            return ServiceReply::fail(id.error());
        return ServiceReply::object({ { QStringLiteral("handin"), *id } }, 201);
    });
    server.route(Method::Post, QStringLiteral("handins/{}/offers"), Access::Terminal,
                 [&reception](ServiceRequest &request) {
        const Result<QJsonObject> body = request.json();
        if (!body)
            return ServiceReply::fail(body.error());
        const Result<QJsonArray> answers = reception.offer(request.captures.at(0), ownerKey(request.caller),
                                                           body->value(QStringLiteral("files")).toArray());
        return answers ? ServiceReply::object({ { QStringLiteral("files"), *answers } })
                       : ServiceReply::fail(answers.error());
    });
    server.routeLater(Method::Put, QStringLiteral("handins/{}/files"), Access::Terminal,
                      [&reception](ServiceRequest &request) {
        const QString path = ServiceProtocol::safeRelativePath(request.query(QStringLiteral("path")));
        bool ok = false;
        const qint64 offset = request.query(QStringLiteral("offset")).toLongLong(&ok);
        if (path.isEmpty() || !ok || offset < 0)
            return QtFuture::makeReadyFuture(ServiceReply::fail(
                Error::usage(Tr::tr("A piece of a file needs a safe relative path and an offset."))));
        return reception.receive(request.captures.at(0), ownerKey(request.caller), path, offset, request.http.body(),
                                 request.query(QStringLiteral("sha256")).toLower())
            .then([](const Result<QJsonObject> &got) {
                return got ? ServiceReply::object(*got) : ServiceReply::fail(got.error());
            });
    });
    server.route(Method::Post, QStringLiteral("handins/{}/finish"), Access::Terminal,
                 [&reception](ServiceRequest &request) {
        return done(reception.finish(request.captures.at(0), ownerKey(request.caller)));
    });
    server.route(Method::Post, QStringLiteral("handins/{}/cancel"), Access::Terminal,
                 [&reception](ServiceRequest &request) {
        return done(reception.cancel(request.captures.at(0), ownerKey(request.caller)));
    });
    server.route(Method::Get, QStringLiteral("handins/{}"), Access::Terminal, [&reception](ServiceRequest &request) {
        const Result<QJsonObject> state = reception.state(request.captures.at(0), ownerKey(request.caller),
                                                          request.query(QStringLiteral("after")).toInt());
        return state ? ServiceReply::object(*state) : ServiceReply::fail(state.error());
    });
}

} // namespace Keepsake::ServiceRoutes
