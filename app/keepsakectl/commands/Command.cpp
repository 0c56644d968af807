// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"

#include "CtlLog.h"
#include "catalog/AuditLog.h"
#include "net/ChainFiles.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Ctl)
};

} // namespace

QStringList subcommandArgs(const QStringList &args)
{
    QStringList rest = args.mid(1);
    if (!rest.isEmpty())
        rest[0] = args.at(0) + QLatin1Char(' ') + args.at(1);
    return rest;
}

int exitCodeFor(const Error &error)
{
    switch (error.kind()) {
    case Error::Kind::Failure: return ExitFailed;
    case Error::Kind::Usage:
    case Error::Kind::NotFound: return ExitUsage;
    case Error::Kind::Refused: return ExitRefused;
    case Error::Kind::Cancelled: return ExitCancelled;
    }
    return ExitFailed;
}

CtlContext::CtlContext(Console &console_, LabLocation location_, const Clock &clock_, CancelToken &cancel_,
                       std::optional<DeviceEndpoint> device)
    : console(console_), location(std::move(location_)), clock(clock_), cancel(cancel_), m_endpoint(std::move(device))
{
}

CtlContext::~CtlContext() = default;

Lab *CtlContext::lab()
{
    if (m_lab)
        return m_lab.get();
    Result<std::unique_ptr<Lab>> opened = Lab::open(location, clock);
    if (!opened) {
        console.error(opened.error().message());
        return nullptr;
    }
    m_lab = std::move(opened).value();
    ChainFiles::install(*m_lab);   // a device reads the files the chain's other devices keep
    return m_lab.get();
}

DeviceClient *CtlContext::device()
{
    if (!m_endpoint)
        return nullptr;
    if (!m_device)
        m_device = std::make_unique<DeviceClient>(*m_endpoint, &cancel);
    return m_device.get();
}

int CtlContext::refuseClientMode(const QString &command)
{
    return fail(Error::usage(Tr::tr("keepsakectl %1 runs on a data folder, not against a device (--device): "
                                    "run it on the device itself.").arg(command)));
}

int CtlContext::fail(const Error &error)
{
    console.error(error.message());
    return exitCodeFor(error);
}

Actor CtlContext::actor() const
{
    return Actor::system(AuditLog::currentActor(QStringLiteral("keepsakectl")));
}

CommandParser::CommandParser(const QString &usage, const QString &description, const QString &example)
    : m_usage(usage), m_example(example)
{
    m_parser.setApplicationDescription(description);
    m_parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    m_parser.addHelpOption();
    m_parser.addVersionOption();
}

void CommandParser::addPositional(const QString &name, const QString &description, const QString &syntax)
{
    m_parser.addPositionalArgument(name, description, syntax);
}

QString CommandParser::helpText() const
{
    QString help = m_parser.helpText();
    // Qt's first line names the binary only; show the whole command.
    const qsizetype firstBreak = help.indexOf(QLatin1Char('\n'));
    help = Tr::tr("Usage: %1").arg(m_usage) + help.mid(firstBreak);
    if (!m_example.isEmpty())
        help += Tr::tr("\nExample:\n  %1\n").arg(m_example);
    return help;
}

std::optional<int> CommandParser::parse(CtlContext &context, const QStringList &args)
{
    if (!m_parser.parse(args)) {
        context.console.error(Tr::tr("%1\nSee: %2 --help").arg(m_parser.errorText(), m_usage.section(QLatin1Char(' '), 0, 1)));
        return ExitUsage;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << helpText();
        return ExitDone;
    }
    if (m_parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "keepsakectl " << KEEPSAKE_VERSION << '\n';
        return ExitDone;
    }
    return std::nullopt;
}

QStringList CommandParser::values(const QString &name) const
{
    QStringList result;
    const QStringList given = m_parser.values(name);
    for (const QString &value : given) {
        const QStringList parts = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &part : parts)
            result.append(part.trimmed());
    }
    return result;
}

} // namespace Keepsake
