// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"
#include "Commands.h"
#include "ClientMode.h"
#include "JsonRecords.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Keepsake::AlbumsCommand", text, disambiguation, n);
}

class AlbumsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("albums"); }
    QString description() const override { return tr("the albums a customer can reach now"); }
    bool hasClientMode() const override { return true; }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl albums --customer C [--all]"),
                        tr("Lists the albums the customer can reach now (owned and shared)."),
                        QStringLiteral("keepsakectl albums --customer C1 --all --json"));
        p.addOption({ QStringLiteral("customer"), tr("the customer"), tr("C") });
        p.addOption({ QStringLiteral("all"), tr("also recorded and purged albums (for the clerk)") });
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("customer")))
            return context.fail(Error::usage(tr("Name the customer: --customer CODE.")));
        if (DeviceClient *device = context.device())
            return ClientMode::albums(context, *device, p.value(QStringLiteral("customer")), p.isSet(QStringLiteral("all")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<Customer> customer = Customers(lab->catalog()).byCode(p.value(QStringLiteral("customer")));
        if (!customer)
            return context.fail(customer.error());
        const auto albums = Albums(lab->catalog()).customerView(customer->id, p.isSet(QStringLiteral("all")));
        if (!albums)
            return context.fail(albums.error());
        qint64 photos = 0;
        qint64 bytes = 0;
        for (const AlbumSummary &album : *albums) {
            context.console.item(albumJson(album), albumLine(album));
            photos += album.photos;
            bytes += album.bytes;
        }
        context.console.summary({ { QStringLiteral("albums"), albums->size() },
                                  { QStringLiteral("photos"), photos },
                                  { QStringLiteral("bytes"), bytes } },
                                tr("%n album(s)", nullptr, int(albums->size())));
        return ExitDone;
    }
};

class PhotosCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumsCommand)

public:
    QString name() const override { return QStringLiteral("photos"); }
    QString description() const override { return tr("every stored photo of an album"); }
    bool hasClientMode() const override { return true; }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl photos --album ALBUM [--customer C]"),
                        tr("Lists every stored photo of an album, new versions included."),
                        QStringLiteral("keepsakectl photos --customer C1 --album 2026-06-01 --json"));
        p.addOption({ QStringLiteral("album"), tr("the album's ID, or its title with --customer"), tr("ALBUM") });
        p.addOption({ QStringLiteral("customer"), tr("the album's owner"), tr("C") });
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("album")))
            return context.fail(Error::usage(tr("Name the album: --album ID.")));
        if (DeviceClient *device = context.device())
            return ClientMode::photos(context, *device, p.value(QStringLiteral("album")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        std::optional<qint64> owner;
        if (p.isSet(QStringLiteral("customer"))) {
            const Result<Customer> customer = Customers(lab->catalog()).byCode(p.value(QStringLiteral("customer")));
            if (!customer)
                return context.fail(customer.error());
            owner = customer->id;
        }
        const Albums albums(lab->catalog());
        const Result<AlbumSummary> album = albums.resolve(p.value(QStringLiteral("album")), owner);
        if (!album)
            return context.fail(album.error());
        const auto photos = albums.photos(album->id);
        if (!photos)
            return context.fail(photos.error());
        for (const PhotoRecord &photo : *photos)
            context.console.item(photoJson(photo), photoLine(photo));
        context.console.summary({ { QStringLiteral("album"), album->id },
                                  { QStringLiteral("photos"), photos->size() },
                                  { QStringLiteral("bytes"), album->bytes } },
                                tr("%n photo(s) in album %1", nullptr, int(photos->size())).arg(album->title));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeAlbumsCommand()
{
    return std::make_unique<AlbumsCommand>();
}

std::unique_ptr<Command> makePhotosCommand()
{
    return std::make_unique<PhotosCommand>();
}

} // namespace Keepsake
