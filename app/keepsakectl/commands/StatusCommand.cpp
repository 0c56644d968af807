// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"
#include "Commands.h"
#include "base/ByteSize.h"
#include "lab/LabOverview.h"
#include "net/LabRecords.h"
#include "ClientMode.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::StatusCommand", text);
}

class StatusCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("status"); }
    QString description() const override { return tr("the lab at a glance"); }
    bool hasClientMode() const override { return true; }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl status"),
                        tr("Shows customers, albums by state, the store's size and free space, and failures."),
                        QStringLiteral("keepsakectl --data-dir /srv/keepsake status --json"));
        if (auto done = p.parse(context, args))
            return *done;
        if (DeviceClient *device = context.device())
            return ClientMode::status(context, *device);
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<LabOverview> overview = LabOverview::read(*lab);
        if (!overview)
            return context.fail(overview.error());
        const LabOverview &o = *overview;
        QStringList stateText;
        for (auto it = o.albumsByState.cbegin(); it != o.albumsByState.cend(); ++it) {
            stateText.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
        }
        const QString text = tr("Data folder: %1\nCatalog:     %2 (schema %3)\nCustomers:   %4\n"
                                "Albums:      %5\nPhotos:      %6 in %7 stored files, %8\n"
                                "Free space:  %9\nFailed hand-ins: %10")
                                 .arg(o.dataDir, o.catalog).arg(o.schemaVersion).arg(o.customers)
                                 .arg(stateText.join(QStringLiteral(", "))).arg(o.photos).arg(o.storedFiles)
                                 .arg(formatBytes(o.storedBytes), o.freeBytes >= 0 ? formatBytes(o.freeBytes) : tr("unknown"))
                                 .arg(o.handinsFailed)
                            + (o.handinsInterrupted > 0
                                   ? QLatin1Char('\n') + tr("Interrupted hand-ins: %1 (their program ended before they did; "
                                                            "the photos stored stay, hand those cards in again)")
                                                             .arg(o.handinsInterrupted)
                                   : QString());
        context.console.summary(LabRecords::overview(o),
                                text);
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeStatusCommand()
{
    return std::make_unique<StatusCommand>();
}

} // namespace Keepsake
