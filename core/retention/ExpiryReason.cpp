// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExpiryReason.h"

#include "catalog/Albums.h"

#include <QCoreApplication>
#include <QLocale>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ExpiryReason)
};

QString day(const QDate &date)
{
    return QLocale().toString(date, QStringLiteral("d MMM yyyy"));
}

// What the rule counts from: "rule 'X', handed in on ..." and its kin.
QString ruleBasis(const AlbumSummary &a)
{
    const QString handedIn = day(a.firstHandin.toLocalTime().date());
    if (a.ruleBasis == QLatin1String("last_view")) {
        if (a.lastViewed.isValid())
            return Tr::tr("rule '%1', last viewed on %2").arg(a.rule, day(a.lastViewed.toLocalTime().date()));
        return Tr::tr("rule '%1', not viewed since the hand-in on %2").arg(a.rule, handedIn);
    }
    if (a.ruleBasis == QLatin1String("plan")) {
        if (a.planEnds.isValid())
            return Tr::tr("rule '%1', the customer's plan ends on %2").arg(a.rule, day(a.planEnds));
        return Tr::tr("rule '%1', while the customer's plan lasts (no end date)").arg(a.rule);
    }
    return Tr::tr("rule '%1', handed in on %2").arg(a.rule, handedIn);
}

} // namespace

QString expiryReasonText(const AlbumSummary &a)
{
    const QString setOn = day(a.expirySetAt.toLocalTime().date());
    switch (a.state) {
    case AlbumState::Recorded:
        return Tr::tr("recorded on disc %1 on %2; hidden from customers, originals kept for the grace period")
            .arg(a.disc.isEmpty() ? Tr::tr("(not named)") : a.disc, day(a.recordedAt.toLocalTime().date()));
    case AlbumState::Purged:
        return Tr::tr("recorded on disc %1; originals deleted on %2")
            .arg(a.disc.isEmpty() ? Tr::tr("(not named)") : a.disc, day(a.purgedAt.toLocalTime().date()));
    default:
        break;
    }
    if (!a.expires.isValid())
        return Tr::tr("kept: %1").arg(ruleBasis(a));
    const QString expires = a.state == AlbumState::Expired ? Tr::tr("expired on %1").arg(day(a.expires))
                                                           : Tr::tr("expires on %1").arg(day(a.expires));
    if (a.expirySource == QLatin1String("extended"))
        return Tr::tr("%1: extended on %2 (%3)").arg(expires, setOn, ruleBasis(a));
    if (a.expirySource == QLatin1String("notice"))
        return Tr::tr("%1: moved on %2 so that owner and viewers get the full notice (%3)").arg(expires, setOn, ruleBasis(a));
    if (a.expirySource == QLatin1String("cap"))
        return Tr::tr("%1: brought forward on %2, the customer is over the storage cap (%3)").arg(expires, setOn, ruleBasis(a));
    if (a.expirySource == QLatin1String("restored"))
        return Tr::tr("%1: restored from its disc on %2, rule '%3' counted from then").arg(expires, setOn, a.rule);
    return Tr::tr("%1: %2").arg(expires, ruleBasis(a));
}

} // namespace Keepsake
