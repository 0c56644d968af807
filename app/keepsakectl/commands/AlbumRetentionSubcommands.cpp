// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsakectl album set-rule | extend | restore.
#include "AlbumCommand.h"
#include "AlbumLookup.h"
#include "JsonRecords.h"
#include "retention/AlbumStorage.h"
#include "retention/ExpiryReason.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumRetentionSubcommands)
};

void addAlbumOptions(CommandParser &p)
{
    p.addOption({ QStringLiteral("album"), Tr::tr("the album's ID, or its title with --customer"), Tr::tr("ALBUM") });
    p.addOption({ QStringLiteral("customer"), Tr::tr("the album's owner"), Tr::tr("C") });
}

// Runs the change (an operation of AlbumStorage) and prints the album as it is afterwards.
int change(CtlContext &context, const CommandParser &p, const QString &done,
           const std::function<Status(const AlbumStorage &, qint64)> &work)
{
    if (!p.isSet(QStringLiteral("album")))
        return context.fail(Error::usage(Tr::tr("Name the album: --album ID.")));
    Lab *lab = context.lab();
    if (!lab)
        return ExitFailed;
    const Result<AlbumSummary> album = resolveAlbum(*lab, p.value(QStringLiteral("album")), p.value(QStringLiteral("customer")));
    if (!album)
        return context.fail(album.error());
    const Status status = work(AlbumStorage(lab->catalog(), context.clock), album->id);
    if (!status)
        return context.fail(status.error());
    const Result<AlbumSummary> after = Albums(lab->catalog()).byId(album->id);
    if (!after)
        return context.fail(after.error());
    context.console.item(albumJson(*after), done.arg(after->id).arg(after->title) + QStringLiteral(": ") + expiryReasonText(*after));
    return ExitDone;
}

int setRule(CtlContext &context, const QStringList &args)
{
    CommandParser p(QStringLiteral("keepsakectl album set-rule --album ALBUM --rule NAME"),
                    Tr::tr("Gives an album another retention rule; its date follows the new rule."),
                    QStringLiteral("keepsakectl album set-rule --album 12 --rule \"Premium 1 year\""));
    addAlbumOptions(p);
    p.addOption({ QStringLiteral("rule"), Tr::tr("the rule's name (keepsakectl rule list)"), Tr::tr("NAME") });
    if (auto done = p.parse(context, args))
        return *done;
    if (!p.isSet(QStringLiteral("rule")))
        return context.fail(Error::usage(Tr::tr("Name the rule: --rule NAME.")));
    return change(context, p, Tr::tr("Album %1 (%2) has a new rule"), [&](const AlbumStorage &storage, qint64 id) {
        return storage.setRule(context.actor(), id, p.value(QStringLiteral("rule")));
    });
}

int extend(CtlContext &context, const QStringList &args)
{
    CommandParser p(QStringLiteral("keepsakectl album extend --album ALBUM (--days N | --until DATE)"),
                    Tr::tr("Keeps an album longer, as the customer asked; it becomes active with the new date."),
                    QStringLiteral("keepsakectl album extend --album 12 --days 30"));
    addAlbumOptions(p);
    p.addOption({ QStringLiteral("days"), Tr::tr("days added to the album's current date"), Tr::tr("N") });
    p.addOption({ QStringLiteral("until"), Tr::tr("the new last day"), Tr::tr("DATE") });
    if (auto done = p.parse(context, args))
        return *done;
    if (p.isSet(QStringLiteral("days")) == p.isSet(QStringLiteral("until")))
        return context.fail(Error::usage(Tr::tr("Give either --days N or --until DATE.")));
    return change(context, p, Tr::tr("Album %1 (%2) is extended"), [&](const AlbumStorage &storage, qint64 id) -> Status {
        if (p.isSet(QStringLiteral("days"))) {
            bool ok = false;
            const int days = p.value(QStringLiteral("days")).toInt(&ok);
            if (!ok || days < 1)
                return Error::usage(Tr::tr("--days takes a positive whole number."));
            return storage.extendBy(context.actor(), { id }, days);
        }
        const QDate until = QDate::fromString(p.value(QStringLiteral("until")), Qt::ISODate);
        if (!until.isValid())
            return Error::usage(Tr::tr("--until takes a date like 2027-01-31."));
        return storage.extendUntil(context.actor(), { id }, until);
    });
}

int restore(CtlContext &context, const QStringList &args)
{
    CommandParser p(QStringLiteral("keepsakectl album restore --album ALBUM"),
                    Tr::tr("Brings a recorded album back from its grace period: active again, dated by its rule from today."),
                    QStringLiteral("keepsakectl album restore --album 12"));
    addAlbumOptions(p);
    if (auto done = p.parse(context, args))
        return *done;
    return change(context, p, Tr::tr("Album %1 (%2) is restored"), [&](const AlbumStorage &storage, qint64 id) {
        return storage.restore(context.actor(), { id });
    });
}

} // namespace

QList<AlbumSubcommand> albumRetentionSubcommands()
{
    return {
        { QStringLiteral("set-rule"), Tr::tr("give an album another retention rule"), setRule },
        { QStringLiteral("extend"), Tr::tr("keep an album longer (--days N or --until DATE)"), extend },
        { QStringLiteral("restore"), Tr::tr("bring a recorded album back from its grace period"), restore },
    };
}

} // namespace Keepsake
