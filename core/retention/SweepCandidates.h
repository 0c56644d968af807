// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "notify/NoticeEvent.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

#include <vector>

namespace Keepsake {

// An album in its notice window that a sweep may change, with its owner and, when it
// is to be told, the viewers with permission now.
struct SweepCandidate
{
    qint64 id = 0;
    QString title;
    QString state;
    QDate expires;
    QDateTime noticeIssued;
    int photos = 0;
    NoticeRecipient owner;
    QList<NoticeRecipient> viewers;
};

// What one expiry sweep reads, set-based: one pass over the albums of the notice
// window along the expiry index, then their owners and viewers by id, a few hundred
// at a time. Only albums that may change now are read whole: `active` ones (to be
// told) and `expiring` ones past their date (to expire once told long enough ago);
// `expiring` albums not past their date wait and are only counted, from the index
// alone (`expiring` always comes with notice_issued_at: every writer sets or clears
// both). A dry run reads every album of the window, to list those that wait.
struct SweepCandidates
{
    std::vector<SweepCandidate> albums;   // by date, then id
    int waiting = 0;                      // counted, not in `albums`

    static Result<SweepCandidates> read(const QSqlDatabase &db, const QDate &today, int noticeDays, bool dryRun);
};

} // namespace Keepsake
