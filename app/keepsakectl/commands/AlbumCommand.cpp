// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumCommand.h"

#include "Commands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace Keepsake {

namespace {

class AlbumCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumCommand)

public:
    QString name() const override { return QStringLiteral("album"); }
    QString description() const override { return tr("change one album: rule, date, cover, print selection"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        const QList<AlbumSubcommand> subs = albumRetentionSubcommands() + albumPrintSubcommands();
        const QString sub = args.size() > 1 ? args.at(1) : QString();
        for (const AlbumSubcommand &candidate : subs) {
            if (candidate.name != sub)
                continue;
            QStringList rest = args.mid(1);
            rest[0] = args.at(0) + QLatin1Char(' ') + sub;
            return candidate.run(context, rest);
        }
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
            QTextStream out(stdout);
            out << tr("Usage: keepsakectl album SUB-COMMAND ...\n");
            for (const AlbumSubcommand &candidate : subs)
                out << QStringLiteral("  %1").arg(candidate.name, -10) << candidate.description << '\n';
            return ExitDone;
        }
        context.console.error(tr("Unknown album sub-command \"%1\". See: keepsakectl album --help").arg(sub));
        return ExitUsage;
    }
};

} // namespace

std::unique_ptr<Command> makeAlbumCommand()
{
    return std::make_unique<AlbumCommand>();
}

} // namespace Keepsake
