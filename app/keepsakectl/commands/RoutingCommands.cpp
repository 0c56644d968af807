// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Where photos are kept and what waits to get there (CLI.md, "Network"):
// keepsakectl camera add|list|remove and queue.
#include "ChainRecords.h"
#include "ClientMode.h"
#include "Command.h"
#include "Commands.h"
#include "catalog/Cameras.h"
#include "catalog/Customers.h"
#include "catalog/Devices.h"
#include "catalog/ForwardQueue.h"
#include "lab/Lab.h"
#include "web/PhoneAddresses.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLocale>

namespace Keepsake {

namespace {

class CameraCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::RoutingCommands)

public:
    QString name() const override { return QStringLiteral("camera"); }
    QString description() const override { return tr("the device that keeps a camera body's photos: add, list, remove"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        const QString sub = args.size() > 1 ? args.at(1) : QString();
        if (sub == QLatin1String("add"))
            return add(context, subcommandArgs(args));
        if (sub == QLatin1String("list"))
            return list(context, subcommandArgs(args));
        if (sub == QLatin1String("remove"))
            return remove(context, subcommandArgs(args));
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
            QTextStream(stdout) << tr("Usage: keepsakectl camera add|list|remove ...\n"
                                      "  add     keep a camera body's photos on a device, wherever they are handed in\n"
                                      "  list    the registered cameras\n"
                                      "  remove  forget a camera's registration\n"
                                      "Example:\n  keepsakectl camera add --serial 380319450 --make Canon --device store-berlin\n");
            return ExitDone;
        }
        return context.fail(Error::usage(tr("Say what to do with cameras: add, list or remove. "
                                            "See: keepsakectl camera --help")));
    }

private:
    int add(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl camera add --serial SERIAL [--make MAKE] --device DEVICE"),
                        tr("Registers a camera body: its photos are kept on the device named, whichever device "
                           "receives them. The serial matches regardless of case; with --make, the camera's make "
                           "must be that make (\"Nikon\" matches \"NIKON CORPORATION\")."),
                        QStringLiteral("keepsakectl camera add --serial 380319450 --make Canon --device store-berlin"));
        p.addOption({ QStringLiteral("serial"), tr("the camera's body serial number"), tr("SERIAL") });
        p.addOption({ QStringLiteral("make"), tr("the camera's make, if the serial alone is not enough"), tr("MAKE") });
        p.addOption({ QStringLiteral("device"), tr("the device that keeps its photos"), tr("DEVICE") });
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("serial")) || !p.isSet(QStringLiteral("device")))
            return context.fail(Error::usage(tr("A camera registration needs --serial and --device.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<Device> device = Devices(lab->catalog()).byName(p.value(QStringLiteral("device")));
        if (!device)
            return context.fail(device.error());
        const Result<CameraRegistration> added = Cameras(lab->catalog()).add(
            p.value(QStringLiteral("serial")), p.value(QStringLiteral("make")), device->id, context.clock.now());
        if (!added)
            return context.fail(added.error());
        context.console.item(cameraJson(*added), tr("Registered camera %1").arg(cameraLine(*added)));
        return ExitDone;
    }

    int list(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl camera list"), tr("Lists the registered camera bodies."),
                        QStringLiteral("keepsakectl camera list --json"));
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<QList<CameraRegistration>> cameras = Cameras(lab->catalog()).list();
        if (!cameras)
            return context.fail(cameras.error());
        for (const CameraRegistration &camera : *cameras)
            context.console.item(cameraJson(camera), cameraLine(camera));
        context.console.summary({ { QStringLiteral("cameras"), cameras->size() } },
                                tr("%n camera(s)", nullptr, int(cameras->size())));
        return ExitDone;
    }

    int remove(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl camera remove --serial SERIAL"),
                        tr("Forgets a camera body's registrations: its next photos are kept by the usual rule "
                           "(the owner's home device, else the receiving one). Photos already stored stay where "
                           "they are."),
                        QStringLiteral("keepsakectl camera remove --serial 380319450"));
        p.addOption({ QStringLiteral("serial"), tr("the camera's body serial number"), tr("SERIAL") });
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("serial")))
            return context.fail(Error::usage(tr("Name the camera: --serial SERIAL.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const QString serial = p.value(QStringLiteral("serial"));
        const Result<int> removed = Cameras(lab->catalog()).remove(serial);
        if (!removed)
            return context.fail(removed.error());
        context.console.item({ { QStringLiteral("serial"), serial.trimmed() }, { QStringLiteral("removed"), *removed } },
                             tr("Camera %1 is no longer registered.").arg(serial.trimmed()));
        return ExitDone;
    }
};

class QueueCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::RoutingCommands)

public:
    QString name() const override { return QStringLiteral("queue"); }
    QString description() const override { return tr("photos this device still owes the devices that keep them"); }
    bool hasClientMode() const override { return true; }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl queue"),
                        tr("Lists the photos this device received for another device and has not yet delivered "
                           "there: in flight or waiting for the target to be reachable."),
                        QStringLiteral("keepsakectl queue --json"));
        if (auto done = p.parse(context, args))
            return *done;
        if (DeviceClient *device = context.device())
            return ClientMode::queue(context, *device);
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        if (!lab->device()) {
            context.console.summary({ { QStringLiteral("queued"), 0 } },
                                    tr("%1 is not a device: it forwards no photos.").arg(lab->dataDir()));
            return ExitDone;
        }
        const Result<QList<Forward>> pending = ForwardQueue(lab->catalog()).pending(lab->device()->id);
        if (!pending)
            return context.fail(pending.error());
        qint64 bytes = 0;
        for (const Forward &forward : *pending) {
            context.console.item(forwardJson(forward), forwardLine(forward));
            bytes += forward.size;
        }
        context.console.summary({ { QStringLiteral("queued"), pending->size() }, { QStringLiteral("bytes"), bytes } },
                                tr("%n photo(s) waiting to be forwarded.", nullptr, int(pending->size())));
        return ExitDone;
    }
};

// A phone's upload address, as a kiosk shows it in its QR code (issue 16).
class UploadCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::RoutingCommands)

public:
    QString name() const override { return QStringLiteral("upload"); }
    QString description() const override { return tr("an address for a customer's phone to hand photos in: open"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        const QString sub = args.size() > 1 ? args.at(1) : QString();
        if (sub != QLatin1String("open"))
            return context.fail(Error::usage(tr("Say what to do: keepsakectl upload open --customer C")));
        CommandParser p(QStringLiteral("keepsakectl upload open --customer C"),
                        tr("Makes an upload address for the customer's phone: its page takes one hand-in of photos "
                           "and dies when that is finished, or after 15 minutes. The kiosk shows it as a QR code."),
                        QStringLiteral("keepsakectl upload open --customer C1"));
        p.addOption({ QStringLiteral("customer"), tr("the customer's code"), tr("C") });
        if (auto done = p.parse(context, subcommandArgs(args)))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<Customer> customer = Customers(lab->catalog()).byCode(p.value(QStringLiteral("customer")));
        if (!customer)
            return context.fail(customer.error());
        const Result<PhoneAddresses::Address> address = PhoneAddresses(*lab).open(context.actor(), customer->id);
        if (!address)
            return context.fail(address.error());
        context.console.item(PhoneAddresses::toJson(address->upload, address->url),
                             tr("Upload address for %1, until %2:\n%3")
                                 .arg(customer->code, QLocale().toString(address->upload.expires.toLocalTime(), QLocale::ShortFormat),
                                      address->url));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeUploadCommand() { return std::make_unique<UploadCommand>(); }
std::unique_ptr<Command> makeCameraCommand() { return std::make_unique<CameraCommand>(); }
std::unique_ptr<Command> makeQueueCommand() { return std::make_unique<QueueCommand>(); }

} // namespace Keepsake
