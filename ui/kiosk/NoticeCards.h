// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/Notice.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace Keepsake {

// A notice as a short card in the kiosk's language, worded from its kind and data
// (not from the mail, which is in the language the customer had when it was sent):
// what happens, to which album, until when, and what to do about it.
struct NoticeCard
{
    QString what;      // "Album expires soon", "Shared with you: album expired", ...
    QString album;     // the album's title
    QString when;      // "Kept until Friday, 12 June 2026"
    QString todo;      // what the customer can do
    QString fullText;  // the whole notice as it was sent, shown on a tap
    bool unread = false;
};

class NoticeCards
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::NoticeCards)

public:
    static NoticeCard card(const Notice &notice, const QDate &today);

private:
    static NoticeCard expiring(const Notice &notice, const QDate &today, bool viewer);
    static NoticeCard recorded(const Notice &notice, bool viewer);
};

} // namespace Keepsake
