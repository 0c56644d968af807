// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumCommand.h"

#include "catalog/AlbumChoices.h"
#include "catalog/Albums.h"
#include "catalog/AuditLog.h"
#include "catalog/Customers.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumPrintSubcommands)
};

// The album named by --album (and --customer); reports the error itself.
std::optional<AlbumSummary> namedAlbum(CtlContext &context, const CommandParser &p, Lab &lab, int &exitCode)
{
    if (!p.isSet(QStringLiteral("album"))) {
        exitCode = context.fail(Error::usage(Tr::tr("Name the album: --album ALBUM.")));
        return std::nullopt;
    }
    std::optional<qint64> owner;
    if (p.isSet(QStringLiteral("customer"))) {
        const Result<Customer> customer = Customers(lab.catalog()).byCode(p.value(QStringLiteral("customer")));
        if (!customer) {
            exitCode = context.fail(customer.error());
            return std::nullopt;
        }
        owner = customer->id;
    }
    const Result<AlbumSummary> album = Albums(lab.catalog()).resolve(p.value(QStringLiteral("album")), owner);
    if (!album) {
        exitCode = context.fail(album.error());
        return std::nullopt;
    }
    return *album;
}

int runCover(CtlContext &context, const QStringList &args)
{
    CommandParser p(QStringLiteral("keepsakectl album cover --album ALBUM [--customer C] --photo PHOTO"),
                    Tr::tr("Chooses the album's cover photo: shown first on its disc and marked on its index print."),
                    QStringLiteral("keepsakectl album cover --customer C1 --album Holiday --photo IMG_0042.JPG"));
    p.addOption({ QStringLiteral("album"), Tr::tr("the album's ID, or its title with --customer"), Tr::tr("ALBUM") });
    p.addOption({ QStringLiteral("customer"), Tr::tr("the album's owner"), Tr::tr("C") });
    p.addOption({ QStringLiteral("photo"), Tr::tr("the photo's ID or original file name"), Tr::tr("PHOTO") });
    if (auto done = p.parse(context, args))
        return *done;
    if (!p.isSet(QStringLiteral("photo")))
        return context.fail(Error::usage(Tr::tr("Name the photo: --photo PHOTO (its ID or original file name).")));
    Lab *lab = context.lab();
    if (!lab)
        return ExitFailed;
    int exitCode = ExitDone;
    const std::optional<AlbumSummary> album = namedAlbum(context, p, *lab, exitCode);
    if (!album)
        return exitCode;
    const AlbumChoices choices(lab->catalog(), Actor::system(AuditLog::currentActor(QStringLiteral("keepsakectl"))));
    const Result<qint64> photo = choices.resolvePhoto(album->id, p.value(QStringLiteral("photo")));
    if (!photo)
        return context.fail(photo.error());
    if (Status status = choices.setCover(album->id, *photo, context.clock.now()); !status)
        return context.fail(status.error());
    context.console.item({ { QStringLiteral("album"), album->id }, { QStringLiteral("cover"), *photo } },
                         Tr::tr("Album %1 \"%2\": cover photo %3").arg(album->id).arg(album->title).arg(*photo));
    context.console.summary({ { QStringLiteral("changed"), 1 } });
    return ExitDone;
}

int runSelect(CtlContext &context, const QStringList &args)
{
    CommandParser p(QStringLiteral("keepsakectl album select --album ALBUM [--customer C] (--photos PHOTO,... | --clear)"),
                    Tr::tr("Chooses the photos of the album's index print (claim 9); --clear prints all again."),
                    QStringLiteral("keepsakectl album select --customer C1 --album Holiday --photos 12,14,IMG_0042.JPG"));
    p.addOption({ QStringLiteral("album"), Tr::tr("the album's ID, or its title with --customer"), Tr::tr("ALBUM") });
    p.addOption({ QStringLiteral("customer"), Tr::tr("the album's owner"), Tr::tr("C") });
    p.addOption({ QStringLiteral("photos"), Tr::tr("photo IDs or original file names, comma-separated or repeated"), Tr::tr("PHOTO") });
    p.addOption({ QStringLiteral("clear"), Tr::tr("no selection: the index print shows every photo") });
    if (auto done = p.parse(context, args))
        return *done;
    const QStringList wanted = p.values(QStringLiteral("photos"));
    if (wanted.isEmpty() == !p.isSet(QStringLiteral("clear")))
        return context.fail(Error::usage(Tr::tr("Give the photos (--photos PHOTO,...) or --clear.")));
    Lab *lab = context.lab();
    if (!lab)
        return ExitFailed;
    int exitCode = ExitDone;
    const std::optional<AlbumSummary> album = namedAlbum(context, p, *lab, exitCode);
    if (!album)
        return exitCode;
    const AlbumChoices choices(lab->catalog(), Actor::system(AuditLog::currentActor(QStringLiteral("keepsakectl"))));
    const Result<QList<qint64>> photos = choices.resolvePhotos(album->id, wanted);
    if (!photos)
        return context.fail(photos.error());
    if (Status status = choices.setSelection(album->id, *photos, context.clock.now()); !status)
        return context.fail(status.error());
    QJsonArray ids;
    for (const qint64 id : *photos)
        ids.append(id);
    context.console.item({ { QStringLiteral("album"), album->id }, { QStringLiteral("selection"), ids } },
                         photos->isEmpty()
                             ? Tr::tr("Album %1 \"%2\": the index print shows every photo").arg(album->id).arg(album->title)
                             : Tr::tr("Album %1 \"%2\": %n photo(s) chosen for the index print", nullptr, int(photos->size()))
                                   .arg(album->id).arg(album->title));
    context.console.summary({ { QStringLiteral("selected"), ids.size() } });
    return ExitDone;
}

} // namespace

QList<AlbumSubcommand> albumPrintSubcommands()
{
    return {
        { QStringLiteral("cover"), Tr::tr("choose the album's cover photo"), runCover },
        { QStringLiteral("select"), Tr::tr("choose the photos of the album's index print"), runSelect },
    };
}

} // namespace Keepsake
