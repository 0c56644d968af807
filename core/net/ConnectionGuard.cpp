// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionGuard.h"

#include "NetLog.h"

#include <QPointer>
#include <QSslSocket>

namespace Keepsake {

GuardedSslServer::GuardedSslServer(Limits limits, QObject *parent) : QSslServer(parent), m_limits(limits)
{
}

QTcpSocket *GuardedSslServer::nextPendingConnection()
{
    QTcpSocket *socket = QSslServer::nextPendingConnection();
    if (socket)
        guard(socket);
    return socket;
}

void GuardedSslServer::guard(QTcpSocket *socket)
{
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    if (m_open > m_limits.maxConnections) {
        qCWarning(lcNet) << "Too many connections: closing the one from" << socket->peerAddress().toString();
        socket->abort();
        return;
    }
    // Answers go out at once: without it, a small answer waits for the client's
    // delayed acknowledgement (Nagle), some 40 ms a request.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Connected before QHttpServer connects its own reader: this runs first and may
    // cut the connection before the bytes are read.
    auto *idle = new QTimer(socket);
    idle->setSingleShot(true);
    idle->setInterval(m_limits.idleMs);
    auto unanswered = std::make_shared<qint64>(0);
    const qint64 limit = m_limits.maxUnansweredBytes;
    connect(idle, &QTimer::timeout, socket, [socket] {
        qCInfo(lcNet) << "Closing an idle connection from" << socket->peerAddress().toString();
        socket->abort();
    });
    connect(socket, &QIODevice::readyRead, socket, [socket, idle, unanswered, limit] {
        idle->start();
        *unanswered += socket->bytesAvailable();
        if (limit > 0 && *unanswered > limit) {
            qCWarning(lcNet) << "A request from" << socket->peerAddress().toString() << "is larger than"
                             << limit << "bytes: connection closed";
            socket->abort();
        }
    });
    connect(socket, &QIODevice::bytesWritten, socket, [unanswered, idle] {
        *unanswered = 0;
        idle->start();
    });
    idle->start();
}

} // namespace Keepsake
