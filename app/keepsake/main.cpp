// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsake: the counter window (default) or the kiosk (--kiosk).

#include "MainWindow.h"
#include "base/Clock.h"
#include "base/Translations.h"
#include "lab/Lab.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Keepsake"));
    QCoreApplication::setApplicationName(QStringLiteral("Keepsake"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEEPSAKE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.keepsake.Keepsake"));
    Keepsake::Translations translations;
    translations.install(QLocale::system().name());

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
    parser.addOptions({ dataDir, catalog, kiosk });
    parser.process(app);

    const Keepsake::SystemClock clock;
    const auto location = Keepsake::LabLocation::resolve(parser.value(dataDir), parser.value(catalog));
    auto lab = Keepsake::Lab::open(location, clock);
    if (!lab) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Keepsake"),
                              lab.error().message());
        return 1;
    }
    Keepsake::MainWindow window(**lab);
    window.show();
    return app.exec();
}
