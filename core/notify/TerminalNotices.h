// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Notice.h"
#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QList>

namespace Keepsake {

class Catalog;
class Clock;

// The notices kept for a customer's terminals (the kiosk after sign-in, later the
// terminals at home): read and marked read by the customer themselves, the clerk
// or the system; a viewer, a device or another customer is refused.
class TerminalNotices
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::TerminalNotices)

public:
    TerminalNotices(const Catalog &catalog, const Clock &clock) : m_catalog(catalog), m_clock(clock) { }

    // Newest first; unreadOnly leaves out those marked read. A recorded album's notice
    // carries the day its copy is deleted.
    Result<QList<Notice>> forCustomer(const Actor &actor, qint64 customerId, bool unreadOnly) const;
    // The acting customer's or viewer's own notices (a viewer known only by address
    // has them too, on the web page); with afterId, those issued after that notice.
    Result<QList<Notice>> forSelf(const Actor &actor, bool unreadOnly, qint64 afterId = 0) const;
    Status markRead(const Actor &actor, qint64 noticeId) const;

private:
    const Catalog &m_catalog;
    const Clock &m_clock;
};

} // namespace Keepsake
