// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A camera or phone on USB at a kiosk that is a device's client, and at keepsakectl in
// client mode: copied into a spool on the client (through libgphoto2's Directory
// Browse driver on a disk: port), which goes to the device through the card's remote
// hand-in. One device on SQLite served by keepsakectl serve on a loopback port.
#include "KioskTestSupport.h"
#include "NetworkChain.h"
#include "UiTestSupport.h"
#include "UsbTestCamera.h"
#include "base/Translations.h"
#include "kiosk/ImportPage.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/RemoteKioskBackend.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include <mutex>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

constexpr int NetworkMs = 60000;

} // namespace

class TestKioskRemoteUsb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cameraAtTheKioskArrivesOnTheDevice();
    void keepsakectlHandsInACameraThroughTheDevice();

private:
    QStringList namesOnDevice(const QString &code) const;
    KioskDriver kiosk() const { return KioskDriver(m_window.get(), NetworkMs); }

    QTemporaryDir m_dir;
    QTemporaryDir m_media;
    FolderCamera m_camera;
    std::unique_ptr<ChainDevice> m_device;
    DeviceEndpoint m_endpoint;
    Translations m_translations;
    std::mutex m_guard;
    QList<UsbCamera> m_connected;
    std::unique_ptr<KioskWindow> m_window;
};

void TestKioskRemoteUsb::initTestCase()
{
    QVERIFY(m_dir.isValid() && m_camera.make());
    const QString data = m_dir.filePath(QStringLiteral("device"));
    m_device = std::make_unique<ChainDevice>(QStringLiteral("S1"), data, testCatalogUrl(data));
    QVERIFY(m_device->init());
    QVERIFY(m_device->start());
    const CtlRun paired = m_device->run({ QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K"),
                                          QStringLiteral("--kind"), QStringLiteral("kiosk") });
    QVERIFY2(paired.code == 0, qPrintable(paired.why()));
    for (const QString &code : { QStringLiteral("1001"), QStringLiteral("2002") }) {
        const CtlRun added = m_device->run({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"),
                                             code, QStringLiteral("--name"), QStringLiteral("Customer ") + code,
                                             QStringLiteral("--pin"), QStringLiteral("2468") });
        QVERIFY2(added.code == 0, qPrintable(added.why()));
    }
    m_endpoint.url = QUrl(m_device->url());
    m_endpoint.fingerprint = m_device->fingerprint;
    m_endpoint.token = paired.first().value(QStringLiteral("token")).toString();
    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_media.path() };
    options.usbLookMilliseconds = 20;
    options.usbDetector = [this]() -> Result<QList<UsbCamera>> {
        const std::lock_guard<std::mutex> lock(m_guard);
        return m_connected;
    };
    auto backend = std::make_unique<RemoteKioskBackend>(m_endpoint, m_dir.filePath(QStringLiteral("kiosk/thumbnails")));
    m_window = std::make_unique<KioskWindow>(std::move(backend), m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestKioskRemoteUsb::cleanupTestCase()
{
    m_window.reset();
    if (m_device)
        QVERIFY(m_device->stop());
}

QStringList TestKioskRemoteUsb::namesOnDevice(const QString &code) const
{
    QStringList names;
    const CtlRun albums = m_device->run({ QStringLiteral("albums"), QStringLiteral("--customer"), code });
    for (const QJsonObject &album : albums.records()) {
        const CtlRun photos = m_device->run({ QStringLiteral("photos"), QStringLiteral("--album"),
                                              QString::number(album.value(QStringLiteral("id")).toInteger()) });
        for (const QJsonObject &photo : photos.records())
            names.append(photo.value(QStringLiteral("name")).toString());
    }
    names.sort();
    return names;
}

void TestKioskRemoteUsb::cameraAtTheKioskArrivesOnTheDevice()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));

    QSignalSpy finished(m_window.get(), &KioskWindow::importFinished);
    {
        const std::lock_guard<std::mutex> lock(m_guard);
        m_connected = { m_camera.camera() };
    }
    QTRY_COMPARE(kiosk().page(), QStringLiteral("importPage"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 2 * NetworkMs);
    const auto summary = finished.first().first().value<IngestSummary>();
    QVERIFY2(summary.added == int(m_camera.listed.size()) - 2, qPrintable(m_window->importPage()->summaryText()));
    QCOMPARE(summary.alreadyReceived, 1);
    QCOMPARE(summary.rejected, 1);
    QCOMPARE(namesOnDevice(QStringLiteral("1001")),
             (QStringList { QStringLiteral("Canon_MG3500_scan.png"), QStringLiteral("DSCN0010.jpg"),
                            QStringLiteral("DSCN0012.jpg"), QStringLiteral("imagemagick.png") }));
    // The spool on the kiosk is gone with the hand-in.
    const QString spool = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/usb-spool");
    QVERIFY2(QDir(spool).isEmpty(), qPrintable(QDir(spool).entryList().join(u',')));
}

void TestKioskRemoteUsb::keepsakectlHandsInACameraThroughTheDevice()
{
    const CtlRun terminal = m_device->run({ QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("CLI"),
                                            QStringLiteral("--kind"), QStringLiteral("counter") });
    QVERIFY2(terminal.code == 0, qPrintable(terminal.why()));
    const CtlRun handin = ctl({ QStringLiteral("--device"), m_device->url(), QStringLiteral("--fingerprint"),
                                m_device->fingerprint, QStringLiteral("--token"),
                                terminal.first().value(QStringLiteral("token")).toString(), QStringLiteral("--json"),
                                QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("2002"),
                                QStringLiteral("--usb"), m_camera.camera().port, QStringLiteral("--usb-model"),
                                m_camera.camera().model });
    QVERIFY2(handin.code == 3, qPrintable(handin.why()));   // notes.jpg is rejected
    QStringList paths;
    for (const QJsonObject &record : handin.records())
        paths.append(record.value(QStringLiteral("path")).toString());
    paths.sort();
    QCOMPARE(paths, m_camera.listed);
    QCOMPARE(handin.summary().value(QStringLiteral("new")).toInt(), int(m_camera.listed.size()) - 2);
    QVERIFY2(handin.err.contains(QLatin1String("camera_may_be_unplugged")), qPrintable(handin.err));
    QCOMPARE(namesOnDevice(QStringLiteral("2002")).size(), m_camera.listed.size() - 2);
}

QTEST_MAIN(TestKioskRemoteUsb)
#include "tst_kioskremoteusb.moc"
