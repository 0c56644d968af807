// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KioskReceipts.h"

#include "PrintLog.h"
#include "catalog/AlbumAccess.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"

namespace Keepsake {

Result<QString> KioskReceipts::printer() const
{
    const Result<QString> queue = Settings(m_lab.catalog()).value(QStringLiteral("print.kiosk_printer"));
    if (!queue)
        return queue.error();
    return queue->trimmed();
}

Result<PrintJobs::Done> KioskReceipts::print(const Actor &actor, qint64 handinId) const
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
    const Result<QString> queue = printer();
    if (!queue)
        return queue.error();
    if (queue->isEmpty())
        return Error::refused(tr("No receipt printer is set up for the kiosk, so the receipt of hand-in %1 was not "
                                 "printed. The lab sets one with keepsakectl config set print.kiosk_printer QUEUE; "
                                 "meanwhile the pickup code on the screen is the receipt.").arg(handinId));
    const PrintJobs jobs(m_lab);
    const Result<PrintJobs::Done> done =
        jobs.receiptOfHandin(customerId, handinId, jobs.labSettings().receiptFormat, { {}, *queue });
    if (done)
        qCInfo(lcPrint) << "Receipt of hand-in" << handinId << "printed on" << *queue << "for" << actor.auditText();
    return done;
}

} // namespace Keepsake
