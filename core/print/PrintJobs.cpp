// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintJobs.h"

#include "PrintLanguage.h"
#include "PrintLog.h"
#include "PrintOutput.h"
#include "PrintSources.h"
#include "catalog/PickupCode.h"
#include "catalog/Settings.h"
#include "lab/Lab.h"

#include <QPdfWriter>

namespace Keepsake {

namespace {

Status deliver(const PrintJobs::Target &target, const QPageLayout &layout, const QString &title,
               const PrintOutput::Draw &draw)
{
    if (!target.printer.isEmpty())
        return PrintOutput::print(target.printer, layout, title, draw);
    return PrintOutput::writePdf(target.pdfFile, layout, title, draw);
}

} // namespace

PrintJobs::Settings PrintJobs::labSettings() const
{
    const Keepsake::Settings settings(m_lab.catalog());
    Settings result;
    const auto paper = [&](const char *key, Paper fallback) {
        const Result<QString> value = settings.value(QString::fromLatin1(key));
        return value ? PaperFormat::parse(*value).value_or(fallback) : fallback;
    };
    result.indexFormat = PaperFormat(paper("print.index_paper", Paper::A4), QPageLayout::Portrait);
    if (result.indexFormat.isPhotoPaper())
        result.indexFormat = PaperFormat(result.indexFormat.paper(), QPageLayout::Landscape);
    // A column count that cannot be read leaves the paper's own (0), and says so in the log.
    const Result<int> columns = settings.intValue(QStringLiteral("print.index_columns"));
    if (!columns)
        qCWarning(lcPrint) << "Index prints use the paper's columns:" << columns.error().message();
    result.indexColumns = columns ? *columns : 0;
    result.receiptFormat = PaperFormat(paper("print.receipt_paper", Paper::Roll80), QPageLayout::Portrait);
    return result;
}

Result<PrintJobs::Done> PrintJobs::indexOfAlbums(const QList<qint64> &albumIds, const std::optional<QStringList> &select,
                                                 const PaperFormat &format, int columns, const Target &target,
                                                 const CancelToken *cancel, const IndexSheet::Progress &progress) const
{
    const Result<IndexSheetContent> content = PrintSources(m_lab).indexOfAlbums(albumIds, select);
    if (!content)
        return content.error();
    return printIndex(*content, format, columns, target, cancel, progress);
}

Result<PrintJobs::Done> PrintJobs::indexOfDisc(const QString &discId, std::optional<int> session,
                                               const std::optional<QStringList> &select, const PaperFormat &format,
                                               int columns, const Target &target, const CancelToken *cancel,
                                               const IndexSheet::Progress &progress) const
{
    const Result<IndexSheetContent> content = PrintSources(m_lab).indexOfDisc(discId, session, select);
    if (!content)
        return content.error();
    return printIndex(*content, format, columns, target, cancel, progress);
}

Result<PrintJobs::Done> PrintJobs::receiptOfHandin(qint64 customerId, std::optional<qint64> handinId,
                                                   const PaperFormat &format, const Target &target) const
{
    const Result<ReceiptContent> content = PrintSources(m_lab).receiptOfHandin(customerId, handinId);
    if (!content)
        return content.error();
    return printReceipt(*content, format, target);
}

Result<PrintJobs::Done> PrintJobs::receiptOfDisc(const QString &discId, std::optional<int> session,
                                                 const PaperFormat &format, const Target &target) const
{
    const Result<ReceiptContent> content = PrintSources(m_lab).receiptOfDisc(discId, session);
    if (!content)
        return content.error();
    return printReceipt(*content, format, target);
}

Result<PrintJobs::Done> PrintJobs::printIndex(const IndexSheetContent &content, const PaperFormat &format, int columns,
                                              const Target &target, const CancelToken *cancel,
                                              const IndexSheet::Progress &progress) const
{
    const PrintSources sources(m_lab);
    const PrintLanguage language(sources.customerLanguage(content.customerCode));
    const IndexSheet sheet(content, format, columns, language);
    Done done;
    done.pdfFile = target.printer.isEmpty() ? target.pdfFile : QString();
    done.printer = target.printer;
    done.photos = int(content.entries.size());
    done.selection = content.isSelection;
    const QString title = language.translate("Keepsake::PrintJobs", "Index print %1 %2")
                              .arg(content.customerCode, content.discId.isEmpty() ? content.albumTitles.join(QStringLiteral(", "))
                                                                                  : content.discId);
    const IndexSheet::ThumbnailLoader thumbnails = sources.thumbnails();
    const Status status = deliver(target, sheet.pageLayout(), title, [&](QPdfWriter &writer) {
        done.pages = sheet.pageCount(writer);
        return sheet.render(writer, thumbnails, cancel, progress);
    });
    if (!status)
        return status.error();
    return done;
}

Result<PrintJobs::Done> PrintJobs::printReceipt(const ReceiptContent &content, const PaperFormat &format,
                                                const Target &target) const
{
    const PrintLanguage language(PrintSources(m_lab).customerLanguage(content.customerCode));
    const Receipt receipt(content, format, language);
    Done done;
    done.pdfFile = target.printer.isEmpty() ? target.pdfFile : QString();
    done.printer = target.printer;
    done.pickupCode = PickupCode::display(content.pickupCode);
    const QString title = language.translate("Keepsake::PrintJobs", "Receipt %1 %2")
                              .arg(content.customerCode, done.pickupCode);
    const Status status = deliver(target, receipt.pageLayout(), title, [&](QPdfWriter &writer) {
        const Status drawn = receipt.render(writer);
        done.pages = drawn ? 1 : 0;
        return drawn;
    });
    if (!status)
        return status.error();
    return done;
}

} // namespace Keepsake
