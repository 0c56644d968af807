// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceServer.h"
#include "LabRecords.h"
#include "ServiceRoutes.h"
#include "base/Time.h"
#include "catalog/Albums.h"
#include "catalog/AlbumAccess.h"
#include "catalog/Catalog.h"
#include "catalog/CustomerAlbums.h"
#include "catalog/Customers.h"
#include "catalog/ForwardQueue.h"
#include "catalog/PinLockout.h"
#include "catalog/TerminalSessions.h"
#include "lab/Lab.h"
#include "lab/LabOverview.h"

#include <QJsonArray>

namespace Keepsake::ServiceRoutes {

namespace {

using Method = QHttpServerRequest::Method;
using Access = DeviceServer::Access;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::LabRoutes)
};

ServiceReply albums(const Lab &lab, ServiceRequest &request)
{
    const Result<Customer> customer = Customers(lab.catalog()).byCode(request.captures.at(0));
    if (!customer)
        return ServiceReply::fail(customer.error());
    const bool all = request.query(QStringLiteral("all")) == QLatin1String("1");
    const Result<CustomerAlbumsView> view = CustomerAlbums(lab.catalog()).read(request.caller.actor(), customer->id, all);
    if (!view)
        return ServiceReply::fail(view.error());
    QJsonArray items;
    for (const AlbumSummary &album : view->albums)
        items.append(LabRecords::album(album));
    return ServiceReply::object({ { QStringLiteral("albums"), items } });
}

ServiceReply photos(const Lab &lab, ServiceRequest &request)
{
    bool ok = false;
    const qint64 albumId = request.captures.at(0).toLongLong(&ok);
    if (!ok)
        return ServiceReply::fail(Error::usage(Tr::tr("An album is named by its ID here.")));
    const Result<AlbumAccess::Album> album =
        AlbumAccess::check(lab.catalog().db(), request.caller.actor(), albumId, AlbumAccess::Need::Read);
    if (!album)
        return ServiceReply::fail(album.error());
    const Result<QList<PhotoRecord>> photos = Albums(lab.catalog()).photos(albumId);
    if (!photos)
        return ServiceReply::fail(photos.error());
    QJsonArray items;
    for (const PhotoRecord &photo : *photos)
        items.append(LabRecords::photo(photo));
    return ServiceReply::object({ { QStringLiteral("album"), album->id }, { QStringLiteral("title"), album->title },
                                  { QStringLiteral("photos"), items } });
}

ServiceReply signIn(const Lab &lab, ServiceRequest &request)
{
    if (!request.caller.terminal || request.caller.terminal->kind != Terminal::Kind::Kiosk)
        return ServiceReply::fail(Error::refused(Tr::tr("Customers sign in at a kiosk terminal.")));
    const Result<QJsonObject> body = request.json();
    if (!body)
        return ServiceReply::fail(body.error());
    const QString terminal = QStringLiteral("kiosk@%1").arg(request.caller.terminal->name);
    const Result<PinLockout::Attempt> attempt = PinLockout(lab.catalog(), lab.clock())
        .signIn(body->value(QStringLiteral("code")).toString(), body->value(QStringLiteral("pin")).toString(), terminal);
    if (!attempt)
        return ServiceReply::fail(attempt.error());
    if (attempt->outcome != PinLockout::Outcome::Accepted) {
        return ServiceReply::object(
            { { QStringLiteral("error"), QJsonObject { { QStringLiteral("code"), QStringLiteral("sign_in_refused") },
                                                       { QStringLiteral("message"), attempt->message } } },
              { QStringLiteral("attempts_left"), attempt->attemptsLeft },
              { QStringLiteral("locked_until"), attempt->lockedUntil.isValid()
                                                    ? QJsonValue(toCatalogTime(attempt->lockedUntil)) : QJsonValue() } },
            403);
    }
    const Result<QString> session = TerminalSessions(lab.catalog()).open(request.caller.terminal->id,
                                                                          attempt->customerId, lab.clock().now());
    if (!session)
        return ServiceReply::fail(session.error());
    const Result<Customer> customer = Customers(lab.catalog()).byId(attempt->customerId);
    return ServiceReply::object({ { QStringLiteral("session"), *session },
                                  { QStringLiteral("customer"), customer ? LabRecords::customer(*customer) : QJsonObject() } },
                                201);
}

ServiceReply queue(const Lab &lab)
{
    if (!lab.device())
        return ServiceReply::object({ { QStringLiteral("queue"), QJsonArray() } });
    const Result<QList<Forward>> pending = ForwardQueue(lab.catalog()).pending(lab.device()->id);
    if (!pending)
        return ServiceReply::fail(pending.error());
    QJsonArray items;
    for (const Forward &forward : *pending)
        items.append(LabRecords::forward(forward));
    return ServiceReply::object({ { QStringLiteral("queue"), items } });
}

} // namespace

void addLab(DeviceServer &server, const Lab &lab)
{
    server.route(Method::Get, QStringLiteral("customers/{}/albums"), Access::Terminal,
                 [&lab](ServiceRequest &request) { return albums(lab, request); });
    server.route(Method::Get, QStringLiteral("albums/{}/photos"), Access::Terminal,
                 [&lab](ServiceRequest &request) { return photos(lab, request); });
    server.route(Method::Post, QStringLiteral("sessions"), Access::Terminal,
                 [&lab](ServiceRequest &request) { return signIn(lab, request); });
    server.route(Method::Delete, QStringLiteral("sessions"), Access::Terminal, [&lab](ServiceRequest &request) {
        if (request.caller.sessionToken.isEmpty())
            return ServiceReply::object({ { QStringLiteral("ok"), true } });
        const Status closed = TerminalSessions(lab.catalog()).close(request.caller.sessionToken, lab.clock().now());
        return closed ? ServiceReply::object({ { QStringLiteral("ok"), true } }) : ServiceReply::fail(closed.error());
    });
    server.route(Method::Get, QStringLiteral("queue"), Access::Clerk, [&lab](ServiceRequest &) { return queue(lab); });
    server.route(Method::Get, QStringLiteral("status"), Access::Clerk, [&lab](ServiceRequest &) {
        const Result<LabOverview> overview = LabOverview::read(lab);
        return overview ? ServiceReply::object(LabRecords::overview(*overview)) : ServiceReply::fail(overview.error());
    });
}

} // namespace Keepsake::ServiceRoutes
