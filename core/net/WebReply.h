// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <utility>

class QTcpSocket;

namespace Keepsake {

// An answer of the customers' web page: JSON, bytes, a file streamed from disk, or a
// long answer that writes itself (live notices, an album's zip). Every answer carries
// the page's security headers (a strict Content-Security-Policy among them).
struct WebReply
{
    int status = 200;
    QByteArray body;
    QByteArray mimeType;
    QString filePath;        // streamed when set
    QString downloadName;    // sent as an attachment with this name
    QList<std::pair<QByteArray, QByteArray>> headers;   // Set-Cookie, Location, ...
    bool cacheable = false;  // the page's own files; never an answer with a person's data
    // A long answer: gets the responder after the status line and headers, and the socket.
    std::function<void(QHttpServerResponder &, QTcpSocket *)> stream;

    static WebReply json(const QJsonObject &object, int status = 200);
    static WebReply fail(const Error &error);
    static WebReply fail(int status, const QString &code, const QString &message);
    static WebReply redirect(const QString &location);

    // Writes the answer; a file or a stream goes on after this returns.
    void send(QHttpServerResponder &responder, QTcpSocket *socket) const;
};

// Feeds a long body to a socket as fast as the client takes it, never holding more
// than a few pieces in memory: asks `next` for the following piece whenever what was
// written has gone out. An empty piece ends the body; closeAtEnd then closes the
// connection (a body sent without its length ends so).
class BodyPump : public QObject
{
    Q_OBJECT

public:
    using Next = std::function<Result<QByteArray>()>;
    static void start(QTcpSocket *socket, Next next, bool closeAtEnd);

private:
    BodyPump(QTcpSocket *socket, Next next, bool closeAtEnd);
    void pump();

    QTcpSocket *m_socket;
    Next m_next;
    bool m_closeAtEnd;
    bool m_done = false;
};

} // namespace Keepsake
