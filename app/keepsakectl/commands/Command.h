// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Console.h"
#include "base/Actor.h"
#include "base/CancelToken.h"
#include "base/Clock.h"
#include "base/Error.h"
#include "lab/Lab.h"
#include "net/DeviceClient.h"

#include <QCommandLineParser>
#include <QStringList>

#include <memory>

namespace Keepsake {

// keepsakectl's exit codes (CLI.md, "Exit codes"). No ": int" base: lupdate 6.4
// loses its place after an enum base and files later tr() calls wrongly.
enum ExitCode {
    ExitDone = 0,
    ExitFailed = 1,
    ExitUsage = 2,
    ExitPartial = 3,
    ExitRefused = 4,
    ExitCancelled = 130,
};
int exitCodeFor(const Error &error);

// What every command gets: the console, where the lab is, its clock, Ctrl-C.
class CtlContext
{
public:
    CtlContext(Console &console, LabLocation location, const Clock &clock, CancelToken &cancel,
               std::optional<DeviceEndpoint> device = std::nullopt);
    ~CtlContext();

    Console &console;
    const LabLocation location;
    const Clock &clock;
    CancelToken &cancel;

    // Opens the lab on first use; an error is already reported when null.
    Lab *lab();
    // Client mode (--device): the device's client; null when the command runs on a data folder.
    DeviceClient *device();
    // A command that has no client mode refuses --device with this (exit 2).
    int refuseClientMode(const QString &command);
    // Reports an error and gives its exit code.
    int fail(const Error &error);
    // Who acts: keepsakectl, run by the lab's admin, acts as the system and is
    // audited as "keepsakectl:USER" (AuditLog::currentActor).
    Actor actor() const;

private:
    std::unique_ptr<Lab> m_lab;
    std::optional<DeviceEndpoint> m_endpoint;
    std::unique_ptr<DeviceClient> m_device;
};

// One keepsakectl command ("ingest", "customer" with its sub-commands, ...).
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString description() const = 0;
    // Whether it runs against a device too (--device; CLI.md, "Client mode").
    virtual bool hasClientMode() const { return false; }
    // args[0] is "keepsakectl <name>"; global options are already taken out.
    virtual int run(CtlContext &context, const QStringList &args) = 0;
};

// QCommandLineParser with keepsakectl's habits: --help prints the options, one line
// each, and an example, and returns 0; a bad option is a usage error (exit 2).
class CommandParser
{
public:
    CommandParser(const QString &usage, const QString &description, const QString &example);

    QCommandLineParser &parser() { return m_parser; }
    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
    void addPositional(const QString &name, const QString &description, const QString &syntax = {});

    // nullopt: go on; otherwise the command ends with this exit code.
    std::optional<int> parse(CtlContext &context, const QStringList &args);
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const;   // comma-separated and repeated
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QStringList positionals() const { return m_parser.positionalArguments(); }
    QString helpText() const;

private:
    QCommandLineParser m_parser;
    QString m_usage;
    QString m_example;
};

// A sub-command's arguments: "keepsakectl share add" as args[0], the rest after it.
QStringList subcommandArgs(const QStringList &args);

// Runs keepsakectl: splits the global options (which may stand anywhere), finds the
// command and runs it. Returns the exit code.
int runKeepsakectl(const QStringList &arguments, const Clock &clock, CancelToken &cancel);

} // namespace Keepsake
