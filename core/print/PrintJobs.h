// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "IndexSheet.h"
#include "PaperFormat.h"
#include "Receipt.h"
#include "base/CancelToken.h"
#include "base/Error.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Keepsake {

class Lab;

// Index sheets and receipts from the catalog to a PDF file or a CUPS queue, in the
// customer's language: what keepsakectl print and the disc recording run.
class PrintJobs
{
public:
    struct Target
    {
        QString pdfFile;   // written whole or not at all
        QString printer;   // else: a CUPS queue
    };
    struct Done
    {
        QString pdfFile;
        QString printer;
        int pages = 0;
        int photos = 0;
        bool selection = false;
        QString pickupCode;
    };
    // The lab's choices (settings print.index_paper, print.index_columns, print.receipt_paper).
    struct Settings
    {
        PaperFormat indexFormat;
        int indexColumns = 0;
        PaperFormat receiptFormat { Paper::Roll80, QPageLayout::Portrait };
    };

    explicit PrintJobs(const Lab &lab) : m_lab(lab) { }
    Settings labSettings() const;

    Result<Done> indexOfAlbums(const QList<qint64> &albumIds, const std::optional<QStringList> &select,
                               const PaperFormat &format, int columns, const Target &target,
                               const CancelToken *cancel = nullptr, const IndexSheet::Progress &progress = {}) const;
    Result<Done> indexOfDisc(const QString &discId, std::optional<int> session, const std::optional<QStringList> &select,
                             const PaperFormat &format, int columns, const Target &target,
                             const CancelToken *cancel = nullptr, const IndexSheet::Progress &progress = {}) const;
    Result<Done> receiptOfHandin(qint64 customerId, std::optional<qint64> handinId, const PaperFormat &format,
                                 const Target &target) const;
    Result<Done> receiptOfDisc(const QString &discId, std::optional<int> session, const PaperFormat &format,
                               const Target &target) const;

private:
    Result<Done> printIndex(const IndexSheetContent &content, const PaperFormat &format, int columns,
                            const Target &target, const CancelToken *cancel, const IndexSheet::Progress &progress) const;
    Result<Done> printReceipt(const ReceiptContent &content, const PaperFormat &format, const Target &target) const;

    const Lab &m_lab;
};

} // namespace Keepsake
