// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PrintJobs.h"
#include "base/Actor.h"
#include "base/Error.h"

#include <QByteArray>
#include <QCoreApplication>

namespace Keepsake {

class Lab;

// The receipt of a hand-in for the one who handed it in (the kiosk prints it where the
// customer stands): on the lab's receipt paper (print.receipt_paper), in the customer's
// language, with the hand-in's pickup code and its QR code. A customer gets their own
// hand-ins' receipts; the clerk and the lab's jobs any; anyone else is refused.
class HandinReceipts
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::HandinReceipts)

public:
    explicit HandinReceipts(const Lab &lab) : m_lab(lab) { }

    // Printed on a CUPS queue of this machine.
    Result<PrintJobs::Done> print(const Actor &actor, qint64 handinId, const QString &printer) const;
    // As a PDF, for a kiosk that prints it on its own printer (a device's client).
    Result<QByteArray> pdf(const Actor &actor, qint64 handinId) const;

private:
    // The hand-in's customer, once the actor may have their receipt.
    Result<qint64> customerOf(const Actor &actor, qint64 handinId) const;

    const Lab &m_lab;
};

} // namespace Keepsake
