// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The counter's and the kiosk's print preview: "Print to File" gives a PDF whose text
// reads as written, Japanese names included, as keepsakectl's PDFs do (issue 17).
#include "PrintTestLab.h"
#include "common/PrintPreview.h"

#include <QApplication>
#include <QPrintPreviewDialog>
#include <QPrintPreviewWidget>
#include <QPrinter>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestPrintPreview : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(haveTool(QStringLiteral("pdftotext")), "pdftotext is missing: install poppler-utils");
        QVERIFY(m_lab.open(QStringLiteral("山田 花子"), QStringLiteral("ja"), 3));
    }

    void cleanup() { PrintPreview::setDialogHook({}); }

    // The clerk prints the index sheet to a file from the preview, as its Print button
    // does for a PDF printer: the PDF names 山田, not the Kangxi radicals ⼭⽥ Qt maps
    // the shared glyphs to.
    void printToFileKeepsJapaneseText()
    {
        const QString pdf = m_lab.file(QStringLiteral("preview.pdf"));
        const Result<PrintPreview::Document> sheet = PrintPreview::indexOfAlbums(*m_lab.lab, { m_lab.album.id });
        QVERIFY2(sheet, qPrintable(sheet ? QString() : sheet.error().message()));
        PrintPreview::setDialogHook([&pdf](QPrintPreviewDialog &dialog) {
            dialog.printer()->setOutputFileName(pdf);   // what the dialog's "Export to PDF" sets
            dialog.findChild<QPrintPreviewWidget *>()->print();
            dialog.accept();
        });
        PrintPreview::show(nullptr, *sheet);
        QVERIFY(QFileInfo::exists(pdf));
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("山田 花子")), qPrintable(text));
        QVERIFY2(!text.contains(QChar(0x2F2D)), qPrintable(text));   // ⼭ KANGXI RADICAL MOUNTAIN
        QVERIFY(text.contains(QStringLiteral("まだディスクに記録されていません")));
    }

    // A preview closed without printing leaves no file and changes nothing.
    void closedWithoutPrintingWritesNothing()
    {
        const QString pdf = m_lab.file(QStringLiteral("closed.pdf"));
        const Result<PrintPreview::Document> sheet = PrintPreview::indexOfAlbums(*m_lab.lab, { m_lab.album.id });
        QVERIFY(sheet);
        PrintPreview::setDialogHook([&pdf](QPrintPreviewDialog &dialog) {
            dialog.printer()->setOutputFileName(pdf);
            dialog.reject();
        });
        PrintPreview::show(nullptr, *sheet);
        QVERIFY(!QFileInfo::exists(pdf));
    }

private:
    PrintLab m_lab;
};

QTEST_MAIN(TestPrintPreview)
#include "tst_printpreview.moc"
