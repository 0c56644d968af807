// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintPreview.h"

#include "MessageBox.h"
#include "lab/Lab.h"
#include "print/IndexSheet.h"
#include "print/PrintJobs.h"
#include "print/PrintLanguage.h"
#include "print/PrintOutput.h"
#include "print/PrintSources.h"
#include "print/Receipt.h"

#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPrinterInfo>

#include <memory>

namespace Keepsake {

namespace {

std::function<void(QPrintPreviewDialog &)> &dialogHook()
{
    static std::function<void(QPrintPreviewDialog &)> hook;   // GUI thread only
    return hook;
}

// The language and the renderer live as long as the preview may redraw.
struct IndexPrint
{
    PrintLanguage language;
    IndexSheet sheet;
    IndexSheet::ThumbnailLoader thumbnails;

    IndexPrint(const QString &lang, const IndexSheetContent &content, const PrintJobs::Settings &settings,
               IndexSheet::ThumbnailLoader loader)
        : language(lang), sheet(content, settings.indexFormat, settings.indexColumns, language),
          thumbnails(std::move(loader))
    {
    }
};

struct ReceiptPrint
{
    PrintLanguage language;
    Receipt receipt;

    ReceiptPrint(const QString &lang, const ReceiptContent &content, const PaperFormat &format)
        : language(lang), receipt(content, format, language)
    {
    }
};

PrintPreview::Document indexDocument(const Lab &lab, const IndexSheetContent &content)
{
    const PrintSources sources(lab);
    auto print = std::make_shared<IndexPrint>(sources.customerLanguage(content.customerCode), content,
                                              PrintJobs(lab).labSettings(), sources.thumbnails());
    const QString subject = content.discId.isEmpty() ? content.albumTitles.join(QStringLiteral(", ")) : content.discId;
    return { PrintPreview::tr("Index print %1 %2").arg(content.customerCode, subject), print->sheet.pageLayout(),
             [print](QPagedPaintDevice &device) { return print->sheet.render(device, print->thumbnails); } };
}

// A receipt in its customer's language on the lab's receipt paper.
PrintPreview::Document receiptDocument(const Lab &lab, const ReceiptContent &content, const QString &subject)
{
    const PrintSources sources(lab);
    auto print = std::make_shared<ReceiptPrint>(sources.customerLanguage(content.customerCode), content,
                                                PrintJobs(lab).labSettings().receiptFormat);
    return { PrintPreview::tr("Receipt %1 %2").arg(content.customerCode, subject), print->receipt.pageLayout(),
             [print](QPagedPaintDevice &device) { return print->receipt.render(device); } };
}

} // namespace

Result<PrintPreview::Document> PrintPreview::indexOfDisc(const Lab &lab, const QString &discId, std::optional<int> session)
{
    const Result<IndexSheetContent> content = PrintSources(lab).indexOfDisc(discId, session);
    if (!content)
        return content.error();
    return indexDocument(lab, *content);
}

Result<PrintPreview::Document> PrintPreview::indexOfAlbums(const Lab &lab, const QList<qint64> &albumIds)
{
    const Result<IndexSheetContent> content = PrintSources(lab).indexOfAlbums(albumIds, std::nullopt);
    if (!content)
        return content.error();
    return indexDocument(lab, *content);
}

Result<PrintPreview::Document> PrintPreview::receiptOfDisc(const Lab &lab, const QString &discId, std::optional<int> session)
{
    const Result<ReceiptContent> content = PrintSources(lab).receiptOfDisc(discId, session);
    if (!content)
        return content.error();
    return receiptDocument(lab, *content, discId);
}

Result<PrintPreview::Document> PrintPreview::receiptOfHandin(const Lab &lab, qint64 customerId, qint64 handinId)
{
    const Result<ReceiptContent> content = PrintSources(lab).receiptOfHandin(customerId, handinId);
    if (!content)
        return content.error();
    return receiptDocument(lab, *content, content->pickupCode);
}

void PrintPreview::show(QWidget *parent, const Document &document)
{
    // A printer of the lab's CUPS scheduler when there is one, else a PDF file.
    QPrinter printer(QPrinter::HighResolution);
    if (QPrinterInfo::availablePrinters().isEmpty())
        printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setDocName(document.title);
    printer.setPageLayout(document.layout);
    QPrintPreviewDialog dialog(&printer, parent);
    dialog.setObjectName(QStringLiteral("printPreview"));
    dialog.setWindowTitle(document.title);
    QString error;
    QObject::connect(&dialog, &QPrintPreviewDialog::paintRequested, &dialog, [&document, &error](QPrinter *device) {
        const Status drawn = document.draw(*device);
        error = drawn ? QString() : drawn.error().message();
    });
    if (dialogHook())
        dialogHook()(dialog);
    else
        dialog.exec();
    // "Print to File": Qt's PDF gets the text map repair keepsakectl's PDFs get, so
    // that names in Japanese are found and copied as written.
    if (error.isEmpty() && dialog.result() == QDialog::Accepted && printer.outputFormat() == QPrinter::PdfFormat
        && !printer.outputFileName().isEmpty()) {
        if (Status repaired = PrintOutput::repairPdf(printer.outputFileName()); !repaired)
            error = repaired.error().message();
    }
    if (!error.isEmpty())
        MessageBox::warning(parent, document.title, error);
}

void PrintPreview::setDialogHook(std::function<void(QPrintPreviewDialog &)> hook)
{
    dialogHook() = std::move(hook);
}

} // namespace Keepsake
