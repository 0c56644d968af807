// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebReply.h"

#include "NetLog.h"
#include "ServiceProtocol.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrl>

#include <memory>

namespace Keepsake {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::WebReply)
};

constexpr qint64 PieceBytes = 256 << 10;
constexpr qint64 QueuedBytes = 1 << 20;   // written but not yet sent: at most this much

const char *const ContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

QByteArray attachment(const QString &name)
{
    QString plain = name;
    for (QChar &c : plain) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e || c == QLatin1Char('"') || c == QLatin1Char('\\'))
            c = QLatin1Char('_');
    }
    return "attachment; filename=\"" + plain.toLatin1() + "\"; filename*=UTF-8''" + QUrl::toPercentEncoding(name);
}

void writeHead(QHttpServerResponder &responder, const WebReply &reply, const QByteArray &mimeType, qint64 length)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader("Content-Security-Policy", ContentSecurityPolicy);
    responder.writeHeader("X-Content-Type-Options", "nosniff");
    responder.writeHeader("X-Frame-Options", "DENY");
    responder.writeHeader("Referrer-Policy", "no-referrer");
    responder.writeHeader("Cache-Control", reply.cacheable ? "no-cache" : "no-store");
    if (!mimeType.isEmpty())
        responder.writeHeader("Content-Type", mimeType);
    if (!reply.downloadName.isEmpty())
        responder.writeHeader("Content-Disposition", attachment(reply.downloadName));
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    if (length >= 0)
        responder.writeHeader("Content-Length", QByteArray::number(length));
}

} // namespace

WebReply WebReply::json(const QJsonObject &object, int status)
{
    WebReply reply;
    reply.status = status;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    reply.mimeType = "application/json";
    return reply;
}

WebReply WebReply::fail(const Error &error)
{
    int status = ServiceProtocol::statusFor(error.kind());
    // Refused reads on the page are "not yours" (403), not "who are you" (401).
    if (error.kind() == Error::Kind::Refused)
        status = 403;
    return fail(status, ServiceProtocol::errorCode(error.kind()), error.message());
}

WebReply WebReply::fail(int status, const QString &code, const QString &message)
{
    return json(ServiceProtocol::errorBody(code, message), status);
}

WebReply WebReply::redirect(const QString &location)
{
    WebReply reply;
    reply.status = 303;
    reply.headers.emplaceBack("Location", location.toUtf8());
    return reply;
}

void WebReply::send(QHttpServerResponder &responder, QTcpSocket *socket) const
{
    if (stream) {
        writeHead(responder, *this, mimeType, -1);
        stream(responder, socket);
        return;
    }
    if (filePath.isEmpty()) {
        writeHead(responder, *this, mimeType, body.size());
        responder.writeBody(body);
        return;
    }
    auto file = std::make_shared<QFile>(filePath);
    if (!file->open(QIODevice::ReadOnly)) {
        WebReply::fail(404, QStringLiteral("not_found"), Tr::tr("The photo's file is gone from this device: ask the lab.")).send(responder, socket);
        return;
    }
    writeHead(responder, *this, mimeType, file->size());
    responder.writeBody(QByteArray());
    BodyPump::start(socket, [file]() -> Result<QByteArray> {
        const QByteArray piece = file->read(PieceBytes);
        if (piece.isEmpty() && !file->atEnd())
            return Error::failure(file->errorString());
        return piece;
    }, false);
}

void BodyPump::start(QTcpSocket *socket, Next next, bool closeAtEnd)
{
    auto *pump = new BodyPump(socket, std::move(next), closeAtEnd);
    pump->pump();
}

BodyPump::BodyPump(QTcpSocket *socket, Next next, bool closeAtEnd)
    : QObject(socket), m_socket(socket), m_next(std::move(next)), m_closeAtEnd(closeAtEnd)
{
    connect(socket, &QTcpSocket::bytesWritten, this, &BodyPump::pump);
}

void BodyPump::pump()
{
    while (!m_done && m_socket->bytesToWrite() < QueuedBytes) {
        const Result<QByteArray> piece = m_next();
        if (!piece) {
            qCWarning(lcNet) << "A download broke off:" << piece.error().message();
            m_done = true;
            m_socket->abort();
            return;
        }
        if (piece->isEmpty()) {
            m_done = true;
            if (m_closeAtEnd)
                m_socket->disconnectFromHost();
            deleteLater();
            return;
        }
        m_socket->write(*piece);
    }
}

} // namespace Keepsake
