// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsake: the counter window (default) or the customers' touchscreen (--kiosk), the
// kiosk either on this machine's lab or as the client of a device (--device).

#include "base/Clock.h"
#include "base/Translations.h"
#include "counter/CounterWindow.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/RemoteKioskBackend.h"
#include "lab/Lab.h"
#include "net/ChainFiles.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QScreen>
#include <QStandardPaths>

#include <memory>
#include <optional>

namespace {

// The context of this file's words, as lupdate files them (and as before: "main").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(main)
};

struct Options
{
    QCommandLineOption dataDir { QStringLiteral("data-dir"), Tr::tr("The lab's data folder (or KEEPSAKE_DATA_DIR)."), Tr::tr("DIR") };
    QCommandLineOption catalog { QStringLiteral("catalog"),
        Tr::tr("sqlite:PATH or postgresql://USER@HOST:PORT/DB (or KEEPSAKE_CATALOG)."), Tr::tr("URL") };
    QCommandLineOption kiosk { QStringLiteral("kiosk"), Tr::tr("Start the customers' touchscreen instead of the counter window.") };
    QCommandLineOption media { QStringLiteral("media"),
        Tr::tr("Folders where cards and USB sticks are mounted, for the kiosk (default /media and /run/media; may be "
           "repeated)."), Tr::tr("DIR") };
    QCommandLineOption windowed { QStringLiteral("windowed"), Tr::tr("Show the kiosk in a window instead of full screen.") };
    QCommandLineOption device { QStringLiteral("device"),
        Tr::tr("The kiosk as the client of this device's service, https://HOST:PORT (or KEEPSAKE_DEVICE): it opens no lab "
           "here; --data-dir then only holds its cache of thumbnails."), Tr::tr("URL") };
    QCommandLineOption fingerprint { QStringLiteral("fingerprint"),
        Tr::tr("The device's certificate fingerprint, as terminal add printed it (or KEEPSAKE_DEVICE_FINGERPRINT)."), Tr::tr("FP") };
    QCommandLineOption token { QStringLiteral("token"),
        Tr::tr("This kiosk's token, as terminal add printed it (or KEEPSAKE_DEVICE_TOKEN)."), Tr::tr("TOKEN") };
    QCommandLineOption receiptPrinter { QStringLiteral("receipt-printer"),
        Tr::tr("The CUPS queue of the receipt printer beside the kiosk (or KEEPSAKE_RECEIPT_PRINTER): a hand-in's "
               "receipt is printed there on request. Without one the kiosk shows the receipt on its screen only."),
        Tr::tr("QUEUE") };
};

// Client mode (CLI.md, "Network"): the option wins over the environment. Nothing when
// no device is named; an error message in `error` when one is, but not usably.
std::optional<Keepsake::DeviceEndpoint> deviceEndpoint(const QCommandLineParser &parser, const Options &o, QString &error)
{
    auto pick = [&parser](const QCommandLineOption &option, const char *variable) {
        return parser.isSet(option) ? parser.value(option) : qEnvironmentVariable(variable);
    };
    const QString url = pick(o.device, "KEEPSAKE_DEVICE");
    if (url.isEmpty())
        return std::nullopt;
    Keepsake::DeviceEndpoint endpoint;
    endpoint.url = QUrl(url);
    endpoint.fingerprint = pick(o.fingerprint, "KEEPSAKE_DEVICE_FINGERPRINT");
    endpoint.token = pick(o.token, "KEEPSAKE_DEVICE_TOKEN");
    if (!endpoint.url.isValid() || endpoint.url.scheme() != QLatin1String("https") || endpoint.url.host().isEmpty())
        error = Tr::tr("--device takes the device's address as https://HOST:PORT, not \"%1\".").arg(url);
    else if (endpoint.fingerprint.isEmpty() || endpoint.token.isEmpty())
        error = Tr::tr("--device needs the device's certificate fingerprint (--fingerprint) and this kiosk's token "
                   "(--token), as keepsakectl terminal add printed them on the device.");
    return endpoint;
}

// Where a client kiosk keeps its thumbnails: its own folder if one is named, else the
// user's cache folder.
QString thumbnailCache(const QCommandLineParser &parser, const Options &o)
{
    const QString own = parser.isSet(o.dataDir) ? parser.value(o.dataDir) : qEnvironmentVariable("KEEPSAKE_DATA_DIR");
    const QString root = own.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) : own;
    return QDir(root).filePath(QStringLiteral("thumbnails"));
}

void showKiosk(QWidget *window, bool windowed)
{
    if (windowed) {
        window->resize(1280, 800);
        window->show();
    } else {
        // Also cover the screen where no window manager honours the full-screen request.
        window->setGeometry(window->screen()->geometry());
        window->showFullScreen();
    }
}

int fail(const QString &message)
{
    QMessageBox::critical(nullptr, Tr::tr("Keepsake"), message);
    return 1;
}

} // namespace

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
    parser.setApplicationDescription(Tr::tr("Keepsake: photo keeping for photo labs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const Options o;
    parser.addOptions({ o.dataDir, o.catalog, o.kiosk, o.media, o.windowed, o.device, o.fingerprint, o.token,
                        o.receiptPrinter });
    parser.process(app);

    Keepsake::KioskOptions kioskOptions;
    kioskOptions.mountRoots = parser.values(o.media);
    kioskOptions.receiptPrinter = parser.isSet(o.receiptPrinter) ? parser.value(o.receiptPrinter)
                                                                 : qEnvironmentVariable("KEEPSAKE_RECEIPT_PRINTER");
    QString deviceError;
    const auto device = parser.isSet(o.kiosk) ? deviceEndpoint(parser, o, deviceError) : std::nullopt;
    if (!parser.isSet(o.kiosk) && parser.isSet(o.device))
        return fail(Tr::tr("--device is for the kiosk: keepsake --kiosk --device URL --fingerprint FP --token TOKEN."));
    if (!deviceError.isEmpty())
        return fail(deviceError);
    if (device) {   // a client kiosk: no lab is opened on this machine
        auto backend = std::make_unique<Keepsake::RemoteKioskBackend>(*device, thumbnailCache(parser, o));
        Keepsake::KioskWindow window(std::move(backend), translations, kioskOptions);
        showKiosk(&window, parser.isSet(o.windowed));
        return app.exec();
    }

    const Keepsake::SystemClock clock;
    const auto location = Keepsake::LabLocation::resolve(parser.value(o.dataDir), parser.value(o.catalog));
    auto lab = Keepsake::Lab::open(location, clock);
    if (!lab)
        return fail(lab.error().message());
    Keepsake::ChainFiles::install(**lab);   // a device shows and burns photos the chain's other devices keep
    std::unique_ptr<QWidget> window;
    if (parser.isSet(o.kiosk)) {
        window = std::make_unique<Keepsake::KioskWindow>(**lab, translations, kioskOptions);
        showKiosk(window.get(), parser.isSet(o.windowed));
    } else {
        window = std::make_unique<Keepsake::CounterWindow>(**lab);
        window->show();
    }
    return app.exec();
}
