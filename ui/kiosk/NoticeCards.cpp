// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoticeCards.h"

#include "KioskLanguages.h"

namespace Keepsake {

namespace {

QString longDate(const QDate &date)
{
    return dateInWords(date);
}

QString albumLine(const Notice &notice)
{
    return notice.albumTitle.isEmpty() ? QString() : NoticeCards::tr("Album: %1").arg(notice.albumTitle);
}

} // namespace

NoticeCard NoticeCards::card(const Notice &notice, const QDate &today)
{
    NoticeCard card;
    const bool viewer = notice.role == QLatin1String("viewer");
    if (!notice.eventDate.isValid()) {
        // A device of an earlier version sent no kind nor date: its subject stands for it.
        card.what = notice.subject;
        card.album = albumLine(notice);
    } else if (notice.kind == NoticeEvent::Kind::Recorded) {
        card = recorded(notice, viewer);
    } else {
        card = expiring(notice, today, viewer);
    }
    card.fullText = notice.subject + QStringLiteral("\n\n") + notice.body;
    card.unread = notice.state == QLatin1String("stored");
    return card;
}

NoticeCard NoticeCards::expiring(const Notice &notice, const QDate &today, bool viewer)
{
    NoticeCard card;
    card.album = albumLine(notice);
    const bool past = notice.eventDate < today;
    if (viewer) {
        card.what = past ? tr("Shared with you: the album has expired") : tr("Shared with you: the album expires soon");
        card.when = past ? tr("Could be viewed until %1").arg(longDate(notice.eventDate))
                         : tr("You can view it until %1").arg(longDate(notice.eventDate));
        card.todo = tr("Look at it before then: after that only its owner gets it back, on disc.");
        return card;
    }
    card.what = past ? tr("Your album has expired") : tr("Your album expires soon");
    card.when = past ? tr("Expired on %1").arg(longDate(notice.eventDate))
                     : tr("Kept until %1").arg(longDate(notice.eventDate));
    card.todo = past ? tr("It is recorded on a disc for you. To keep it longer instead, ask at the counter.")
                     : tr("To keep it longer, ask at the counter. Otherwise it is recorded on a disc for you.");
    return card;
}

NoticeCard NoticeCards::recorded(const Notice &notice, bool viewer)
{
    NoticeCard card;
    card.album = albumLine(notice);
    card.when = tr("Recorded on %1").arg(longDate(notice.eventDate));
    if (viewer) {
        card.what = tr("Shared with you: the album went to its owner on disc");
        card.todo = tr("You can no longer view it here.");
        return card;
    }
    card.what = tr("Your album is on a disc");
    if (notice.copyDeletedOn.isValid())   // not the old expiry date: the day the lab's copy goes
        card.when = tr("Recorded on %1. The lab deletes its copy on %2.")
                        .arg(longDate(notice.eventDate), longDate(notice.copyDeletedOn));
    card.todo = notice.pickupCode.isEmpty()
        ? tr("Pick up your disc at the counter.")
        : tr("Pick up disc %1 at the counter with the code %2.").arg(notice.discId, notice.pickupCode);
    return card;
}

} // namespace Keepsake
