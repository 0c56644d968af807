// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintTestLab.h"

#include "catalog/PickupCode.h"
#include "print/PrintJobs.h"

#include <QTcpServer>

using namespace Keepsake;
using namespace Keepsake::Test;

// Printing to a real CUPS queue: a scheduler of the test's own (cupsd on 127.0.0.1 and a
// free port, its own configuration and spool in a temporary folder) with a queue that
// writes what it prints into a file, through the filters of the CUPS-PDF driver.
class TestPrintCups : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        for (const char *tool : { "cupsd", "lp", "lpstat", "gs", "zbarimg", "pdftotext" })
            QVERIFY2(haveTool(QString::fromLatin1(tool)) || QFile::exists(QStringLiteral("/usr/sbin/") + QLatin1String(tool)),
                     qPrintable(QStringLiteral("%1 is missing: install cups, cups-client, printer-driver-cups-pdf, "
                                               "ghostscript and zbar-tools").arg(QLatin1String(tool))));
        QVERIFY2(QFile::exists(QString::fromLatin1(Ppd)), "install printer-driver-cups-pdf (its PPD drives the queue)");
        QVERIFY(m_lab.open(QStringLiteral("Мария Иванова"), QString(), 3));
        QVERIFY(startCups());
    }

    void cleanupTestCase()
    {
        qputenv("CUPS_SERVER", m_oldServer);
        if (m_cupsd.state() != QProcess::NotRunning) {
            m_cupsd.terminate();
            if (!m_cupsd.waitForFinished(10000)) {
                m_cupsd.kill();
                m_cupsd.waitForFinished(5000);
            }
        }
    }

    // The receipt goes through CUPS and comes out printed: its QR code still holds
    // the pickup code.
    void receiptThroughCups()
    {
        auto done = PrintJobs(*m_lab.lab).receiptOfHandin(m_lab.customer.id, std::nullopt,
                                                          PaperFormat(Paper::A4, QPageLayout::Portrait),
                                                          { {}, QStringLiteral("KeepsakeTest") });
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message()));
        QCOMPARE(done->printer, QStringLiteral("KeepsakeTest"));
        const QString printed = m_spool.filePath(QStringLiteral("out/printed.ps"));
        QTRY_VERIFY_WITH_TIMEOUT(jobsDone() && QFileInfo(printed).size() > 0, 60000);
        const QString png = m_spool.filePath(QStringLiteral("printed.png"));
        int rc = -1;
        runTool(QStringLiteral("gs"), { QStringLiteral("-q"), QStringLiteral("-dSAFER"), QStringLiteral("-dBATCH"),
                                        QStringLiteral("-dNOPAUSE"), QStringLiteral("-sDEVICE=pnggray"), QStringLiteral("-r200"),
                                        QStringLiteral("-dFirstPage=1"), QStringLiteral("-dLastPage=1"),
                                        QStringLiteral("-sOutputFile=") + png, printed }, &rc);
        QCOMPARE(rc, 0);
        const QString qr = QString::fromUtf8(runTool(QStringLiteral("zbarimg"), { QStringLiteral("-q"), png })).trimmed();
        QCOMPARE(qr, QStringLiteral("QR-Code:") + PickupCode::display(m_lab.handin.pickupCode));
    }

    // A queue CUPS does not know: the job fails with CUPS's own words and the queue's name.
    void unknownQueue()
    {
        auto done = PrintJobs(*m_lab.lab).indexOfAlbums({ m_lab.album.id }, std::nullopt, PaperFormat(), 0,
                                                        { {}, QStringLiteral("NoSuchQueue") });
        QVERIFY(!done);
        QVERIFY2(done.error().message().contains(QStringLiteral("does not exist")), qPrintable(done.error().message()));
        QVERIFY(done.error().message().contains(QStringLiteral("NoSuchQueue")));
    }

private:
    static constexpr const char *Ppd = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd";

    static bool writeFile(const QString &path, const QString &text)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(text.toUtf8());
        return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }

    bool startCups()
    {
        QTcpServer probe;
        if (!m_spool.isValid() || !probe.listen(QHostAddress::LocalHost))
            return false;
        m_server = QStringLiteral("127.0.0.1:%1").arg(probe.serverPort());
        probe.close();
        const QDir root(m_spool.path());
        QFile::setPermissions(root.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                               | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
        for (const char *folder : { "spool", "tmp", "cache", "state", "ppd", "out" })
            root.mkpath(QString::fromLatin1(folder));
        // The filters run as CUPS's own user: they need a temporary folder they may
        // write to, and so does the queue's output file.
        const auto everyone = QFile::Permissions(0x7777);
        QFile::setPermissions(root.filePath(QStringLiteral("tmp")), everyone);
        QFile::setPermissions(root.filePath(QStringLiteral("out")), everyone);
        const bool written =
            writeFile(root.filePath(QStringLiteral("cupsd.conf")),
                      QStringLiteral("Listen %1\nLogLevel info\nDefaultAuthType None\nWebInterface No\nBrowsing No\n"
                                     "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                                     "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n"
                                     "</Policy>\n").arg(m_server))
            && writeFile(root.filePath(QStringLiteral("cups-files.conf")),
                         QStringLiteral("ServerRoot %1\nRequestRoot %1/spool\nTempDir %1/tmp\nCacheDir %1/cache\n"
                                        "StateDir %1/state\nErrorLog %1/error_log\nAccessLog %1/access_log\n"
                                        "PageLog %1/page_log\nFileDevice Yes\nPrintcap\n").arg(root.path()))
            && writeFile(root.filePath(QStringLiteral("printers.conf")),
                         QStringLiteral("<Printer KeepsakeTest>\nInfo Keepsake test queue\nDeviceURI file://%1/out/printed.ps\n"
                                        "State Idle\nAccepting Yes\nShared No\n</Printer>\n").arg(root.path()))
            && QFile::copy(QString::fromLatin1(Ppd), root.filePath(QStringLiteral("ppd/KeepsakeTest.ppd")));
        if (!written)
            return false;
        m_cupsd.setProcessChannelMode(QProcess::MergedChannels);
        m_cupsd.start(QStandardPaths::findExecutable(QStringLiteral("cupsd"), { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin") }),
                      { QStringLiteral("-f"), QStringLiteral("-c"), root.filePath(QStringLiteral("cupsd.conf")),
                        QStringLiteral("-s"), root.filePath(QStringLiteral("cups-files.conf")) });
        if (!m_cupsd.waitForStarted(10000))
            return false;
        m_oldServer = qgetenv("CUPS_SERVER");
        qputenv("CUPS_SERVER", m_server.toLatin1());   // lp, started by Keepsake, talks to this scheduler
        return QTest::qWaitFor([this] { return queueReady(); }, 20000);
    }

    bool queueReady()
    {
        int rc = -1;
        runTool(QStringLiteral("lpstat"), { QStringLiteral("-p"), QStringLiteral("KeepsakeTest") }, &rc);
        return rc == 0;
    }

    bool jobsDone()
    {
        int rc = -1;
        const QByteArray open = runTool(QStringLiteral("lpstat"), { QStringLiteral("-W"), QStringLiteral("not-completed"),
                                                                    QStringLiteral("-o"), QStringLiteral("KeepsakeTest") }, &rc);
        return rc == 0 && open.trimmed().isEmpty();
    }

    PrintLab m_lab;
    QTemporaryDir m_spool;
    QProcess m_cupsd;
    QString m_server;
    QByteArray m_oldServer;
};

QTEST_MAIN(TestPrintCups)
#include "tst_printcups.moc"
