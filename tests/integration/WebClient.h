// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A browser's side of the customers' web page, for tests: HTTPS to a device on
// loopback with its certificate pinned by fingerprint, a cookie jar of its own (one
// person), the page's X-Keepsake header on requests that change something, and a
// stream of server-sent events read as they come.
#pragma once

#include "lab/DeviceIdentity.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QTest>

#include <memory>

namespace Keepsake::Test {

struct WebAnswer
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers;   // lower-case names

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString why() const { return QStringLiteral("HTTP %1: %2").arg(status).arg(QString::fromUtf8(body.left(500))); }
};

class WebClient
{
public:
    WebClient(QString base, QString fingerprint) : m_base(std::move(base)), m_fingerprint(std::move(fingerprint))
    {
        m_network.setCookieJar(new QNetworkCookieJar(&m_network));
        m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }

    WebAnswer get(const QString &path) { return wait(m_network.get(request(path))); }
    WebAnswer post(const QString &path, const QJsonObject &body = {}, bool fromPage = true)
    {
        QNetworkRequest r = request(path, fromPage);
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return wait(m_network.post(r, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }
    WebAnswer put(const QString &path, const QByteArray &bytes)
    {
        return wait(m_network.put(request(path), bytes));
    }
    WebAnswer remove(const QString &path) { return wait(m_network.deleteResource(request(path))); }

    // GET /web/v1/events, kept open: read what arrived with events().
    void openEvents()
    {
        m_events.reset(m_network.get(request(QStringLiteral("/web/v1/events"))));
        pin(m_events.get());
        QObject::connect(m_events.get(), &QIODevice::readyRead, m_events.get(),
                         [this] { m_eventText += m_events->readAll(); });
    }
    QByteArray events() const { return m_eventText; }
    bool eventsOpen() const { return m_events && m_events->isRunning(); }

private:
    QNetworkRequest request(const QString &path, bool fromPage = true) const
    {
        QNetworkRequest r(QUrl(m_base + path));
        if (fromPage)
            r.setRawHeader("X-Keepsake", "1");
        return r;
    }

    // The device's self-signed certificate is trusted only by its pinned fingerprint.
    void pin(QNetworkReply *reply) const
    {
        const QString fingerprint = m_fingerprint;
        QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply, fingerprint](const QList<QSslError> &) {
            const QSslCertificate shown = reply->sslConfiguration().peerCertificate();
            if (DeviceIdentity::fingerprintOf(shown.toDer()) == fingerprint)
                reply->ignoreSslErrors();
        });
    }

    WebAnswer wait(QNetworkReply *reply)
    {
        pin(reply);
        std::unique_ptr<QNetworkReply> owned(reply);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 60000))
            return { -1, QByteArrayLiteral("no answer in 60 s"), {} };
        WebAnswer answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(), {} };
        for (const auto &[name, value] : reply->rawHeaderPairs())
            answer.headers.insert(name.toLower(), value);
        return answer;
    }

    QString m_base;
    QString m_fingerprint;
    QNetworkAccessManager m_network;
    std::unique_ptr<QNetworkReply> m_events;
    QByteArray m_eventText;
};

} // namespace Keepsake::Test
