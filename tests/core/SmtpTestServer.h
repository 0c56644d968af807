// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A real SMTP server for tests: Debian's aiosmtpd (python3-aiosmtpd) on loopback,
// storing every mail it accepts in a maildir. Started and stopped by the test.
#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace Keepsake::Test {

struct ReceivedMail
{
    QStringList to;            // X-RcptTo: the envelope recipients
    QString subject;
    QString messageId;
    QString body;              // decoded
};

class SmtpTestServer
{
public:
    ~SmtpTestServer() { stop(); }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    static bool accepts(quint16 port)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        return socket.waitForConnected(200);
    }

    // Starts aiosmtpd and waits until it accepts connections. On failure, failure()
    // says why in the server's own words (its exit status and what it printed).
    bool start()
    {
        m_port = freePort();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral("/usr/bin/python3"),
                        { QStringLiteral("-m"), QStringLiteral("aiosmtpd"), QStringLiteral("-n"), QStringLiteral("-l"),
                          QStringLiteral("127.0.0.1:%1").arg(m_port), QStringLiteral("-c"),
                          QStringLiteral("aiosmtpd.handlers.Mailbox"), maildir() });
        if (!m_process.waitForStarted()) {
            m_failure = QStringLiteral("python3 -m aiosmtpd did not start: %1 (install python3-aiosmtpd)")
                            .arg(m_process.errorString());
            return false;
        }
        QElapsedTimer waited;
        waited.start();
        while (!accepts(m_port)) {
            if (m_process.state() != QProcess::Running || waited.elapsed() > 15000) {
                m_failure = QStringLiteral("aiosmtpd %1 on 127.0.0.1:%2. It printed:\n%3")
                                .arg(m_process.state() != QProcess::Running
                                         ? QStringLiteral("exited with status %1").arg(m_process.exitCode())
                                         : QStringLiteral("does not accept connections after 15 s"))
                                .arg(m_port)
                                .arg(QString::fromUtf8(m_process.readAll().right(4000)));
                return false;
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        return true;
    }

    QString failure() const { return m_failure; }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished();
    }

    quint16 port() const { return m_port; }
    // Must not exist before the server starts: Mailbox makes it with new/, cur/, tmp/.
    QString maildir() const { return m_dir.filePath(QStringLiteral("mail")); }

    QList<ReceivedMail> mails() const
    {
        QList<ReceivedMail> result;
        const QDir dir(maildir() + QStringLiteral("/new"));
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        for (const QString &name : files) {
            QFile file(dir.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                result.append(parse(file.readAll()));
        }
        return result;
    }

private:
    static ReceivedMail parse(const QByteArray &raw)
    {
        ReceivedMail mail;
        const qsizetype split = raw.indexOf("\r\n\r\n") >= 0 ? raw.indexOf("\r\n\r\n") : raw.indexOf("\n\n");
        const QList<QByteArray> lines = raw.left(split).split('\n');
        QHash<QByteArray, QByteArray> headers;
        QByteArray last;
        for (QByteArray line : lines) {
            if (line.endsWith('\r'))
                line.chop(1);
            if (!line.isEmpty() && (line.at(0) == ' ' || line.at(0) == '\t')) {
                headers[last] += line.trimmed();
                continue;
            }
            const qsizetype colon = line.indexOf(':');
            last = line.left(colon).toLower();
            headers[last] = line.mid(colon + 1).trimmed();
        }
        for (const QByteArray &to : headers.value("x-rcptto").split(','))
            mail.to.append(QString::fromUtf8(to.trimmed()).toLower());
        mail.subject = decodeWords(headers.value("subject"));
        mail.messageId = QString::fromLatin1(headers.value("message-id"));
        const QByteArray body = raw.mid(split).trimmed();
        mail.body = headers.value("content-transfer-encoding").toLower() == "base64"
            ? QString::fromUtf8(QByteArray::fromBase64(body)) : QString::fromUtf8(body);
        return mail;
    }

    static QString decodeWords(const QByteArray &value)
    {
        if (!value.startsWith("=?UTF-8?B?"))
            return QString::fromUtf8(value);
        QByteArray decoded;
        qsizetype at = 0;
        while ((at = value.indexOf("=?UTF-8?B?", at)) >= 0) {
            const qsizetype end = value.indexOf("?=", at + 10);
            decoded += QByteArray::fromBase64(value.mid(at + 10, end - at - 10));
            at = end + 2;
        }
        return QString::fromUtf8(decoded);
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_failure;
};

} // namespace Keepsake::Test
