// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsakectl device init|list|remove and terminal add|list|remove (CLI.md, "Network").
#include "ChainRecords.h"
#include "Command.h"
#include "Commands.h"
#include "catalog/Devices.h"
#include "catalog/Terminals.h"
#include "lab/LabDevice.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Keepsake {

namespace {

class DeviceCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DeviceCommands)

public:
    QString name() const override { return QStringLiteral("device"); }
    QString description() const override { return tr("this data folder as a device of the chain: init, list, remove"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        const QString sub = args.size() > 1 ? args.at(1) : QString();
        if (sub == QLatin1String("init"))
            return init(context, subcommandArgs(args));
        if (sub == QLatin1String("list"))
            return list(context, subcommandArgs(args));
        if (sub == QLatin1String("remove"))
            return remove(context, subcommandArgs(args));
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
            QTextStream(stdout) << tr("Usage: keepsakectl device init|list|remove ...\n"
                                      "  init    make this data folder a device: key, certificate, registration\n"
                                      "  list    the devices of this catalog\n"
                                      "  remove  take a device that holds no photos out of the chain\n"
                                      "Example:\n  keepsakectl device init --name store-berlin --url https://192.168.1.20:8443\n");
            return ExitDone;
        }
        return context.fail(Error::usage(tr("Say what to do with devices: init, list or remove. "
                                            "See: keepsakectl device --help")));
    }

private:
    int init(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl device init --name NAME --url https://HOST:PORT"),
                        tr("Makes this data folder a device of the chain: its TLS key (device-key.pem, readable by "
                           "the owner only) and self-signed certificate (device-cert.pem), registered in the catalog "
                           "with its URL and the certificate's fingerprint."),
                        QStringLiteral("keepsakectl device init --name store-berlin --url https://192.168.1.20:8443"));
        p.addOption({ QStringLiteral("name"), tr("the device's name in the chain"), tr("NAME") });
        p.addOption({ QStringLiteral("url"), tr("where terminals and the other devices reach it"), tr("URL") });
        if (auto done = p.parse(context, args))
            return *done;
        if (!p.isSet(QStringLiteral("name")) || !p.isSet(QStringLiteral("url")))
            return context.fail(Error::usage(tr("A device needs --name and --url (https://HOST:PORT).")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<LabDevice::Initialized> made = LabDevice::init(*lab, context.actor(), p.value(QStringLiteral("name")),
                                                                    p.value(QStringLiteral("url")));
        if (!made)
            return context.fail(made.error());
        const Device &device = made->device;
        QString text = tr("This data folder is now device %1 at %2.\nCertificate fingerprint (SHA-256): %3")
                           .arg(device.name, device.url, device.fingerprint);
        if (made->keptIdentity)
            text += tr("\nIt kept the key and certificate it had.");
        if (made->adopted > 0)
            text += tr("\n%n photo(s) stored here before are now kept on this device.", nullptr, made->adopted);
        context.console.item({ { QStringLiteral("name"), device.name },
                               { QStringLiteral("url"), device.url },
                               { QStringLiteral("fingerprint"), device.fingerprint },
                               { QStringLiteral("adopted"), made->adopted } },
                             text);
        return ExitDone;
    }

    int list(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl device list"), tr("Lists the devices of this catalog."),
                        QStringLiteral("keepsakectl device list --json"));
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<QList<Device>> devices = Devices(lab->catalog()).list();
        if (!devices)
            return context.fail(devices.error());
        for (const Device &device : *devices) {
            const bool self = lab->device() && lab->device()->id == device.id;
            context.console.item(deviceJson(device, self), deviceLine(device, self));
        }
        context.console.summary({ { QStringLiteral("devices"), devices->size() } },
                                tr("%n device(s)", nullptr, int(devices->size())));
        return ExitDone;
    }

    int remove(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl device remove NAME"),
                        tr("Takes a device out of the chain: refused while it holds photos, owes or awaits forwards, "
                           "or cameras or customers name it. Its terminals are revoked with it."),
                        QStringLiteral("keepsakectl device remove store-old"));
        p.addPositional(QStringLiteral("name"), tr("the device's name"), tr("NAME"));
        if (auto done = p.parse(context, args))
            return *done;
        if (p.positionals().size() != 1)
            return context.fail(Error::usage(tr("Name one device to remove.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const QString name = p.positionals().first();
        if (Status removed = Devices(lab->catalog()).remove(name); !removed)
            return context.fail(removed.error());
        context.console.item({ { QStringLiteral("name"), name }, { QStringLiteral("removed"), true } },
                             tr("Device %1 removed from the chain.").arg(name));
        return ExitDone;
    }
};

class TerminalCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DeviceCommands)

public:
    QString name() const override { return QStringLiteral("terminal"); }
    QString description() const override { return tr("terminals paired with this device: add, list, remove"); }

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
            QTextStream(stdout) << tr("Usage: keepsakectl terminal add|list|remove ...\n"
                                      "  add     pair a kiosk, station or counter with this device; shows its token once\n"
                                      "  list    the terminals paired with this device\n"
                                      "  remove  revoke a terminal's token at once\n"
                                      "Example:\n  keepsakectl terminal add kiosk-1 --kind kiosk\n");
            return ExitDone;
        }
        return context.fail(Error::usage(tr("Say what to do with terminals: add, list or remove. "
                                            "See: keepsakectl terminal --help")));
    }

private:
    // The terminals of this data folder's device; an error is reported when it is none.
    static const Device *thisDevice(CtlContext &context, Lab &lab)
    {
        if (!lab.device()) {
            context.fail(Error::refused(tr("%1 is not a device, so no terminal can be paired with it. Make it one "
                                           "first: keepsakectl device init --name NAME --url https://HOST:PORT")
                                            .arg(lab.dataDir())));
            return nullptr;
        }
        return &*lab.device();
    }

    int add(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl terminal add NAME [--kind kiosk|station|counter]"),
                        tr("Pairs a terminal with this device and shows its token, this once: the device keeps only "
                           "a hash of it. A counter or station acts as the clerk; a kiosk only for a customer signed "
                           "in on it."),
                        QStringLiteral("keepsakectl terminal add kiosk-1 --kind kiosk"));
        p.addPositional(QStringLiteral("name"), tr("the terminal's name"), tr("NAME"));
        p.addOption({ QStringLiteral("kind"), tr("kiosk (the default), station or counter"), tr("KIND"),
                      QStringLiteral("kiosk") });
        if (auto done = p.parse(context, args))
            return *done;
        if (p.positionals().size() != 1)
            return context.fail(Error::usage(tr("Name one terminal to pair.")));
        const std::optional<Terminal::Kind> kind = Terminal::kindFromName(p.value(QStringLiteral("kind")));
        if (!kind)
            return context.fail(Error::usage(tr("Unknown terminal kind \"%1\": say kiosk, station or counter.")
                                                 .arg(p.value(QStringLiteral("kind")))));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Device *device = thisDevice(context, *lab);
        if (!device)
            return ExitRefused;
        const Result<Terminals::Paired> paired = Terminals(lab->catalog()).add(device->id, p.positionals().first(),
                                                                              *kind, context.clock.now());
        if (!paired)
            return context.fail(paired.error());
        context.console.item({ { QStringLiteral("name"), paired->terminal.name },
                               { QStringLiteral("kind"), Terminal::kindName(paired->terminal.kind) },
                               { QStringLiteral("token"), paired->token },
                               { QStringLiteral("url"), device->url },
                               { QStringLiteral("fingerprint"), device->fingerprint } },
                             tr("Terminal %1 (%2) paired with device %3.\nURL:         %4\nFingerprint: %5\n"
                                "Token:       %6\nThe token is shown this once; keep it on the terminal only.")
                                 .arg(paired->terminal.name, Terminal::kindName(paired->terminal.kind), device->name,
                                      device->url, device->fingerprint, paired->token));
        return ExitDone;
    }

    int list(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl terminal list"), tr("Lists the terminals paired with this device."),
                        QStringLiteral("keepsakectl terminal list --json"));
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Device *device = thisDevice(context, *lab);
        if (!device)
            return ExitRefused;
        const Result<QList<Terminal>> terminals = Terminals(lab->catalog()).list(device->id);
        if (!terminals)
            return context.fail(terminals.error());
        for (const Terminal &terminal : *terminals)
            context.console.item(terminalJson(terminal), terminalLine(terminal));
        context.console.summary({ { QStringLiteral("terminals"), terminals->size() } },
                                tr("%n terminal(s)", nullptr, int(terminals->size())));
        return ExitDone;
    }

    int remove(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl terminal remove NAME"),
                        tr("Revokes a terminal at once: its token authenticates nothing from now on, and the "
                           "customers signed in on it are signed out."),
                        QStringLiteral("keepsakectl terminal remove kiosk-1"));
        p.addPositional(QStringLiteral("name"), tr("the terminal's name"), tr("NAME"));
        if (auto done = p.parse(context, args))
            return *done;
        if (p.positionals().size() != 1)
            return context.fail(Error::usage(tr("Name one terminal to remove.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Device *device = thisDevice(context, *lab);
        if (!device)
            return ExitRefused;
        const QString name = p.positionals().first();
        if (Status removed = Terminals(lab->catalog()).remove(device->id, name, context.clock.now()); !removed)
            return context.fail(removed.error());
        context.console.item({ { QStringLiteral("name"), name }, { QStringLiteral("revoked"), true } },
                             tr("Terminal %1 revoked: its token is no longer accepted.").arg(name));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeDeviceCommand() { return std::make_unique<DeviceCommand>(); }
std::unique_ptr<Command> makeTerminalCommand() { return std::make_unique<TerminalCommand>(); }

} // namespace Keepsake
