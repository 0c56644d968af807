// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"
#include "Commands.h"
#include "usb/UsbCamera.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

// `keepsakectl usb`: the cameras and phones on USB, for `ingest --usb PORT`.
class UsbCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::UsbCommand)

public:
    QString name() const override { return QStringLiteral("usb"); }
    QString description() const override { return tr("cameras and phones connected by USB"); }
    // What is plugged into this computer, also when the lab is a device over the network.
    bool hasClientMode() const override { return true; }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl usb"),
                        tr("Lists the cameras and phones connected to this computer by USB that libgphoto2 reads "
                           "(PTP, MTP): their model and port. Hand one in with: ingest --customer C --usb PORT. "
                           "A phone shows up only while it is unlocked and allows this computer in."),
                        QStringLiteral("keepsakectl usb --json"));
        if (auto done = p.parse(context, args))
            return *done;
        const Result<QList<UsbCamera>> cameras = UsbCameras::detect();
        if (!cameras)
            return context.fail(cameras.error());
        for (const UsbCamera &camera : *cameras) {
            context.console.item({ { QStringLiteral("model"), camera.model }, { QStringLiteral("port"), camera.port } },
                                 QStringLiteral("%1  %2").arg(camera.port, camera.model));
        }
        context.console.summary({ { QStringLiteral("cameras"), cameras->size() } },
                                cameras->isEmpty()
                                    ? tr("No camera or phone on USB. A phone shows up only while it is unlocked "
                                         "and allows this computer in.")
                                    : tr("%n camera(s) or phone(s); hand one in with: keepsakectl ingest --customer C "
                                         "--usb PORT", nullptr, int(cameras->size())));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeUsbCommand()
{
    return std::make_unique<UsbCommand>();
}

} // namespace Keepsake
