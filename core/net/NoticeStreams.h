// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WebReply.h"
#include "catalog/WebSessions.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <list>

class QTcpSocket;

namespace Keepsake {

class Lab;

// Live notices for signed-in web pages (claims 11, 12, 16, 17), as server-sent events:
// each open page holds one stream; the catalog is watched for new terminal notices —
// whichever process issued them (the device's own sweep, `keepsakectl expire`, another
// device of the chain) — and each goes down the streams of the people it is for. A
// stream whose session ends is told so and closed.
class NoticeStreams : public QObject
{
    Q_OBJECT

public:
    static constexpr int WatchMs = 1000;
    static constexpr int PingMs = 15'000;
    static constexpr int SessionCheckMs = 30'000;

    explicit NoticeStreams(const Lab &lab, QObject *parent = nullptr);
    ~NoticeStreams() override;

    // The answer to GET /web/v1/events: stays open; notices issued from now on go down it.
    WebReply open(const WebPerson &person, const QString &sessionToken);
    int openStreams() const { return int(m_streams.size()); }
    // Closes every stream (the service stops).
    void stop();

private:
    struct Stream
    {
        QPointer<QTcpSocket> socket;
        WebPerson person;
        QString token;
        qint64 lastNotice = 0;
        QElapsedTimer pinged;
        QElapsedTimer checked;
    };
    void watch();
    bool deliver(Stream &stream);
    bool keepAlive(Stream &stream);
    static void send(QTcpSocket *socket, const QByteArray &event);

    const Lab &m_lab;
    std::list<Stream> m_streams;
    QTimer m_timer;
    qint64 m_latest = -1;
};

} // namespace Keepsake
