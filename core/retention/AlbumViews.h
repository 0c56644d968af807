// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace Keepsake {

class Catalog;
class Clock;

// What a view did to an album: whether it counted, whether its date moved, and the
// album's date and state after it.
struct ViewOutcome
{
    qint64 albumId = 0;
    bool counted = false;   // a customer's view: the album's last view is now
    bool moved = false;     // its "keep N days after the last view" rule dated it anew
    QDate expires;          // its last day now (invalid: kept while a plan lasts)
    QString state;          // "active", "expiring", ...
};

// A customer opened an album (at the kiosk, on the web page): the view is recorded
// and an album under a last-view rule is dated from it (AlbumLife::viewed). Who may
// read the album (AlbumAccess, Need::Read: the owner, a viewer it is shared with)
// counts; the clerk and the lab's jobs look without counting; anyone else is refused.
// An album that went onto a disc is not touched.
class AlbumViews
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumViews)

public:
    AlbumViews(const Catalog &catalog, const Clock &clock) : m_catalog(catalog), m_clock(clock) { }

    Result<ViewOutcome> record(const Actor &actor, qint64 albumId) const;

private:
    const Catalog &m_catalog;
    const Clock &m_clock;
};

} // namespace Keepsake
