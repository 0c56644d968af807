// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"
#include "Commands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <vector>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Ctl)
};

struct GlobalOptions
{
    QString dataDir;
    QString catalog;
    QString device;
    QString fingerprint;
    QString token;
    bool json = false;
    bool quiet = false;
    QStringList rest;     // the command and its own arguments
    QString error;
};

// Global options may stand before or after the command (CLI.md).
GlobalOptions splitGlobalOptions(const QStringList &arguments)
{
    GlobalOptions options;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        auto takeValue = [&](const QString &name, QString &target) {
            if (arg == name) {
                if (i + 1 >= arguments.size()) {
                    options.error = Tr::tr("%1 needs a value.").arg(name);
                    return true;
                }
                target = arguments.at(++i);
                return true;
            }
            if (arg.startsWith(name + QLatin1Char('='))) {
                target = arg.mid(name.size() + 1);
                return true;
            }
            return false;
        };
        if (arg == QLatin1String("--")) {
            options.rest.append(arguments.mid(i));
            break;
        }
        // "--device https://…" is client mode; "--device NAME" belongs to the command
        // (camera add --device S2, customer set --home takes a name the same way).
        const bool deviceUrl = (arg == QLatin1String("--device") && i + 1 < arguments.size()
                                && arguments.at(i + 1).startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
            || arg.startsWith(QLatin1String("--device=https://"), Qt::CaseInsensitive);
        if (takeValue(QStringLiteral("--data-dir"), options.dataDir)
            || takeValue(QStringLiteral("--catalog"), options.catalog)
            || (deviceUrl && takeValue(QStringLiteral("--device"), options.device))
            || takeValue(QStringLiteral("--fingerprint"), options.fingerprint)
            || takeValue(QStringLiteral("--token"), options.token))
            continue;
        if (arg == QLatin1String("--json"))
            options.json = true;
        else if (arg == QLatin1String("--quiet") || arg == QLatin1String("-q"))
            options.quiet = true;
        else
            options.rest.append(arg);
    }
    return options;
}

// Client mode (CLI.md, "Network"): the option wins over the environment.
std::optional<DeviceEndpoint> deviceEndpoint(const GlobalOptions &options, QString &error)
{
    auto pick = [](const QString &option, const char *variable) {
        return option.isEmpty() ? qEnvironmentVariable(variable) : option;
    };
    const QString url = pick(options.device, "KEEPSAKE_DEVICE");
    if (url.isEmpty())
        return std::nullopt;
    DeviceEndpoint endpoint;
    endpoint.url = QUrl(url);
    endpoint.fingerprint = pick(options.fingerprint, "KEEPSAKE_DEVICE_FINGERPRINT");
    endpoint.token = pick(options.token, "KEEPSAKE_DEVICE_TOKEN");
    if (!endpoint.url.isValid() || endpoint.url.scheme() != QLatin1String("https") || endpoint.url.host().isEmpty())
        error = Tr::tr("--device takes the device's address as https://HOST:PORT, not \"%1\".").arg(url);
    else if (endpoint.fingerprint.isEmpty() || endpoint.token.isEmpty())
        error = Tr::tr("--device needs the device's certificate fingerprint (--fingerprint) and this terminal's "
                       "token (--token), as keepsakectl terminal add printed them on the device.");
    return endpoint;
}

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(makeCustomerCommand());
    commands.push_back(makeIngestCommand());
    commands.push_back(makeUsbCommand());
    commands.push_back(makeAlbumsCommand());
    commands.push_back(makePhotosCommand());
    commands.push_back(makePhotoCommand());
    commands.push_back(makeAlbumCommand());
    commands.push_back(makeThumbnailsCommand());
    commands.push_back(makeCheckCommand());
    commands.push_back(makeStatusCommand());
    // expiry commands (share, rule, album, config, expire, notify, purge, serve, audit)
    commands.push_back(makeShareCommand());
    commands.push_back(makeRuleCommand());
    commands.push_back(makeConfigCommand());
    commands.push_back(makeExpireCommand());
    commands.push_back(makeNotifyCommand());
    commands.push_back(makePurgeCommand());
    commands.push_back(makeServeCommand());
    commands.push_back(makeAuditCommand());
    // print commands (print)
    commands.push_back(makePrintCommand());
    // disc commands (drives, burn, verify, disc)
    commands.push_back(makeDrivesCommand());
    commands.push_back(makeBurnCommand());
    commands.push_back(makeVerifyCommand());
    commands.push_back(makeDiscCommand());
    // the chain's commands (device, terminal, camera, queue)
    commands.push_back(makeDeviceCommand());
    commands.push_back(makeTerminalCommand());
    commands.push_back(makeCameraCommand());
    commands.push_back(makeQueueCommand());
    commands.push_back(makeUploadCommand());
    commands.push_back(makeJobsCommand());
    commands.push_back(makeJobCommand());
    return commands;
}

void printOverview(const std::vector<std::unique_ptr<Command>> &commands)
{
    QTextStream out(stdout);
    out << Tr::tr("Usage: keepsakectl [--data-dir DIR] [--catalog URL] [--json] [--quiet] COMMAND ...\n\n"
              "Runs Keepsake's jobs without a window: hand-ins, checks, and later expiry, discs "
              "and prints.\n\nGlobal options (before or after the command):\n"
              "  --data-dir DIR   the lab's data folder (or KEEPSAKE_DATA_DIR; default %1)\n"
              "  --catalog URL    sqlite:PATH or postgresql://USER@HOST:PORT/DB (or KEEPSAKE_CATALOG)\n"
              "  --json           one JSON object per line on stdout\n"
              "  --quiet          no progress, errors only\n"
              "  --device URL     run against a device service (or KEEPSAKE_DEVICE), with\n"
              "  --fingerprint FP its certificate's SHA-256 (or KEEPSAKE_DEVICE_FINGERPRINT) and\n"
              "  --token TOKEN    this terminal's token (or KEEPSAKE_DEVICE_TOKEN)\n"
              "  --help, --version\n\nCommands:\n").arg(LabLocation::defaultDataDir());
    for (const auto &command : commands)
        out << QStringLiteral("  %1").arg(command->name(), -12) << command->description() << '\n';
    out << Tr::tr("\n'keepsakectl COMMAND --help' shows a command's options and an example.\n");
}

} // namespace

int runKeepsakectl(const QStringList &arguments, const Clock &clock, CancelToken &cancel)
{
    const GlobalOptions globals = splitGlobalOptions(arguments);
    Console console(stdout, stderr, globals.json, globals.quiet);
    const auto commands = allCommands();
    if (!globals.error.isEmpty()) {
        console.error(globals.error);
        return ExitUsage;
    }
    if (globals.rest.isEmpty() || globals.rest.first() == QLatin1String("--help")
        || globals.rest.first() == QLatin1String("-h") || globals.rest.first() == QLatin1String("help")) {
        printOverview(commands);
        return globals.rest.isEmpty() ? ExitUsage : ExitDone;
    }
    if (globals.rest.first() == QLatin1String("--version") || globals.rest.first() == QLatin1String("-v")) {
        QTextStream(stdout) << "keepsakectl " << KEEPSAKE_VERSION << '\n';
        return ExitDone;
    }
    const QString name = globals.rest.first();
    QString deviceError;
    const std::optional<DeviceEndpoint> device = deviceEndpoint(globals, deviceError);
    if (!deviceError.isEmpty()) {
        console.error(deviceError);
        return ExitUsage;
    }
    for (const auto &command : commands) {
        if (command->name() != name)
            continue;
        CtlContext context(console, LabLocation::resolve(globals.dataDir, globals.catalog), clock, cancel, device);
        if (device && !command->hasClientMode())
            return context.refuseClientMode(name);
        QStringList args = globals.rest;
        args[0] = QStringLiteral("keepsakectl ") + name;
        return command->run(context, args);
    }
    console.error(Tr::tr("Unknown command \"%1\". See: keepsakectl --help").arg(name));
    return ExitUsage;
}

} // namespace Keepsake
