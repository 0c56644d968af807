// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceClient.h"

#include "NetLog.h"
#include "ServiceProtocol.h"
#include "lab/DeviceIdentity.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>

namespace Keepsake {

namespace {

constexpr int TransferTimeoutMs = 60'000;
constexpr int CancelPollMs = 100;

Result<QJsonValue> parse(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return QJsonValue();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return Error::failure(DeviceClient::tr("The device answered something that is not JSON."));
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

} // namespace

DeviceClient::DeviceClient(DeviceEndpoint endpoint, const CancelToken *cancel)
    : m_endpoint(std::move(endpoint)), m_cancel(cancel), m_timeoutMs(TransferTimeoutMs)
{
    m_endpoint.fingerprint = DeviceIdentity::normalizedFingerprint(m_endpoint.fingerprint);
    m_network.setAutoDeleteReplies(false);
}

DeviceClient::~DeviceClient() = default;

QString DeviceClient::where() const
{
    return m_endpoint.url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery);
}

QNetworkRequest DeviceClient::request(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_endpoint.url;
    url.setPath(QLatin1String(ServiceProtocol::ApiPrefix) + path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_endpoint.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_endpoint.token.toLatin1());
    if (!m_endpoint.session.isEmpty())
        request.setRawHeader(ServiceProtocol::SessionHeader, m_endpoint.session.toLatin1());
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    if (!m_endpoint.certificatePem.isEmpty()) {
        tls.setLocalCertificate(QSslCertificate(m_endpoint.certificatePem, QSsl::Pem));
        tls.setPrivateKey(QSslKey(m_endpoint.keyPem, QSsl::Ec, QSsl::Pem));
    }
    request.setSslConfiguration(tls);
    return request;
}

Result<QByteArray> DeviceClient::exchange(Verb verb, const QString &path, const QUrlQuery &query,
                                          const QByteArray &body, const QByteArray &contentType)
{
    if (m_endpoint.fingerprint.isEmpty())
        return Error::usage(tr("The device's certificate fingerprint is missing or malformed: give the 64 hex "
                               "digits that device init or terminal add printed (--fingerprint)."));
    if (m_cancel && m_cancel->isCancelled())
        return Error::cancelled(tr("Cancelled."));
    QNetworkRequest req = request(path, query);
    if (!contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = verb == Verb::Get ? m_network.get(req)
                         : verb == Verb::Post ? m_network.post(req, body)
                         : verb == Verb::Put ? m_network.put(req, body)
                                             : m_network.deleteResource(req);
    std::unique_ptr<QNetworkReply> owner(reply);
    m_pinFailure.clear();
    auto pinned = [this](const QSslCertificate &certificate) {
        const QString shown = DeviceIdentity::fingerprintOf(certificate.toDer());
        if (shown == m_endpoint.fingerprint)
            return true;
        m_pinFailure = tr("The device at %1 shows a certificate with fingerprint %2, not the pinned %3: nothing "
                          "was sent. Check the device's address and fingerprint (keepsakectl device list on the "
                          "device).").arg(where(), shown, m_endpoint.fingerprint);
        return false;
    };
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply, pinned](const QList<QSslError> &errors) {
        if (!errors.isEmpty() && pinned(errors.first().certificate().isNull()
                                            ? reply->sslConfiguration().peerCertificate()
                                            : errors.first().certificate()))
            reply->ignoreSslErrors(errors);
    });
    QObject::connect(reply, &QNetworkReply::encrypted, reply, [reply, pinned] {
        if (!pinned(reply->sslConfiguration().peerCertificate()))
            reply->abort();
    });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer cancelPoll;
    if (m_cancel) {
        QObject::connect(&cancelPoll, &QTimer::timeout, reply, [this, reply] {
            if (m_cancel->isCancelled())
                reply->abort();
        });
        cancelPoll.start(CancelPollMs);
    }
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!m_pinFailure.isEmpty())
        return Error::failure(m_pinFailure);
    if (m_cancel && m_cancel->isCancelled())
        return Error::cancelled(tr("Cancelled."));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    if (status == 0)
        return Error::failure(tr("The device at %1 cannot be reached: %2.").arg(where(), reply->errorString()));
    if (status == 401)
        return Error::refused(tr("The device at %1 refused this terminal: %2 Pair it again (keepsakectl terminal "
                                 "add on the device) and use the new token.")
                                  .arg(where(), ServiceProtocol::errorFrom(status, answer).message()));
    if (status >= 300)
        return ServiceProtocol::errorFrom(status, answer);
    return answer;
}

Result<QJsonValue> DeviceClient::get(const QString &path, const QUrlQuery &query)
{
    Result<QByteArray> bytes = exchange(Verb::Get, path, query, {}, {});
    return bytes ? parse(*bytes) : Result<QJsonValue>(bytes.error());
}

Result<QJsonValue> DeviceClient::post(const QString &path, const QJsonObject &body)
{
    Result<QByteArray> bytes = exchange(Verb::Post, path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                        "application/json");
    return bytes ? parse(*bytes) : Result<QJsonValue>(bytes.error());
}

Result<QJsonValue> DeviceClient::put(const QString &path, const QUrlQuery &query, const QByteArray &bytes)
{
    Result<QByteArray> answer = exchange(Verb::Put, path, query, bytes, "application/octet-stream");
    return answer ? parse(*answer) : Result<QJsonValue>(answer.error());
}

Result<QByteArray> DeviceClient::download(const QString &path, const QUrlQuery &query)
{
    return exchange(Verb::Get, path, query, {}, {});
}

Result<QJsonValue> DeviceClient::remove(const QString &path)
{
    Result<QByteArray> bytes = exchange(Verb::Delete, path, {}, {}, {});
    return bytes ? parse(*bytes) : Result<QJsonValue>(bytes.error());
}

} // namespace Keepsake
