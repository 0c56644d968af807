// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QList>
#include <QPageLayout>

#include <functional>
#include <optional>

class QPrintPreviewDialog;
class QPagedPaintDevice;
class QWidget;

namespace Keepsake {

class Lab;

// Index sheets and receipts shown in a print preview before they go to a printer
// (a CUPS queue, or a PDF file where the clerk chooses "Print to File"). The pages
// are drawn by core/print onto the preview's QPrinter, in the customer's language.
class PrintPreview
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PrintPreview)

public:
    // A print read from the catalog, ready to be drawn onto any paged device (the
    // preview's QPrinter, a QPdfWriter) as often as the preview asks.
    struct Document
    {
        QString title;
        QPageLayout layout;
        std::function<Status(QPagedPaintDevice &device)> draw;
    };

    // The index sheet of what a disc session holds, and the receipt of that order.
    static Result<Document> indexOfDisc(const Lab &lab, const QString &discId, std::optional<int> session);
    static Result<Document> receiptOfDisc(const Lab &lab, const QString &discId, std::optional<int> session);
    // The receipt of a hand-in, with its pickup code.
    static Result<Document> receiptOfHandin(const Lab &lab, qint64 customerId, qint64 handinId);
    // The index sheet of albums not yet on a disc (their print selections).
    static Result<Document> indexOfAlbums(const Lab &lab, const QList<qint64> &albumIds);

    // Opens the preview (modal) with a printer set up for the document.
    static void show(QWidget *parent, const Document &document);

    // Test hook: instead of running the dialog modally, it is handed to this function
    // (which may show it, read its pages and close it). Cleared with an empty function.
    static void setDialogHook(std::function<void(QPrintPreviewDialog &dialog)> hook);
};

} // namespace Keepsake
