// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscPrints.h"

#include "PrintJobs.h"
#include "lab/Lab.h"

#include <QDir>

namespace Keepsake {

Result<DiscPrints::Produced> DiscPrints::produce(const Lab &lab, const QString &discId, int sessionNumber,
                                                 const Output &output)
{
    const PrintJobs jobs(lab);
    const PrintJobs::Settings settings = jobs.labSettings();
    const QString folder = output.outputDir.isEmpty() ? lab.path(QStringLiteral("prints/") + discId) : output.outputDir;
    const auto target = [&](const QString &name) {
        PrintJobs::Target t;
        t.printer = output.printer;
        if (output.printer.isEmpty())
            t.pdfFile = QDir(folder).filePath(QStringLiteral("%1-session-%2.pdf").arg(name).arg(sessionNumber));
        return t;
    };
    Produced produced;
    Result<PrintJobs::Done> index = jobs.indexOfDisc(discId, sessionNumber, std::nullopt, settings.indexFormat,
                                                      settings.indexColumns, target(QStringLiteral("index")));
    if (!index)
        return index.error();
    if (!index->pdfFile.isEmpty())
        produced.files.append(index->pdfFile);
    Result<PrintJobs::Done> receipt = jobs.receiptOfDisc(discId, sessionNumber, settings.receiptFormat,
                                                         target(QStringLiteral("receipt")));
    if (!receipt)
        return receipt.error();
    if (!receipt->pdfFile.isEmpty())
        produced.files.append(receipt->pdfFile);
    return produced;
}

} // namespace Keepsake
