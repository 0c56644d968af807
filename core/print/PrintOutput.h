// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QPageLayout>
#include <QString>

#include <functional>

class QPdfWriter;

namespace Keepsake {

// Where a print goes: a PDF file, or a CUPS queue (core renders the PDF and hands it
// to CUPS with lp; the GUI prints through QPrinter instead).
class PrintOutput
{
public:
    using Draw = std::function<Status(QPdfWriter &)>;

    // The resolution of every PDF Keepsake writes (also what a receipt is measured at
    // to know its roll's length before it is drawn).
    static constexpr int PdfResolution = 600;

    // Draws onto a QPdfWriter with the given layout and writes 'file' whole or not at
    // all: a temporary file beside it is renamed into place when complete.
    static Status writePdf(const QString &file, const QPageLayout &layout, const QString &title, const Draw &draw);

    // Repairs the text map of a PDF that Qt wrote elsewhere (a print preview's "Print
    // to File"), in place: the file is replaced whole by its repaired copy, or left as
    // it was when it needs no repair (PdfTextFix).
    static Status repairPdf(const QString &file);

    // Hands a PDF to the CUPS queue 'printer' (lp -d), reporting CUPS's own words when
    // it refuses.
    static Status submitToPrinter(const QString &printer, const QString &pdfFile, const QString &title);

    // Renders to a temporary PDF and submits it.
    static Status print(const QString &printer, const QPageLayout &layout, const QString &title, const Draw &draw);
};

} // namespace Keepsake
