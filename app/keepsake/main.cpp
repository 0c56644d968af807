// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsake: the counter window (default) or the customers' touchscreen (--kiosk).

#include "base/Clock.h"
#include "base/Translations.h"
#include "counter/CounterWindow.h"
#include "kiosk/KioskWindow.h"
#include "lab/Lab.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QScreen>

#include <memory>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Keepsake"));
    QCoreApplication::setApplicationName(QStringLiteral("Keepsake"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEEPSAKE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.keepsake.Keepsake"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.keepsake.Keepsake.svg")));
    Keepsake::Translations translations;
    const QLocale system = QLocale::system();
    translations.install(system.language() == QLocale::C ? QStringLiteral("en") : system.name());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Keepsake: photo keeping for photo labs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QCoreApplication::translate("main", "The lab's data folder (or KEEPSAKE_DATA_DIR)."),
        QCoreApplication::translate("main", "DIR"));
    const QCommandLineOption catalog(QStringLiteral("catalog"),
        QCoreApplication::translate("main", "sqlite:PATH or postgresql://USER@HOST:PORT/DB (or KEEPSAKE_CATALOG)."),
        QCoreApplication::translate("main", "URL"));
    const QCommandLineOption kiosk(QStringLiteral("kiosk"),
        QCoreApplication::translate("main", "Start the customers' touchscreen instead of the counter window."));
    const QCommandLineOption media(QStringLiteral("media"),
        QCoreApplication::translate("main", "Folders where cards and USB sticks are mounted, for the kiosk "
                                            "(default /media and /run/media; may be repeated)."),
        QCoreApplication::translate("main", "DIR"));
    const QCommandLineOption windowed(QStringLiteral("windowed"),
        QCoreApplication::translate("main", "Show the kiosk in a window instead of full screen."));
    parser.addOptions({ dataDir, catalog, kiosk, media, windowed });
    parser.process(app);

    const Keepsake::SystemClock clock;
    const auto location = Keepsake::LabLocation::resolve(parser.value(dataDir), parser.value(catalog));
    auto lab = Keepsake::Lab::open(location, clock);
    if (!lab) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Keepsake"), lab.error().message());
        return 1;
    }
    std::unique_ptr<QWidget> window;
    if (parser.isSet(kiosk)) {
        Keepsake::KioskOptions options;
        options.mountRoots = parser.values(media);
        window = std::make_unique<Keepsake::KioskWindow>(**lab, translations, options);
        if (parser.isSet(windowed)) {
            window->resize(1280, 800);
            window->show();
        } else {
            // Also cover the screen where no window manager honours the full-screen request.
            window->setGeometry(window->screen()->geometry());
            window->showFullScreen();
        }
    } else {
        window = std::make_unique<Keepsake::CounterWindow>(**lab);
        window->show();
    }
    return app.exec();
}
