// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the kiosk's phone tests share: a QR code read back by an independent reader
// (zbarimg, package zbar-tools), and a phone that hands photos in through an upload
// address as the phone's upload page does (web-contract.md, "Phone upload").
#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

namespace Keepsake::Test {

// The text zbarimg reads from the image; empty when it reads none (or is missing:
// then it says so on the test's output).
inline QString decodeQr(const QImage &image)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("qr.png"));
    if (!dir.isValid() || !image.save(file))
        return {};
    QProcess zbar;
    zbar.start(QStringLiteral("zbarimg"), { QStringLiteral("--raw"), QStringLiteral("-q"), file });
    if (!zbar.waitForFinished(30000) || zbar.exitCode() != 0) {
        qWarning("zbarimg: %s%s", qPrintable(zbar.errorString()), zbar.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
}

// A phone's browser on an upload address https://HOST:PORT/u/TOKEN: it trusts the
// device's certificate by its fingerprint, offers photos by SHA-256, sends the ones
// the device asks for (each in one piece) and finishes.
class TestPhone
{
public:
    struct Answer
    {
        int status = 0;
        QJsonObject json;
    };

    TestPhone(const QString &address, QString fingerprint) : m_base(address), m_fingerprint(std::move(fingerprint))
    {
        m_token = m_base.path().section(QLatin1Char('/'), -1);
        m_base.setPath({});
    }

    QString token() const { return m_token; }

    Answer call(const QByteArray &verb, const QString &path, const QUrlQuery &query = {}, const QByteArray &body = {},
                const QByteArray &type = "application/json")
    {
        QUrl url = m_base;
        url.setPath(QStringLiteral("/web/v1/uploads/") + m_token + path);
        url.setQuery(query);
        QNetworkRequest request(url);
        request.setRawHeader("X-Keepsake", "1");
        request.setHeader(QNetworkRequest::ContentTypeHeader, type);
        QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
        QObject::connect(reply, &QNetworkReply::sslErrors, reply, [this, reply] {
            const QByteArray der = reply->sslConfiguration().peerCertificate().toDer();
            if (QString::fromLatin1(QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex()) == m_fingerprint)
                reply->ignoreSslErrors();
        });
        Answer answer;
        if (QTest::qWaitFor([reply] { return reply->isFinished(); }, 60000)) {
            answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answer.json = QJsonDocument::fromJson(reply->readAll()).object();
        }
        reply->deleteLater();
        return answer;
    }

    Answer state() { return call("GET", QString()); }
    Answer finish() { return call("POST", QStringLiteral("/finish"), {}, "{}"); }

    // Offers the files and sends those the device asks for; the names it was sent,
    // or the device's refusal in refused.
    QStringList send(const QStringList &files, QString *refused = nullptr)
    {
        QJsonArray offers;
        QHash<QString, QByteArray> contents;
        for (const QString &path : files) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return {};
            const QByteArray bytes = file.readAll();
            const QString name = QFileInfo(path).fileName();
            contents.insert(name, bytes);
            offers.append(QJsonObject { { QStringLiteral("path"), name },
                                        { QStringLiteral("size"), bytes.size() },
                                        { QStringLiteral("sha256"), sha256(bytes) } });
        }
        const Answer offered = call("POST", QStringLiteral("/offers"), {},
                                    QJsonDocument(QJsonObject { { QStringLiteral("files"), offers } }).toJson());
        if (offered.status != 200 && refused)
            *refused = QString::fromUtf8(QJsonDocument(offered.json).toJson());
        QStringList sent;
        for (const QJsonValue &answer : offered.json.value(QStringLiteral("answers")).toArray()) {
            const QString name = answer[QStringLiteral("path")].toString();
            if (answer[QStringLiteral("answer")].toString() != QLatin1String("send"))
                continue;
            const QByteArray bytes = contents.value(name);
            const QUrlQuery query { { QStringLiteral("path"), name },   // the tests' names need no escaping
                                    { QStringLiteral("offset"), QStringLiteral("0") },
                                    { QStringLiteral("sha256"), sha256(bytes) } };
            const Answer put = call("PUT", QStringLiteral("/files"), query, bytes, "application/octet-stream");
            if (put.status == 200 && put.json.value(QStringLiteral("complete")).toBool())
                sent.append(name);
            else if (refused)
                *refused = QString::fromUtf8(QJsonDocument(put.json).toJson());
        }
        return sent;
    }

private:
    static QString sha256(const QByteArray &bytes)
    {
        return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }

    QUrl m_base;
    QString m_token;
    QString m_fingerprint;
    QNetworkAccessManager m_network;
};

} // namespace Keepsake::Test
