// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintTestLab.h"

#include "catalog/AlbumChoices.h"
#include "catalog/PickupCode.h"
#include "commands/Command.h"
#include "print/PdfTextFix.h"
#include "print/PrintJobs.h"
#include "print/PrintLanguage.h"
#include "print/Receipt.h"
#include "print/PrintOutput.h"
#include "print/QrCode.h"

#include <QPdfWriter>
#include <QRegularExpression>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestPrintReceipt : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        for (const char *tool : { "pdfinfo", "pdftotext", "pdftoppm", "pdfimages", "zbarimg" })
            QVERIFY2(haveTool(QString::fromLatin1(tool)),
                     qPrintable(QStringLiteral("%1 is missing: install poppler-utils and zbar-tools").arg(QLatin1String(tool))));
        QVERIFY(m_lab.open(QStringLiteral("山田 花子"), QString(), 5));
        QCOMPARE(m_lab.handin.pickupCode.size(), 8);
    }

    // The QR code decodes (zbarimg) to exactly the pickup code as printed, ABCD-EFGH,
    // and the same text is on the receipt; an 80 mm roll as long as the receipt.
    void receiptOnRoll()
    {
        const QString pdf = m_lab.file(QStringLiteral("receipt.pdf"));
        const PrintJobs jobs(*m_lab.lab);
        auto done = jobs.receiptOfHandin(m_lab.customer.id, std::nullopt, PaperFormat(Paper::Roll80, QPageLayout::Portrait),
                                         { pdf, {} });
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message()));
        const QString shown = PickupCode::display(m_lab.handin.pickupCode);
        QCOMPARE(done->pickupCode, shown);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-Z]{4}-[0-9A-Z]{4}$")).match(shown).hasMatch());
        const QString size = pdfInfo(pdf, QStringLiteral("Page size"));
        QVERIFY2(size.startsWith(QLatin1String("227 x ")), qPrintable(size));   // 80 mm
        QCOMPARE(pdfInfo(pdf, QStringLiteral("Pages")), QStringLiteral("1"));
        QCOMPARE(pdfImageCount(pdf), 0);   // the QR code is vector squares
        QCOMPARE(decodeQr(pdf), shown);
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(shown), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("山田 花子")));
        QVERIFY(text.contains(QStringLiteral("Holiday")));
        QVERIFY(text.contains(QStringLiteral("New photos")));
        QVERIFY(text.contains(QString::number(m_lab.handin.added)));
    }

    // An 80 mm roll wraps what is longer than a line, never cuts it: a 30-character disc
    // number, a long album title and the German pickup instruction are there whole,
    // and every word lies on the paper (pdftotext -bbox).
    void longTextsWrapOnTheRoll()
    {
        const PrintLanguage german(QStringLiteral("de"));
        ReceiptContent content;
        content.labName = QStringLiteral("Fotohaus Müller & Töchter, Filiale Charlottenburg");
        content.labAddress = QStringLiteral("Kurfürstendamm 123, Hinterhaus, 3. Etage, 10711 Berlin-Charlottenburg");
        content.customerName = QStringLiteral("Maximiliane Schmidt-Hohenstein");
        content.customerCode = QStringLiteral("C1");
        content.when = QDateTime(QDate(2026, 12, 6), QTime(12, 0), Qt::UTC);
        const QString discId = QStringLiteral("FOTOHAUS-CHARLOTTENBURG-261206");
        QCOMPARE(discId.size(), 30);
        const QString title = QStringLiteral("Sommerurlaub an der Ostsee mit den Großeltern in Warnemünde");
        content.albums.append({ title, QDate(2027, 6, 1), QStringLiteral("recorded"), discId, 148 });
        content.discs.append({ discId, 1, content.when, { title }, 148 });
        content.pickupCode = QStringLiteral("ABCDEFGH");
        const Receipt receipt(content, PaperFormat(Paper::Roll80, QPageLayout::Portrait), german);
        const QString pdf = m_lab.file(QStringLiteral("receipt-long.pdf"));
        const Status written = PrintOutput::writePdf(pdf, receipt.pageLayout(), QStringLiteral("long"),
                                                     [&](QPdfWriter &writer) { return receipt.render(writer); });
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message()));
        const QString text = pdfText(pdf).simplified();
        const QString instruction = german.translate("Keepsake::Receipt", "Show this code at the counter to collect your order.");
        QVERIFY(instruction != QStringLiteral("Show this code at the counter to collect your order."));   // German indeed
        for (const QString &whole : { discId, title, instruction, content.labAddress, content.customerName })
            QVERIFY2(text.contains(whole), qPrintable(whole + QStringLiteral(" not whole in: ") + text));
        QVERIFY(!text.contains(QChar(0x2026)));   // nothing elided
        const QString boxes = QString::fromUtf8(runTool(QStringLiteral("pdftotext"), { QStringLiteral("-bbox"), pdf, QStringLiteral("-") }));
        const QRegularExpression page(QStringLiteral("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\""));
        const auto size = page.match(boxes);
        QVERIFY(size.hasMatch());
        const QRegularExpression word(QStringLiteral("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)<"));
        int words = 0;
        for (auto it = word.globalMatch(boxes); it.hasNext(); ++words) {
            const auto m = it.next();
            QVERIFY2(m.captured(3).toDouble() <= size.captured(1).toDouble() && m.captured(4).toDouble() <= size.captured(2).toDouble(),
                     qPrintable(m.captured(5) + QStringLiteral(" lies off the paper")));
        }
        QVERIFY(words > 30);
    }

    void receiptOnA4()
    {
        const QString pdf = m_lab.file(QStringLiteral("receipt-a4.pdf"));
        auto done = PrintJobs(*m_lab.lab).receiptOfHandin(m_lab.customer.id, m_lab.handin.handinId,
                                                          PaperFormat(Paper::A4, QPageLayout::Portrait), { pdf, {} });
        QVERIFY(done);
        QVERIFY(pdfInfo(pdf, QStringLiteral("Page size")).startsWith(QLatin1String("595 x 842")));
        QCOMPARE(decodeQr(pdf), PickupCode::display(m_lab.handin.pickupCode));
        auto missing = PrintJobs(*m_lab.lab).receiptOfHandin(m_lab.customer.id, 9999, PaperFormat(), { pdf, {} });
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind(), Error::Kind::NotFound);
    }

    // Qt writes the glyph of 山 as the Kangxi radical ⼭; the repair maps it back.
    void radicalsBecomeIdeographs()
    {
        const QByteArray cmap = "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
                                "2 beginbfrange\n<0003> <0004> <2F2D>\n<0005> <0006> [<0041> <2F65>]\nendbfrange\n"
                                "1 beginbfchar\n<0007> <5B50>\nendbfchar\n";
        const QByteArray fixed = PdfTextFix::unifyRadicals(cmap);
        QVERIFY(fixed.contains("<0003> <5C71>"));   // ⼭ → 山
        QVERIFY(fixed.contains("<0004> <5DDB>"));   // the range goes on: ⼮ → 巛
        QVERIFY(fixed.contains("<0005> <0041>"));
        QVERIFY(fixed.contains("<0006> <7530>"));   // ⽥ → 田
        QVERIFY(fixed.contains("<0007> <5B50>"));
        const QByteArray plain = "1 beginbfchar\n<0003> <0041>\nendbfchar\n";
        QCOMPARE(PdfTextFix::unifyRadicals(plain), plain);
    }

    void qrCodeModules()
    {
        const auto code = QrCode::encode(QStringLiteral("ABCD-EFGH"));
        QVERIFY(code);
        QCOMPARE(code->size(), 21);   // version 1 holds 9 bytes at level M
        QVERIFY(code->isDark(0, 0));  // finder pattern corners
        QVERIFY(code->isDark(20, 0));
        QVERIFY(!code->isDark(7, 7));
    }

    // --printer hands the PDF to CUPS's lp; a refusal comes back in CUPS's words.
    void printerQueue()
    {
        QTemporaryDir bin;
        QVERIFY(bin.isValid());
        QFile lp(bin.filePath(QStringLiteral("lp")));
        QVERIFY(lp.open(QIODevice::WriteOnly));
        lp.write("#!/bin/sh\n"
                 "if [ \"$2\" = Missing ]; then echo 'lp: The printer or class does not exist.' >&2; exit 1; fi\n"
                 "for last; do :; done\n"
                 "printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args\"\n"
                 "cp \"$last\" \"$(dirname \"$0\")/job.pdf\"\n"
                 "echo \"request id is $2-1 (1 file(s))\"\n");
        lp.close();
        lp.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(bin.path()) + ':' + path);
        auto done = PrintJobs(*m_lab.lab).receiptOfHandin(m_lab.customer.id, std::nullopt, PaperFormat(),
                                                          { {}, QStringLiteral("Counter") });
        auto refused = PrintJobs(*m_lab.lab).indexOfAlbums({ m_lab.album.id }, std::nullopt, PaperFormat(), 0,
                                                           { {}, QStringLiteral("Missing") });
        qputenv("PATH", path);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message()));
        QCOMPARE(done->printer, QStringLiteral("Counter"));
        QFile args(bin.filePath(QStringLiteral("args")));
        QVERIFY(args.open(QIODevice::ReadOnly));
        QVERIFY(args.readAll().startsWith("-d\nCounter\n-t\n"));
        QCOMPARE(decodeQr(bin.filePath(QStringLiteral("job.pdf"))), PickupCode::display(m_lab.handin.pickupCode));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(QStringLiteral("The printer or class does not exist")),
                 qPrintable(refused.error().message()));
        QVERIFY(refused.error().message().contains(QStringLiteral("Missing")));
    }

    // keepsakectl: album cover and album select name photos by ID or file name; print
    // index honours them; print receipt's output and exit codes.
    void commandLine()
    {
        const QString first = m_lab.photos.at(0).name;
        const QString second = QString::number(m_lab.photos.at(1).id);
        QCOMPARE(ctl({ QStringLiteral("album"), QStringLiteral("cover"), QStringLiteral("--customer"), QStringLiteral("C1"),
                       QStringLiteral("--album"), QStringLiteral("Holiday"), QStringLiteral("--photo"), m_lab.photos.at(3).name }),
                 int(ExitDone));
        auto album = Albums(m_lab.lab->catalog()).byId(m_lab.album.id);
        QVERIFY(album && album->cover == m_lab.photos.at(3).id);
        QCOMPARE(ctl({ QStringLiteral("album"), QStringLiteral("select"), QStringLiteral("--album"), QString::number(m_lab.album.id),
                       QStringLiteral("--photos"), first + QLatin1Char(',') + second }),
                 int(ExitDone));
        const auto chosen = AlbumChoices(m_lab.lab->catalog(), Actor::system(QStringLiteral("test"))).selection(m_lab.album.id);
        QVERIFY(chosen);
        QCOMPARE(*chosen, (QList<qint64> { m_lab.photos.at(0).id, m_lab.photos.at(1).id }));
        const QString pdf = m_lab.file(QStringLiteral("ctl.pdf"));
        QCOMPARE(ctl({ QStringLiteral("print"), QStringLiteral("index"), QStringLiteral("--customer"), QStringLiteral("C1"),
                       QStringLiteral("--album"), QStringLiteral("Holiday"), QStringLiteral("--pdf"), pdf }),
                 int(ExitDone));
        QCOMPARE(pdfImageCount(pdf), 2);
        QVERIFY(pdfText(pdf).contains(QStringLiteral("Selection: 2 of 5")));
        QCOMPARE(ctl({ QStringLiteral("album"), QStringLiteral("select"), QStringLiteral("--album"), QString::number(m_lab.album.id),
                       QStringLiteral("--clear") }),
                 int(ExitDone));
        QCOMPARE(ctl({ QStringLiteral("album"), QStringLiteral("cover"), QStringLiteral("--album"), QString::number(m_lab.album.id),
                       QStringLiteral("--photo"), QStringLiteral("NO_SUCH.JPG") }),
                 int(ExitUsage));
        QCOMPARE(ctl({ QStringLiteral("print"), QStringLiteral("index"), QStringLiteral("--album"), QString::number(m_lab.album.id) }),
                 int(ExitUsage));   // neither --pdf nor --printer
        QCOMPARE(ctl({ QStringLiteral("print"), QStringLiteral("index"), QStringLiteral("--album"), QString::number(m_lab.album.id),
                       QStringLiteral("--paper"), QStringLiteral("a3"), QStringLiteral("--pdf"), pdf }),
                 int(ExitUsage));
        const QString receipt = m_lab.file(QStringLiteral("ctl-receipt.pdf"));
        QCOMPARE(ctl({ QStringLiteral("print"), QStringLiteral("receipt"), QStringLiteral("--customer"), QStringLiteral("c1"),
                       QStringLiteral("--pdf"), receipt }),
                 int(ExitDone));
        QCOMPARE(decodeQr(receipt), PickupCode::display(m_lab.handin.pickupCode));
        QCOMPARE(ctl({ QStringLiteral("print"), QStringLiteral("receipt"), QStringLiteral("--customer"), QStringLiteral("NOBODY"),
                       QStringLiteral("--pdf"), receipt }),
                 int(ExitUsage));
    }

private:
    int ctl(const QStringList &args)
    {
        CancelToken cancel;
        return runKeepsakectl(QStringList { QStringLiteral("keepsakectl"), QStringLiteral("--quiet"), QStringLiteral("--data-dir"),
                                            m_lab.lab->dataDir(), QStringLiteral("--catalog"), m_lab.catalogUrl }
                                  + args,
                              m_lab.clock, cancel);
    }

    // The text of the first QR code zbarimg finds on the PDF's first page at 200 dpi.
    QString decodeQr(const QString &pdf)
    {
        QTemporaryDir pages;
        const QString prefix = pages.filePath(QStringLiteral("qr"));
        runTool(QStringLiteral("pdftoppm"), { QStringLiteral("-r"), QStringLiteral("200"), QStringLiteral("-png"),
                                              QStringLiteral("-singlefile"), pdf, prefix });
        const QString out = QString::fromUtf8(runTool(QStringLiteral("zbarimg"), { QStringLiteral("-q"), prefix + QStringLiteral(".png") }));
        const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : lines) {
            if (line.startsWith(QLatin1String("QR-Code:")))
                return line.mid(8);
        }
        return {};
    }

    PrintLab m_lab;
};

QTEST_MAIN(TestPrintReceipt)
#include "tst_printreceipt.moc"
