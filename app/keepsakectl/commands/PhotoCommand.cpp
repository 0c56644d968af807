// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsakectl photo caption (CLI.md; issue 17).
#include "Command.h"
#include "Commands.h"
#include "catalog/AlbumChoices.h"
#include "catalog/AuditLog.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

class PhotoCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PhotoCommand)

public:
    QString name() const override { return QStringLiteral("photo"); }
    QString description() const override { return tr("a photo's caption (photo caption --photo PHOTO --text TEXT)"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        const QString sub = args.size() > 1 ? args.at(1) : QString();
        if (sub == QLatin1String("caption")) {
            QStringList rest = args.mid(1);
            rest[0] = args.at(0) + QLatin1Char(' ') + sub;
            return caption(context, rest);
        }
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
            QTextStream(stdout) << tr("Usage: keepsakectl photo caption --photo PHOTO --text TEXT\n"
                                      "  caption   set or clear a photo's caption\n");
            return ExitDone;
        }
        return context.fail(Error::usage(sub.isEmpty() ? tr("Say what to do: keepsakectl photo caption ...")
                                                       : tr("There is no 'photo %1'; try keepsakectl photo caption.").arg(sub)));
    }

private:
    static int caption(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl photo caption --photo PHOTO --text TEXT"),
                        tr("Sets a photo's caption: it goes into the photo's sidecar and album.json on its disc and "
                           "under its picture on index prints. --text \"\" clears it."),
                        QStringLiteral("keepsakectl photo caption --photo 42 --text \"Grandma in the garden, summer 1998\""));
        p.addOption({ QStringLiteral("photo"), tr("the photo's ID, as photos --json prints it"), tr("PHOTO") });
        p.addOption({ QStringLiteral("text"), tr("the caption; empty clears it"), tr("TEXT") });
        if (auto done = p.parse(context, args))
            return *done;
        bool isNumber = false;
        const qint64 photo = p.value(QStringLiteral("photo")).toLongLong(&isNumber);
        if (!p.isSet(QStringLiteral("photo")) || !isNumber || photo <= 0)
            return context.fail(Error::usage(tr("Name the photo by its ID: --photo PHOTO (keepsakectl photos --album "
                                                "ALBUM lists them).")));
        if (!p.isSet(QStringLiteral("text")))
            return context.fail(Error::usage(tr("Give the caption: --text TEXT (--text \"\" clears it).")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const AlbumChoices choices(lab->catalog(), Actor::system(AuditLog::currentActor(QStringLiteral("keepsakectl"))));
        const QString text = p.value(QStringLiteral("text")).simplified();
        if (Status status = choices.setCaption(photo, text, context.clock.now()); !status)
            return context.fail(status.error());
        context.console.item({ { QStringLiteral("photo"), photo }, { QStringLiteral("caption"), text } },
                             text.isEmpty() ? tr("Photo %1: caption cleared").arg(photo)
                                            : tr("Photo %1: caption \"%2\"").arg(photo).arg(text));
        context.console.summary({ { QStringLiteral("changed"), 1 } });
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makePhotoCommand()
{
    return std::make_unique<PhotoCommand>();
}

} // namespace Keepsake
