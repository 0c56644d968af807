// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PrintJobs.h"
#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>

namespace Keepsake {

class Lab;

// The receipt of a hand-in printed at the kiosk, where the customer stands: on the
// lab's kiosk receipt printer (the CUPS queue of setting print.kiosk_printer; none: the
// kiosk shows the receipt on its screen only), on the lab's receipt paper, in the
// customer's language. A customer prints their own hand-ins' receipts; the clerk and
// the lab's jobs any; anyone else is refused.
class KioskReceipts
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::KioskReceipts)

public:
    explicit KioskReceipts(const Lab &lab) : m_lab(lab) { }

    // The kiosk's receipt printer; empty: none is set up.
    Result<QString> printer() const;
    Result<PrintJobs::Done> print(const Actor &actor, qint64 handinId) const;

private:
    const Lab &m_lab;
};

} // namespace Keepsake
