// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebFront.h"

#include "NetLog.h"
#include "ServiceProtocol.h"
#include "catalog/WebLinks.h"
#include "lab/Lab.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace Keepsake {

namespace {

constexpr char ApiPrefix[] = "/web/v1/";

QStringList pathParts(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

QByteArray mimeTypeOf(const QString &name)
{
    if (name.endsWith(QLatin1String(".html")))
        return "text/html; charset=utf-8";
    if (name.endsWith(QLatin1String(".js")))
        return "text/javascript; charset=utf-8";
    if (name.endsWith(QLatin1String(".css")))
        return "text/css; charset=utf-8";
    if (name.endsWith(QLatin1String(".svg")))
        return "image/svg+xml";
    return "image/png";
}

} // namespace

QString WebFront::Call::query(const QString &name) const
{
    return http.query().queryItemValue(name, QUrl::FullyDecoded);
}

Result<QJsonObject> WebFront::Call::json() const
{
    return ServiceProtocol::jsonBody(http.body());
}

WebFront::WebFront(const Lab &lab) : m_lab(lab)
{
}

WebFront::~WebFront() = default;

bool WebFront::isWebPath(const QString &path)
{
    return path == QLatin1String(PagePath).chopped(1) || path.startsWith(QLatin1String(PagePath));
}

void WebFront::route(QHttpServerRequest::Method method, const QString &pattern, Access access, Handler handler)
{
    m_routes.push_back({ method, pathParts(pattern), access, std::move(handler) });
}

QByteArray WebFront::sessionCookie(const QString &token)
{
    return QByteArray(CookieName) + '=' + token.toLatin1() + "; Path=/web; HttpOnly; Secure; SameSite=Strict; Max-Age="
        + QByteArray::number(WebSessions::MaxHours * 3600);
}

QByteArray WebFront::endedCookie()
{
    return QByteArray(CookieName) + "=; Path=/web; HttpOnly; Secure; SameSite=Strict; Max-Age=0";
}

QString WebFront::cookie(const QHttpServerRequest &request)
{
    const QList<QByteArray> pairs = request.value("Cookie").split(';');
    for (const QByteArray &pair : pairs) {
        const QByteArray trimmed = pair.trimmed();
        if (trimmed.startsWith(QByteArray(CookieName) + '='))
            return QString::fromLatin1(trimmed.mid(qstrlen(CookieName) + 1));
    }
    return {};
}

WebReply WebFront::answer(const QHttpServerRequest &request, const QHostAddress &address)
{
    const QString path = request.url().path();
    if (path.startsWith(QLatin1String(ApiPrefix)))
        return api(request, address);
    if (request.method() != QHttpServerRequest::Method::Get)
        return WebReply::fail(405, QStringLiteral("method_not_allowed"), tr("Method not allowed here."));
    const QString below = path.mid(int(qstrlen(PagePath)));   // "", "app.js", "u/TOKEN", "l/TOKEN"
    if (below.startsWith(QLatin1String("l/")))
        return link(below.mid(2));
    return page(below);
}

WebReply WebFront::page(const QString &below) const
{
    static const QRegularExpression fileName(QStringLiteral("^[a-z0-9-]+\\.(js|css|svg|png|html)$"));
    QString name;
    if (below.isEmpty())
        name = QStringLiteral("index.html");
    else if (below.startsWith(QLatin1String("u/")) && !below.mid(2).contains(QLatin1Char('/')))
        name = QStringLiteral("upload.html");
    else if (fileName.match(below).hasMatch())
        name = below;
    QFile file(QStringLiteral(":/web/") + name);
    if (name.isEmpty() || !file.open(QIODevice::ReadOnly))
        return WebReply::fail(404, QStringLiteral("not_found"), tr("No such page: %1").arg(below.left(200)));
    WebReply reply;
    reply.body = file.readAll();
    reply.mimeType = mimeTypeOf(name);
    reply.cacheable = true;
    return reply;
}

WebReply WebFront::link(const QString &token)
{
    const Result<QString> session = WebLinks(m_lab.catalog()).redeem(token, m_lab.clock().now());
    if (!session) {
        qCInfo(lcNet) << "A one-time link was refused:" << session.error().message();
        return WebReply::redirect(QLatin1String(PagePath) + QStringLiteral("?link=used"));
    }
    WebReply reply = WebReply::redirect(QLatin1String(PagePath));
    reply.headers.emplaceBack("Set-Cookie", sessionCookie(*session));
    return reply;
}

WebReply WebFront::api(const QHttpServerRequest &request, const QHostAddress &address)
{
    // A request that changes something must come from the page's own script: a form
    // or a link of another site cannot set this header.
    if (request.method() != QHttpServerRequest::Method::Get && request.value("X-Keepsake") != "1")
        return WebReply::fail(403, QStringLiteral("forbidden"), tr("This request did not come from the lab's page."));
    const QStringList parts = pathParts(request.url().path().mid(int(qstrlen(ApiPrefix))));
    bool pathKnown = false;
    for (const Route &route : m_routes) {
        QStringList captured;
        if (!ServiceProtocol::matchPath(route.parts, parts, captured))
            continue;
        pathKnown = true;
        if (route.method != request.method())
            continue;
        Call call { request, captured, address, std::nullopt, cookie(request), {} };
        if (route.access == Access::Person) {
            Result<WebPerson> person = WebSessions(m_lab.catalog()).resolve(call.sessionToken, m_lab.clock().now());
            if (!person) {
                WebReply refused = WebReply::fail(401, QStringLiteral("unauthorized"), person.error().message());
                refused.headers.emplaceBack("Set-Cookie", endedCookie());
                return refused;
            }
            call.person = *person;
        }
        call.language = WebLanguage::choose(call.person ? call.person->language : QString(),
                                            call.query(QStringLiteral("lang")), request.value("Accept-Language"));
        return route.handler(call);
    }
    return pathKnown ? WebReply::fail(405, QStringLiteral("method_not_allowed"), tr("Method not allowed here."))
                     : WebReply::fail(404, QStringLiteral("not_found"), tr("No such path: %1").arg(parts.join(QLatin1Char('/')).left(200)));
}

} // namespace Keepsake
