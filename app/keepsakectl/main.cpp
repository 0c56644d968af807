// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsakectl: every Keepsake job without a window (CLI.md).

#include "base/CancelToken.h"
#include "base/Clock.h"
#include "base/Translations.h"
#include "commands/Command.h"

#include <QDir>
#include <QGuiApplication>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// The one place a signal handler needs a static: Ctrl-C asks the running job to stop
// between files; a second Ctrl-C ends the program at once.
std::atomic<Keepsake::CancelToken *> interruptTarget { nullptr };

void onInterrupt(int)
{
    Keepsake::CancelToken *token = interruptTarget.load();
    if (token && !token->isCancelled()) {
        token->cancel();
        return;
    }
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
}

} // namespace

int main(int argc, char *argv[])
{
    // Prints (PDF) need a QGuiApplication; keepsakectl runs without a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // cron and ssh sessions often have no runtime folder; give Qt a private one.
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QByteArray runtime = QDir::tempPath().toLocal8Bit() + "/keepsake-runtime-" + QByteArray::number(::getuid());
        if (::mkdir(runtime.constData(), 0700) == 0 || errno == EEXIST)
            qputenv("XDG_RUNTIME_DIR", runtime);
    }
    QGuiApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Keepsake"));
    QCoreApplication::setApplicationName(QStringLiteral("keepsakectl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEEPSAKE_VERSION));
    Keepsake::Translations translations;
    translations.install(QLocale::system().name());

    Keepsake::CancelToken cancel;
    interruptTarget.store(&cancel);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const Keepsake::SystemClock clock;
    const int code = Keepsake::runKeepsakectl(QCoreApplication::arguments(), clock, cancel);
    interruptTarget.store(nullptr);
    return code;
}
