// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace Keepsake {

// Where a client reaches a device and how it proves who it is (CLI.md, "Client
// mode"): the device's URL and the fingerprint of its certificate, pinned; a
// terminal's token, or — device to device — the calling device's own certificate.
struct DeviceEndpoint
{
    QUrl url;
    QString fingerprint;          // 64 hex digits
    QString token;                // a terminal's
    QString session;              // a kiosk's signed-in customer
    QByteArray certificatePem;    // a device's own, shown as client certificate
    QByteArray keyPem;
};

// A client of a device service over HTTPS, through libcurl. Each call blocks until its
// answer is in, in the calling thread (keepsakectl's commands, the windows' workers),
// with no event loop: one connection is kept and reused while the client lives. The
// device's certificate must have the pinned fingerprint: otherwise the TLS handshake
// fails before a byte of the request goes out, whatever the certificate's issuer,
// names or dates.
//
// (QNetworkAccessManager carried a photo's bytes in 16 KiB pieces between its own
// thread and the caller's, two system calls a piece: 1.4 GB took 23 s on loopback,
// against 2 s now.)
class DeviceClient
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DeviceClient)

public:
    explicit DeviceClient(DeviceEndpoint endpoint, const CancelToken *cancel = nullptr);
    ~DeviceClient();
    DeviceClient(const DeviceClient &) = delete;
    DeviceClient &operator=(const DeviceClient &) = delete;

    const DeviceEndpoint &endpoint() const { return m_endpoint; }
    void setSession(const QString &session) { m_endpoint.session = session; }
    // A second token that stops its calls too (a job's own beside the window's or Ctrl-C's).
    void alsoCancelledBy(const CancelToken *cancel) { m_alsoCancel = cancel; }
    const CancelToken *cancelToken() const { return m_cancel; }
    // How long a request may go without a byte moving (default 60 s).
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    // Whether the device answered the last request (with any status): false when it
    // could not be reached, or the connection broke.
    bool answered() const { return m_answered; }

    // GET /health: whether the device answers, with the pinned certificate.
    Status health();
    Result<QJsonValue> get(const QString &path, const QUrlQuery &query = {});
    Result<QJsonValue> post(const QString &path, const QJsonObject &body);
    // Raw bytes (a piece of a photo) to a path.
    Result<QJsonValue> put(const QString &path, const QUrlQuery &query, const QByteArray &bytes);
    // Raw bytes from a path (a piece of a photo, a thumbnail).
    Result<QByteArray> download(const QString &path, const QUrlQuery &query = {});
    Result<QJsonValue> remove(const QString &path);

private:
    enum class Verb { Get, Post, Put, Delete };
    Result<QByteArray> exchange(Verb verb, const QUrl &url, const QByteArray &body, const QByteArray &contentType);
    Result<QByteArray> answerOf(int status, const QByteArray &answer) const;
    QUrl urlFor(const QString &path, const QUrlQuery &query) const;
    QString where() const;

public:
    struct Transfer;   // one request's state, for libcurl's callbacks (DeviceClient.cpp)

private:
    struct Handle;
    DeviceEndpoint m_endpoint;
    const CancelToken *m_cancel;
    const CancelToken *m_alsoCancel = nullptr;
    std::unique_ptr<Handle> m_handle;
    int m_timeoutMs = 60'000;
    bool m_answered = false;
};

} // namespace Keepsake
