// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServiceCall.h"
#include "base/Error.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QFuture>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QSet>

#include <functional>
#include <vector>

class QSslSocket;

namespace Keepsake {

class Catalog;
class Clock;
class DeviceIdentity;
class GuardedSslServer;
class WebFront;

// The device service's HTTPS front (DESIGN.md, "Network"): QHttpServer 6.4 over TLS
// with the device's own certificate. Every request but GET /health is authenticated —
// a device of the chain by its client certificate, whose fingerprint the catalog
// names; a terminal by its token — and limited in size (the connection guard) and in
// rate (per address). Routes hand the caller to their handler, which calls core's
// operations with the caller's actor; every error goes back as a JSON body.
class DeviceServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    enum class Access {
        Public,     // GET /health only
        Terminal,   // any paired terminal or device
        Clerk,      // counter and station terminals, devices
        Device,     // the chain's devices only
    };
    using Handler = std::function<ServiceReply(ServiceRequest &)>;
    // A handler whose work goes on off the service's thread: the reply goes out when
    // the future has it. It reads the request before it returns; the work does not.
    using LaterHandler = std::function<QFuture<ServiceReply>(ServiceRequest &)>;

    DeviceServer(const Catalog &catalog, qint64 deviceId, const Clock &clock, QObject *parent = nullptr);
    ~DeviceServer() override;

    // Listens with the device's certificate; the port is the one asked for, or a free one.
    Result<quint16> listen(const QHostAddress &address, quint16 port, const DeviceIdentity &identity);
    // pattern: the path below /v1/, "{}" for a part the handler gets in captures.
    void route(QHttpServerRequest::Method method, const QString &pattern, Access access, Handler handler);
    void routeLater(QHttpServerRequest::Method method, const QString &pattern, Access access, LaterHandler handler);
    // The customers' web page answers its own paths (WebFront::isWebPath); none: 404.
    void setWebFront(WebFront *front) { m_web = front; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Route
    {
        QHttpServerRequest::Method method;
        QStringList parts;
        Access access;
        Handler handler;
        LaterHandler later;
    };
    const Route *match(const QHttpServerRequest &request, QStringList &captures, bool &pathKnown) const;
    // Who calls; an error (401) when nobody we know.
    Result<ServiceCaller> authenticate(const QHttpServerRequest &request, QTcpSocket *socket) const;
    bool allowed(const ServiceCaller &caller, Access access) const;
    bool withinRate(const QHostAddress &address, bool failure);
    void send(const QHttpServerRequest &request, QTcpSocket *socket, const ServiceReply &reply);
    void answerLater(const QHttpServerRequest &request, QTcpSocket *socket, QFuture<ServiceReply> reply);

    const Catalog &m_catalog;
    qint64 m_deviceId;
    const Clock &m_clock;
    std::vector<Route> m_routes;
    WebFront *m_web = nullptr;
    struct Bucket { double tokens = 0; QElapsedTimer refilled; int failures = 0; QElapsedTimer failuresSince; };
    QHash<QHostAddress, Bucket> m_buckets;
    QSet<const QTcpSocket *> m_answering;   // connections whose request is still being worked on
};

} // namespace Keepsake
