// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QUrl>
#include <QUrlQuery>

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

// A client of a device service over HTTPS (QNetworkAccessManager). Each call waits for
// its answer in a local event loop — keepsakectl's commands and the workers of the
// windows call it from their own thread, which owns the client. The device's
// certificate must have the pinned fingerprint: otherwise the connection is dropped
// before a byte of the request goes out, whatever the certificate's issuer or dates.
class DeviceClient
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DeviceClient)

public:
    explicit DeviceClient(DeviceEndpoint endpoint, const CancelToken *cancel = nullptr);
    ~DeviceClient();

    const DeviceEndpoint &endpoint() const { return m_endpoint; }
    void setSession(const QString &session) { m_endpoint.session = session; }
    // How long a request may go without a byte moving before it fails (60 s unless set).
    void setTransferTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    Result<QJsonValue> get(const QString &path, const QUrlQuery &query = {});
    Result<QJsonValue> post(const QString &path, const QJsonObject &body);
    // Raw bytes (a piece of a photo) to a path.
    Result<QJsonValue> put(const QString &path, const QUrlQuery &query, const QByteArray &bytes);
    // Raw bytes from a path (a piece of a photo, a thumbnail).
    Result<QByteArray> download(const QString &path, const QUrlQuery &query = {});
    Result<QJsonValue> remove(const QString &path);

private:
    enum class Verb { Get, Post, Put, Delete };
    Result<QByteArray> exchange(Verb verb, const QString &path, const QUrlQuery &query, const QByteArray &body,
                                const QByteArray &contentType);
    QNetworkRequest request(const QString &path, const QUrlQuery &query) const;
    QString where() const;

    DeviceEndpoint m_endpoint;
    const CancelToken *m_cancel;
    int m_timeoutMs;
    QNetworkAccessManager m_network;
    QString m_pinFailure;   // set when the device showed another certificate
};

} // namespace Keepsake
