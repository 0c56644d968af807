// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A real CUPS scheduler for tests: cupsd on 127.0.0.1 and a free port, with its own
// configuration, spool and logs in a temporary folder, and one queue that writes
// what it prints into a file through the filters of the CUPS-PDF driver.
//
// Every directive written below carries a value: since Debian's CUPS
// 2.4.2-3+deb12u11 cupsd refuses a directive without one and exits. When the
// scheduler does not start, start() says why in the scheduler's own words: its exit
// status, what it printed and the tail of its error_log.
#pragma once

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace Keepsake::Test {

class CupsTestServer
{
public:
    static constexpr const char *Queue = "KeepsakeTest";
    static constexpr const char *Ppd = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd";

    ~CupsTestServer() { stop(); }

    // A line more for cups-files.conf, before start(): lets a test feed the scheduler
    // a configuration it refuses.
    void addFilesDirective(const QString &line) { m_extraFilesDirectives += line + QLatin1Char('\n'); }

    // Starts the scheduler and waits until the queue is known. Empty on success,
    // otherwise what went wrong.
    QString start()
    {
        QTcpServer probe;
        if (!m_root.isValid())
            return QStringLiteral("no temporary folder for the scheduler: %1").arg(m_root.errorString());
        if (!probe.listen(QHostAddress::LocalHost))
            return QStringLiteral("no free loopback port: %1").arg(probe.errorString());
        m_server = QStringLiteral("127.0.0.1:%1").arg(probe.serverPort());
        probe.close();
        if (const QString failed = writeConfiguration(); !failed.isEmpty())
            return failed;
        const QString cupsd = QStandardPaths::findExecutable(QStringLiteral("cupsd"), { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin") });
        if (cupsd.isEmpty())
            return QStringLiteral("cupsd not found (install the Debian package cups)");
        m_cupsd.setProcessChannelMode(QProcess::MergedChannels);
        m_cupsd.start(cupsd, { QStringLiteral("-f"), QStringLiteral("-c"), path(QStringLiteral("cupsd.conf")),
                               QStringLiteral("-s"), path(QStringLiteral("cups-files.conf")) });
        if (!m_cupsd.waitForStarted(10000))
            return QStringLiteral("cupsd did not start: %1").arg(m_cupsd.errorString());
        const QDeadlineTimer deadline(20000);
        while (!queueReady()) {
            if (m_cupsd.state() == QProcess::NotRunning)
                return whyNotRunning(QStringLiteral("cupsd exited"));
            if (deadline.hasExpired())
                return whyNotRunning(QStringLiteral("the queue %1 did not appear within 20 s").arg(QLatin1String(Queue)));
            m_cupsd.waitForFinished(100);   // returns early if the scheduler exits
        }
        return {};
    }

    void stop()
    {
        if (m_cupsd.state() == QProcess::NotRunning)
            return;
        m_cupsd.terminate();
        if (!m_cupsd.waitForFinished(10000)) {
            m_cupsd.kill();
            m_cupsd.waitForFinished(5000);
        }
    }

    // "127.0.0.1:PORT", for CUPS_SERVER.
    QString server() const { return m_server; }
    QString printedFile() const { return path(QStringLiteral("out/printed.ps")); }
    QString path(const QString &name) const { return QDir(m_root.path()).filePath(name); }

    // Runs a CUPS client against this scheduler; its standard output, the exit code
    // through 'exitCode' (-1 when it did not finish).
    QByteArray client(const QString &program, const QStringList &args, int *exitCode) const
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CUPS_SERVER"), m_server);
        process.setProcessEnvironment(env);
        process.start(program, args);
        const bool finished = process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit;
        *exitCode = finished ? process.exitCode() : -1;
        return process.readAllStandardOutput();
    }

    bool queueReady() const
    {
        int rc = -1;
        client(QStringLiteral("lpstat"), { QStringLiteral("-p"), QLatin1String(Queue) }, &rc);
        return rc == 0;
    }

    bool jobsDone() const
    {
        int rc = -1;
        const QByteArray open = client(QStringLiteral("lpstat"), { QStringLiteral("-W"), QStringLiteral("not-completed"),
                                                                   QStringLiteral("-o"), QLatin1String(Queue) }, &rc);
        return rc == 0 && open.trimmed().isEmpty();
    }

private:
    static bool writeFile(const QString &path, const QString &text)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0)
            return false;
        return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }

    QString writeConfiguration()
    {
        const QDir root(m_root.path());
        QFile::setPermissions(root.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                               | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
        for (const char *folder : { "spool", "tmp", "cache", "state", "ppd", "out" })
            root.mkpath(QString::fromLatin1(folder));
        // The filters run as CUPS's own user: they need a temporary folder they may
        // write to, and so does the queue's output file.
        const auto everyone = QFile::Permissions(0x7777);
        QFile::setPermissions(path(QStringLiteral("tmp")), everyone);
        QFile::setPermissions(path(QStringLiteral("out")), everyone);
        const QString cupsdConf =
            QStringLiteral("Listen %1\nLogLevel info\nDefaultAuthType None\nWebInterface No\nBrowsing No\n"
                           "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                           "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n"
                           "</Policy>\n").arg(m_server);
        // Printcap names a file of the test's own: left out, cupsd would write /etc/printcap.
        const QString filesConf =
            QStringLiteral("ServerRoot %1\nRequestRoot %1/spool\nTempDir %1/tmp\nCacheDir %1/cache\n"
                           "StateDir %1/state\nErrorLog %1/error_log\nAccessLog %1/access_log\n"
                           "PageLog %1/page_log\nFileDevice Yes\nPrintcap %1/printcap\n").arg(root.path())
            + m_extraFilesDirectives;
        const QString printersConf =
            QStringLiteral("<Printer %1>\nInfo Keepsake test queue\nDeviceURI file://%2\n"
                           "State Idle\nAccepting Yes\nShared No\n</Printer>\n").arg(QLatin1String(Queue), printedFile());
        if (!writeFile(path(QStringLiteral("cupsd.conf")), cupsdConf)
            || !writeFile(path(QStringLiteral("cups-files.conf")), filesConf)
            || !writeFile(path(QStringLiteral("printers.conf")), printersConf))
            return QStringLiteral("cannot write the scheduler's configuration in %1").arg(root.path());
        if (!QFile::copy(QString::fromLatin1(Ppd), path(QStringLiteral("ppd/%1.ppd").arg(QLatin1String(Queue)))))
            return QStringLiteral("cannot copy %1 (install printer-driver-cups-pdf)").arg(QLatin1String(Ppd));
        return {};
    }

    QString whyNotRunning(const QString &what)
    {
        QString status;
        if (m_cupsd.state() == QProcess::NotRunning)
            status = m_cupsd.exitStatus() == QProcess::CrashExit ? QStringLiteral(" (crashed)")
                                                                 : QStringLiteral(" with status %1").arg(m_cupsd.exitCode());
        QFile log(path(QStringLiteral("error_log")));
        QByteArray tail = log.open(QIODevice::ReadOnly) ? log.readAll().right(4000) : QByteArray("(no error_log written)");
        return QStringLiteral("%1%2.\ncupsd printed:\n%3\nits error_log ends:\n%4")
            .arg(what, status, QString::fromUtf8(m_cupsd.readAll().right(4000)), QString::fromUtf8(tail));
    }

    QTemporaryDir m_root;
    QProcess m_cupsd;
    QString m_server;
    QString m_extraFilesDirectives;
};

} // namespace Keepsake::Test
