// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A real SMTP server for tests: Debian's aiosmtpd (python3-aiosmtpd) on loopback,
// storing every mail it accepts in a maildir, read back with Python's email package.
// Started and stopped by the test.
#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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

    // Starts aiosmtpd and waits until it accepts connections. It offers AUTH without
    // TLS (as a careless server would) and notes each AUTH command a client sends; it
    // never offers STARTTLS. On failure, failure() says why in the server's own words
    // (its exit status and what it printed).
    bool start()
    {
        m_port = freePort();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral("/usr/bin/python3"),
                        { QStringLiteral("-c"), QString::fromUtf8(ServerScript), QString::number(m_port), maildir(),
                          authLog() });
        if (!m_process.waitForStarted()) {
            m_failure = QStringLiteral("python3 with aiosmtpd did not start: %1 (install python3-aiosmtpd)")
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

    // The AUTH commands clients sent ("AUTH PLAIN"), one a line.
    QStringList authCommands() const
    {
        QFile file(authLog());
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    // Every mail accepted, read by Python's email package (an independent reader).
    QList<ReceivedMail> mails() const
    {
        QList<ReceivedMail> result;
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     { QStringLiteral("-c"), QString::fromUtf8(ReadScript), maildir() + QStringLiteral("/new") });
        if (!python.waitForFinished(30000) || python.exitCode() != 0) {
            qWarning("reading the test server's mails failed: %s", python.readAllStandardError().constData());
            return result;
        }
        for (const QByteArray &line : python.readAllStandardOutput().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.isEmpty())
                continue;
            ReceivedMail mail;
            for (const QString &to : o.value(QStringLiteral("to")).toString().split(QLatin1Char(',')))
                mail.to.append(to.trimmed().toLower());
            mail.subject = o.value(QStringLiteral("subject")).toString();
            mail.messageId = o.value(QStringLiteral("message_id")).toString();
            mail.body = o.value(QStringLiteral("body")).toString();
            result.append(mail);
        }
        return result;
    }

private:
    QString authLog() const { return m_dir.filePath(QStringLiteral("auth.log")); }

    static constexpr const char *ServerScript = R"PY(
import signal, sys
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP, AuthResult
port, maildir, authlog = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class Server(SMTP):
    async def smtp_AUTH(self, arg):
        with open(authlog, "a") as log:
            log.write("AUTH " + (arg or "").split(" ")[0] + "\n")   # the mechanism, not the secret
        await super().smtp_AUTH(arg)
class Control(Controller):
    def factory(self):
        return Server(self.handler, **self.SMTP_kwargs)
def accept(server, session, envelope, mechanism, data):
    return AuthResult(success=True)
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
control = Control(Mailbox(maildir), hostname="127.0.0.1", port=port, authenticator=accept, auth_require_tls=False)
control.start()
signal.sigwait({signal.SIGTERM, signal.SIGINT})
control.stop()
)PY";

    static constexpr const char *ReadScript = R"PY(
import email, email.policy, json, os, sys
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    print(json.dumps({"to": str(m["X-RcptTo"] or ""), "subject": str(m["Subject"] or ""),
                      "message_id": str(m["Message-ID"] or ""),
                      "body": m.get_content().replace("\r\n", "\n")}))
)PY";

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_failure;
};

} // namespace Keepsake::Test
