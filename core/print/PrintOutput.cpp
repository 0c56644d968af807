// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintOutput.h"

#include "PdfTextFix.h"
#include "PrintLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPdfWriter>
#include <QProcess>
#include <QTemporaryDir>
#include <QTemporaryFile>

#include <cstdio>

namespace Keepsake {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::PrintOutput", text);
}

} // namespace

Status PrintOutput::writePdf(const QString &file, const QPageLayout &layout, const QString &title, const Draw &draw)
{
    const QFileInfo target(file);
    if (!QDir().mkpath(target.absolutePath()))
        return Error::failure(tr("The folder %1 cannot be made; check its permissions.").arg(target.absolutePath()));
    QTemporaryFile drawn(target.absolutePath() + QStringLiteral("/.%1.XXXXXX.part").arg(target.fileName()));
    QTemporaryFile repaired(target.absolutePath() + QStringLiteral("/.%1.XXXXXX.part").arg(target.fileName()));
    if (!drawn.open() || !repaired.open())
        return Error::failure(tr("No PDF can be written into %1: %2. Check the free space and permissions.")
                                  .arg(target.absolutePath(), drawn.errorString()));
    {
        QPdfWriter writer(&drawn);
        writer.setResolution(PdfResolution);
        writer.setCreator(QStringLiteral("Keepsake ") + QStringLiteral(KEEPSAKE_VERSION));
        writer.setTitle(title);
        if (!writer.setPageLayout(layout))
            return Error::failure(tr("The page layout of %1 was refused by the PDF writer.").arg(file));
        if (Status status = draw(writer); !status)
            return status;
    }
    if (!drawn.flush())
        return Error::failure(tr("The PDF %1 could not be written: %2. Check the free space.")
                                  .arg(file, drawn.errorString()));
    repaired.close();
    const Result<bool> fixed = PdfTextFix::apply(drawn.fileName(), repaired.fileName());
    if (!fixed)
        return fixed.error();
    QTemporaryFile &result = *fixed ? repaired : drawn;
    // rename(2) replaces an older file of the same name in one step.
    if (std::rename(QFile::encodeName(result.fileName()).constData(), QFile::encodeName(file).constData()) != 0)
        return Error::failure(tr("The PDF %1 could not be put in place; check the folder's permissions.").arg(file));
    result.setAutoRemove(false);
    QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    qCDebug(lcPrint) << "Wrote" << file;
    return Status::success();
}

Status PrintOutput::repairPdf(const QString &file)
{
    const QFileInfo target(file);
    QTemporaryFile repaired(target.absolutePath() + QStringLiteral("/.%1.XXXXXX.part").arg(target.fileName()));
    if (!repaired.open())
        return Error::failure(tr("The PDF %1 cannot be repaired: no file can be made beside it (%2). Check the free "
                                 "space and permissions.").arg(file, repaired.errorString()));
    repaired.close();
    const Result<bool> fixed = PdfTextFix::apply(file, repaired.fileName());
    if (!fixed)
        return fixed.error().prefixed(tr("The PDF %1 was printed, but its text could not be repaired: ").arg(file));
    if (!*fixed)
        return Status::success();
    QFile::setPermissions(repaired.fileName(), QFile::permissions(file));
    if (std::rename(QFile::encodeName(repaired.fileName()).constData(), QFile::encodeName(file).constData()) != 0)
        return Error::failure(tr("The repaired PDF %1 could not be put in place; check the folder's permissions.").arg(file));
    repaired.setAutoRemove(false);
    qCDebug(lcPrint) << "Repaired the text of" << file;
    return Status::success();
}

Status PrintOutput::submitToPrinter(const QString &printer, const QString &pdfFile, const QString &title)
{
    QProcess lp;
    lp.start(QStringLiteral("lp"), { QStringLiteral("-d"), printer, QStringLiteral("-t"), title,
                                     QStringLiteral("--"), pdfFile });
    if (!lp.waitForStarted(10000))
        return Error::failure(tr("The print command lp could not be started (%1). Install CUPS's "
                                 "client (package cups-client) or print to a PDF file instead.").arg(lp.errorString()));
    if (!lp.waitForFinished(120000)) {
        lp.kill();
        lp.waitForFinished(5000);
        return Error::failure(tr("The printer %1 did not take the job within two minutes; check "
                                 "CUPS with lpstat -p %1.").arg(printer));
    }
    if (lp.exitStatus() != QProcess::NormalExit || lp.exitCode() != 0) {
        const QString said = QString::fromLocal8Bit(lp.readAllStandardError()).trimmed();
        return Error::failure(tr("The printer %1 did not take the job: %2. Check the queue's name "
                                 "with lpstat -p, or print to a PDF file instead.").arg(printer, said));
    }
    qCInfo(lcPrint) << "Submitted" << title << "to" << printer << QString::fromLocal8Bit(lp.readAllStandardOutput()).trimmed();
    return Status::success();
}

Status PrintOutput::print(const QString &printer, const QPageLayout &layout, const QString &title, const Draw &draw)
{
    QTemporaryDir folder;
    if (!folder.isValid())
        return Error::failure(tr("No temporary folder for the print job: %1.").arg(folder.errorString()));
    const QString file = folder.filePath(QStringLiteral("print.pdf"));
    if (Status status = writePdf(file, layout, title, draw); !status)
        return status;
    return submitToPrinter(printer, file, title);
}

} // namespace Keepsake
