// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceServer.h"

#include "ConnectionGuard.h"
#include "NetLog.h"
#include "ServiceProtocol.h"
#include "WebFront.h"
#include "base/Clock.h"
#include "catalog/TerminalSessions.h"
#include "lab/DeviceIdentity.h"

#include <QFile>
#include <QHttpServerResponder>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

namespace Keepsake {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DeviceServer)
};

// Per address: a burst of this many requests, refilled at this rate; and after this
// many failed authentications within a minute, nothing more for that minute.
constexpr double BurstRequests = 2000;
constexpr double RequestsPerSecond = 1000;
constexpr int MaxAuthFailuresPerMinute = 30;
// Addresses remembered at most; past that, those quiet for a minute are forgotten.
constexpr qsizetype MaxAddresses = 4096;
// Connections open at once: kiosks, stations, devices, and every customer's open web
// page (each holds one for its live notices).
constexpr int MaxConnections = 256;

QStringList pathParts(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

QString bearerToken(const QHttpServerRequest &request)
{
    const QByteArray value = request.value("Authorization").trimmed();
    if (!value.startsWith("Bearer "))
        return {};
    return QString::fromLatin1(value.mid(7).trimmed());
}

} // namespace

DeviceServer::DeviceServer(const Catalog &catalog, qint64 deviceId, const Clock &clock, QObject *parent)
    : QAbstractHttpServer(parent), m_catalog(catalog), m_deviceId(deviceId), m_clock(clock)
{
}

DeviceServer::~DeviceServer() = default;

Result<quint16> DeviceServer::listen(const QHostAddress &address, quint16 port, const DeviceIdentity &identity)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(identity.certificatePem(), QSsl::Pem));
    tls.setPrivateKey(QSslKey(identity.keyPem(), QSsl::Ec, QSsl::Pem));
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    // Devices of the chain present their certificate; terminals have none. A
    // certificate shown is trusted only when the catalog names its fingerprint.
    tls.setPeerVerifyMode(QSslSocket::QueryPeer);
    if (tls.privateKey().isNull() || tls.localCertificate().isNull())
        return Error::failure(Tr::tr("The device's key or certificate cannot be used for TLS."));
    auto *server = new GuardedSslServer({ ServiceProtocol::MaxRequestBytes, 60'000, MaxConnections }, this);
    server->setSslConfiguration(tls);
    server->setHandshakeTimeout(10'000);
    if (!server->listen(address, port)) {
        const QString reason = server->errorString();
        delete server;
        return Error::failure(Tr::tr("The device service cannot listen on %1 port %2: %3. Is another program "
                                     "using the port?").arg(address.toString()).arg(port).arg(reason));
    }
    bind(server);
    return server->serverPort();
}

void DeviceServer::route(QHttpServerRequest::Method method, const QString &pattern, Access access, Handler handler)
{
    m_routes.push_back({ method, pathParts(pattern), access, std::move(handler), {} });
}

void DeviceServer::routeLater(QHttpServerRequest::Method method, const QString &pattern, Access access,
                              LaterHandler handler)
{
    m_routes.push_back({ method, pathParts(pattern), access, {}, std::move(handler) });
}

const DeviceServer::Route *DeviceServer::match(const QHttpServerRequest &request, QStringList &captures,
                                               bool &pathKnown) const
{
    const QString path = request.url().path();
    pathKnown = false;
    if (!path.startsWith(QLatin1String(ServiceProtocol::ApiPrefix)))
        return nullptr;
    const QStringList parts = pathParts(path.mid(int(qstrlen(ServiceProtocol::ApiPrefix))));
    for (const Route &route : m_routes) {
        QStringList captured;
        if (!ServiceProtocol::matchPath(route.parts, parts, captured))
            continue;
        pathKnown = true;
        if (route.method != request.method())
            continue;
        captures = captured;
        return &route;
    }
    return nullptr;
}

Result<ServiceCaller> DeviceServer::authenticate(const QHttpServerRequest &request, QTcpSocket *socket) const
{
    ServiceCaller caller;
    const auto *tls = qobject_cast<QSslSocket *>(socket);
    const QSslCertificate peer = tls ? tls->peerCertificate() : QSslCertificate();
    if (!peer.isNull()) {
        Result<Device> device = Devices(m_catalog).byFingerprint(DeviceIdentity::fingerprintOf(peer.toDer()));
        if (device && device->id != m_deviceId) {
            caller.device = *device;
            return caller;
        }
    }
    const QString token = bearerToken(request);
    if (token.isEmpty())
        return Error::refused(Tr::tr("This device answers only its paired terminals and the chain's devices: "
                                     "send a terminal token (keepsakectl terminal add)."));
    Result<Terminal> terminal = Terminals(m_catalog).authenticate(m_deviceId, token, m_clock.now());
    if (!terminal)
        return terminal.error();
    caller.terminal = *terminal;
    const QString session = QString::fromLatin1(request.value(ServiceProtocol::SessionHeader).trimmed());
    if (!session.isEmpty()) {
        Result<qint64> customer = TerminalSessions(m_catalog).resolve(terminal->id, session, m_clock.now());
        if (!customer)
            return customer.error();
        caller.sessionCustomerId = *customer;
        caller.sessionToken = session;
    }
    return caller;
}

bool DeviceServer::allowed(const ServiceCaller &caller, Access access) const
{
    switch (access) {
    case Access::Public: return true;
    case Access::Terminal: return caller.isDevice() || caller.terminal.has_value();
    case Access::Clerk: return caller.actsAsClerk();
    case Access::Device: return caller.isDevice();
    }
    return false;
}

bool DeviceServer::withinRate(const QHostAddress &address, bool failure)
{
    if (m_buckets.size() >= MaxAddresses && !m_buckets.contains(address)) {
        m_buckets.removeIf([](const QHash<QHostAddress, Bucket>::iterator it) {
            return it->refilled.elapsed() > 60'000 && it->failures == 0;
        });
    }
    Bucket &bucket = m_buckets[address];
    if (!bucket.refilled.isValid()) {
        bucket.tokens = BurstRequests;
        bucket.refilled.start();
        bucket.failuresSince.start();
    }
    bucket.tokens = std::min(BurstRequests, bucket.tokens + bucket.refilled.restart() / 1000.0 * RequestsPerSecond);
    if (bucket.failuresSince.elapsed() > 60'000) {
        bucket.failures = 0;
        bucket.failuresSince.restart();
    }
    if (failure)
        ++bucket.failures;
    if (bucket.failures > MaxAuthFailuresPerMinute || bucket.tokens < 1)
        return false;
    bucket.tokens -= 1;
    return true;
}

bool DeviceServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (m_answering.contains(socket)) {
        // A second request before the answer to the first: HTTP/1.1 answers in order,
        // and no client of this service sends that way. The connection is closed.
        qCInfo(lcNet) << "Closed a connection from" << request.remoteAddress().toString()
                      << "that sent a request before its last was answered";
        socket->abort();
        return true;
    }
    const QString path = request.url().path();
    if (request.method() == QHttpServerRequest::Method::Get && path == QLatin1String(ServiceProtocol::HealthPath)) {
        send(request, socket, ServiceReply::object({ { QStringLiteral("ok"), true } }));
        return true;
    }
    if (m_web && WebFront::isWebPath(path)) {
        QHttpServerResponder responder = makeResponder(request, socket);
        if (!withinRate(request.remoteAddress(), false)) {
            WebReply::fail(429, QStringLiteral("too_many_requests"), Tr::tr("Too many requests from this address: wait a minute."))
                .send(responder, socket);
            return true;
        }
        m_web->answer(request, request.remoteAddress()).send(responder, socket);
        return true;
    }
    Result<ServiceCaller> caller = authenticate(request, socket);
    if (!withinRate(request.remoteAddress(), !caller)) {
        send(request, socket, ServiceReply::fail(429, QStringLiteral("too_many_requests"),
                                                 Tr::tr("Too many requests from this address: wait a minute.")));
        return true;
    }
    if (!caller) {
        qCInfo(lcNet) << "Refused a request from" << request.remoteAddress().toString() << path;
        send(request, socket, ServiceReply::fail(401, QStringLiteral("unauthorized"), caller.error().message()));
        return true;
    }
    QStringList captures;
    bool pathKnown = false;
    const Route *route = match(request, captures, pathKnown);
    if (!route) {
        send(request, socket, pathKnown
                 ? ServiceReply::fail(405, QStringLiteral("method_not_allowed"), Tr::tr("Method not allowed here."))
                 : ServiceReply::fail(404, QStringLiteral("not_found"), Tr::tr("No such path: %1").arg(path)));
        return true;
    }
    if (!allowed(*caller, route->access)) {
        send(request, socket, ServiceReply::fail(403, QStringLiteral("forbidden"),
                                                 Tr::tr("%1 may not do this.").arg(caller->actor().describe())));
        return true;
    }
    ServiceRequest call { request, captures, *caller };
    if (route->later)
        answerLater(request, socket, route->later(call));
    else
        send(request, socket, route->handler(call));
    return true;
}

// The request stays as it is until the connection sends the next, which it does only
// once answered; it goes when the connection does.
void DeviceServer::answerLater(const QHttpServerRequest &request, QTcpSocket *socket, QFuture<ServiceReply> reply)
{
    m_answering.insert(socket);
    const QPointer<QTcpSocket> alive(socket);
    reply.then(this, [this, &request, socket, alive](const ServiceReply &answer) {
        m_answering.remove(socket);
        if (alive && alive->state() == QAbstractSocket::ConnectedState)
            send(request, alive, answer);
    });
}

void DeviceServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    send(request, socket, ServiceReply::fail(404, QStringLiteral("not_found"), Tr::tr("No such path.")));
}

void DeviceServer::send(const QHttpServerRequest &request, QTcpSocket *socket, const ServiceReply &reply)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    const auto status = QHttpServerResponder::StatusCode(reply.status);
    if (!reply.filePath.isEmpty()) {
        auto *file = new QFile(reply.filePath);
        if (!file->open(QIODevice::ReadOnly)) {
            delete file;
            responder.write(QJsonDocument(ServiceProtocol::errorBody(QStringLiteral("not_found"),
                                                                     Tr::tr("The file is gone."))),
                            QHttpServerResponder::StatusCode::NotFound);
            return;
        }
        responder.write(file, reply.mimeType, status);
        return;
    }
    if (!reply.json.isNull()) {
        responder.write(reply.json, status);
        return;
    }
    responder.write(reply.bytes, reply.mimeType.isEmpty() ? QByteArray("application/octet-stream") : reply.mimeType,
                    status);
}

} // namespace Keepsake
