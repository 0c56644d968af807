// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "HandinReceipts.h"

#include "PrintLog.h"
#include "catalog/AlbumAccess.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"

#include <QFile>
#include <QTemporaryDir>

namespace Keepsake {

Result<qint64> HandinReceipts::customerOf(const Actor &actor, qint64 handinId) const
{
    SqlQuery handin(m_lab.catalog().db(), QStringLiteral("SELECT customer_id FROM handins WHERE id = :id"));
    handin.bind(QStringLiteral(":id"), handinId);
    if (Status status = handin.exec(); !status)
        return status.error();
    if (!handin.next())
        return Error::notFound(tr("There is no hand-in %1, so there is no receipt to print.").arg(handinId));
    const qint64 customerId = handin.integer(0);
    if (Status allowed = AlbumAccess::checkCustomer(m_lab.catalog().db(), actor, customerId, AlbumAccess::Need::Read);
        !allowed)
        return allowed.error();
    return customerId;
}

Result<PrintJobs::Done> HandinReceipts::print(const Actor &actor, qint64 handinId, const QString &printer) const
{
    const Result<qint64> customerId = customerOf(actor, handinId);
    if (!customerId)
        return customerId.error();
    const PrintJobs jobs(m_lab);
    const Result<PrintJobs::Done> done =
        jobs.receiptOfHandin(*customerId, handinId, jobs.labSettings().receiptFormat, { {}, printer });
    if (done)
        qCInfo(lcPrint) << "Receipt of hand-in" << handinId << "printed on" << printer << "for" << actor.auditText();
    return done;
}

Result<QByteArray> HandinReceipts::pdf(const Actor &actor, qint64 handinId) const
{
    const Result<qint64> customerId = customerOf(actor, handinId);
    if (!customerId)
        return customerId.error();
    QTemporaryDir folder;
    if (!folder.isValid())
        return Error::failure(tr("The receipt of hand-in %1 cannot be made: no temporary folder (%2). Check the "
                                 "free space of the temporary folder.").arg(handinId).arg(folder.errorString()));
    const QString file = folder.filePath(QStringLiteral("receipt.pdf"));
    const PrintJobs jobs(m_lab);
    const Result<PrintJobs::Done> done =
        jobs.receiptOfHandin(*customerId, handinId, jobs.labSettings().receiptFormat, { file, {} });
    if (!done)
        return done.error();
    QFile written(file);
    if (!written.open(QIODevice::ReadOnly))
        return Error::failure(tr("The receipt of hand-in %1 was made but cannot be read back: %2.")
                                  .arg(handinId).arg(written.errorString()));
    return written.readAll();
}

} // namespace Keepsake
