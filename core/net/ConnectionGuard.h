// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslServer>
#include <QTimer>

namespace Keepsake {

// What QHttpServer 6.4 does not limit, limited before it reads a byte: every
// connection the service accepts gets a guard that cuts it off when it sends more than
// a request may hold without being answered (QHttpServer would keep it all in
// memory), when it stays silent too long, and when too many are open at once.
class GuardedSslServer : public QSslServer
{
    Q_OBJECT

public:
    struct Limits
    {
        qint64 maxUnansweredBytes = 0;   // sent since the last answer
        int idleMs = 60'000;
        int maxConnections = 64;
    };

    GuardedSslServer(Limits limits, QObject *parent = nullptr);

    QTcpSocket *nextPendingConnection() override;
    int openConnections() const { return m_open; }

private:
    void guard(QTcpSocket *socket);

    Limits m_limits;
    int m_open = 0;
};

} // namespace Keepsake
