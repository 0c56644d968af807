// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoticeStreams.h"

#include "NetLog.h"
#include "WebRecords.h"
#include "catalog/Catalog.h"
#include "lab/Lab.h"
#include "notify/NoticeOutbox.h"
#include "notify/TerminalNotices.h"

#include <QJsonDocument>
#include <QTcpSocket>

#include <algorithm>

namespace Keepsake {

NoticeStreams::NoticeStreams(const Lab &lab, QObject *parent) : QObject(parent), m_lab(lab)
{
    m_timer.setInterval(WatchMs);
    connect(&m_timer, &QTimer::timeout, this, &NoticeStreams::watch);
}

NoticeStreams::~NoticeStreams()
{
    stop();
}

WebReply NoticeStreams::open(const WebPerson &person, const QString &sessionToken)
{
    const Result<qint64> latest = NoticeOutbox::latestTerminalNotice(m_lab.catalog().db());
    if (!latest)
        return WebReply::fail(latest.error());
    WebReply reply;
    reply.mimeType = "text/event-stream; charset=utf-8";
    reply.headers.emplaceBack("Connection", "close");
    const qint64 from = *latest;
    reply.stream = [this, person, sessionToken, from](QHttpServerResponder &responder, QTcpSocket *socket) {
        // How long the browser waits before it connects again after a cut.
        responder.writeBody(QByteArrayLiteral("retry: 3000\n\n"));
        Stream stream { socket, person, sessionToken, from, {}, {} };
        stream.pinged.start();
        stream.checked.start();
        m_streams.push_back(std::move(stream));
        if (m_latest < 0 || m_latest > from)
            m_latest = from;
        if (!m_timer.isActive())
            m_timer.start();
        qCDebug(lcNet) << "Live notices for" << person.recipientKey() << "from notice" << from;
    };
    return reply;
}

void NoticeStreams::stop()
{
    m_timer.stop();
    for (Stream &stream : m_streams) {
        if (stream.socket)
            stream.socket->disconnectFromHost();
    }
    m_streams.clear();
}

void NoticeStreams::send(QTcpSocket *socket, const QByteArray &event)
{
    socket->write(event);
}

void NoticeStreams::watch()
{
    m_streams.remove_if([](const Stream &stream) {
        return !stream.socket || stream.socket->state() != QAbstractSocket::ConnectedState;
    });
    if (m_streams.empty()) {
        m_timer.stop();
        return;
    }
    const Result<qint64> latest = NoticeOutbox::latestTerminalNotice(m_lab.catalog().db());
    if (!latest) {
        qCWarning(lcNet) << "Live notices cannot read the catalog:" << latest.error().message();
        return;
    }
    const bool news = *latest > m_latest;
    m_latest = *latest;
    m_streams.remove_if([this, news](Stream &stream) { return !keepAlive(stream) || (news && !deliver(stream)); });
}

bool NoticeStreams::deliver(Stream &stream)
{
    const Result<QList<Notice>> notices =
        TerminalNotices(m_lab.catalog(), m_lab.clock()).forSelf(stream.person.actor(), false, stream.lastNotice);
    if (!notices) {
        qCWarning(lcNet) << "Live notices for" << stream.person.recipientKey() << ":" << notices.error().message();
        return true;
    }
    // Oldest first, as they were issued.
    for (auto it = notices->crbegin(); it != notices->crend(); ++it) {
        const QByteArray data = QJsonDocument(WebRecords::notice(*it)).toJson(QJsonDocument::Compact);
        send(stream.socket, "event: notice\ndata: " + data + "\n\n");
        stream.lastNotice = std::max(stream.lastNotice, it->id);
    }
    return true;
}

bool NoticeStreams::keepAlive(Stream &stream)
{
    if (stream.checked.elapsed() >= SessionCheckMs) {
        stream.checked.restart();
        if (!WebSessions(m_lab.catalog()).resolve(stream.token, m_lab.clock().now())) {
            send(stream.socket, QByteArrayLiteral("event: ended\ndata: {}\n\n"));
            stream.socket->disconnectFromHost();
            return false;
        }
    }
    if (stream.pinged.elapsed() >= PingMs) {
        stream.pinged.restart();
        send(stream.socket, QByteArrayLiteral(": ping\n\n"));
    }
    return true;
}

} // namespace Keepsake
