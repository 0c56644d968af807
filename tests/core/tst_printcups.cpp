// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CupsTestServer.h"
#include "PrintTestLab.h"

#include "catalog/PickupCode.h"
#include "print/PrintJobs.h"

using namespace Keepsake;
using namespace Keepsake::Test;

// Printing to a real CUPS queue: a scheduler of the test's own (CupsTestServer) with a
// queue that writes what it prints into a file, through the filters of the CUPS-PDF driver.
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
        QVERIFY2(QFile::exists(QString::fromLatin1(CupsTestServer::Ppd)), "install printer-driver-cups-pdf (its PPD drives the queue)");
        QVERIFY(m_lab.open(QStringLiteral("Мария Иванова"), QString(), 3));
        const QString failed = m_cups.start();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        m_oldServer = qgetenv("CUPS_SERVER");
        qputenv("CUPS_SERVER", m_cups.server().toLatin1());   // lp, started by Keepsake, talks to this scheduler
    }

    void cleanupTestCase()
    {
        qputenv("CUPS_SERVER", m_oldServer);
        m_cups.stop();
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
        const QString printed = m_cups.printedFile();
        QTRY_VERIFY_WITH_TIMEOUT(m_cups.jobsDone() && QFileInfo(printed).size() > 0, 60000);
        const QString png = m_cups.path(QStringLiteral("printed.png"));
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

    // A scheduler that refuses its configuration is explained in its own words: the
    // exit status and the error_log's line, so that a CI log alone tells why.
    void refusedConfigurationIsExplained()
    {
        CupsTestServer refused;
        refused.addFilesDirective(QStringLiteral("NoSuchDirective yes"));
        const QString why = refused.start();
        QVERIFY2(why.contains(QLatin1String("cupsd exited with status")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("NoSuchDirective")), qPrintable(why));
    }

private:
    PrintLab m_lab;
    CupsTestServer m_cups;
    QByteArray m_oldServer;
};

QTEST_MAIN(TestPrintCups)
#include "tst_printcups.moc"
