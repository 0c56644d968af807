// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The kiosk and a camera or phone on USB: noticed like a card (the detector is the
// test's; the camera is a folder read through libgphoto2's Directory Browse driver),
// waiting on the welcome screen until the customer signs in, or handed in at once
// when someone is signed in; the copy, then the card's hand-in, on the import page.
#include "KioskTestSupport.h"
#include "UiTestSupport.h"
#include "UsbTestCamera.h"
#include "base/Translations.h"
#include "common/JobProgress.h"
#include "kiosk/ImportPage.h"
#include "kiosk/KioskWindow.h"

#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

#include <mutex>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestKioskUsb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cameraPluggedInBeforeSignInWaitsForTheCustomer();
    void cameraPluggedInWhileSignedInIsHandedInAtOnce();

private:
    void plugIn(const UsbCamera &camera);
    void unplug();
    KioskDriver kiosk() const { return KioskDriver(m_window.get()); }
    QString hint() const { return m_window->findChild<QLabel *>(QStringLiteral("welcomeHint"))->text(); }

    TestLab m_lab;
    QTemporaryDir m_media;
    FolderCamera m_camera;
    Translations m_translations;
    std::mutex m_guard;
    QList<UsbCamera> m_connected;   // what the test's detector finds on "USB"
    std::unique_ptr<KioskWindow> m_window;
};

void TestKioskUsb::initTestCase()
{
    QVERIFY(m_lab.open());
    QVERIFY(m_lab.addCustomer(QStringLiteral("1001"), QStringLiteral("Anna Berg"), QStringLiteral("2468")));
    QVERIFY(m_camera.make());
    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_media.path() };
    options.usbLookMilliseconds = 20;
    options.usbDetector = [this]() -> Result<QList<UsbCamera>> {
        const std::lock_guard<std::mutex> lock(m_guard);
        return m_connected;
    };
    m_window = std::make_unique<KioskWindow>(*m_lab.lab, m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestKioskUsb::cleanup()
{
    unplug();
    if (kiosk().page() == QLatin1String("importPage"))
        QTRY_VERIFY(!m_window->isImporting());
    kiosk().returnToWelcome();
}

void TestKioskUsb::plugIn(const UsbCamera &camera)
{
    const std::lock_guard<std::mutex> lock(m_guard);
    m_connected = { camera };
}

void TestKioskUsb::unplug()
{
    const std::lock_guard<std::mutex> lock(m_guard);
    m_connected.clear();
}

void TestKioskUsb::cameraPluggedInBeforeSignInWaitsForTheCustomer()
{
    QSignalSpy finished(m_window.get(), &KioskWindow::importFinished);
    plugIn(m_camera.camera());
    QTRY_VERIFY2(hint().contains(QLatin1String("camera or phone is connected")), qPrintable(hint()));
    QCOMPARE(kiosk().page(), QStringLiteral("welcomePage"));   // nobody to hand it in for yet
    QVERIFY(!m_window->isImporting());

    kiosk().signInOnKeys(QStringLiteral("1001"), QStringLiteral("2468"), QStringLiteral("importPage"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    const auto summary = finished.first().first().value<IngestSummary>();
    QCOMPARE(summary.added, int(m_camera.listed.size()) - 2);
    QCOMPARE(summary.alreadyReceived, 1);   // the copy of a photo in the second folder
    QCOMPARE(summary.rejected, 1);          // notes.jpg
    auto *title = m_window->importPage()->findChild<QLabel *>(QStringLiteral("jobTitle"));
    QVERIFY(title);
    QVERIFY2(title->text().startsWith(QLatin1String("Copying your photos from Directory Browse")), qPrintable(title->text()));
    auto *detail = m_window->importPage()->findChild<QLabel *>(QStringLiteral("jobDetail"));
    QTRY_VERIFY2(detail->text().contains(QLatin1String("You may unplug your camera or phone")), qPrintable(detail->text()));
    QVERIFY(m_window->importPage()->summaryText().contains(QLatin1String("1 already handed in")));
    QVERIFY(QDir(m_lab.lab->path(QStringLiteral("spool/usb"))).isEmpty());
    kiosk().press(QStringLiteral("importDone"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
}

void TestKioskUsb::cameraPluggedInWhileSignedInIsHandedInAtOnce()
{
    kiosk().signInOnKeys(QStringLiteral("1001"), QStringLiteral("2468"));
    QSignalSpy finished(m_window.get(), &KioskWindow::importFinished);
    plugIn(m_camera.camera());
    QTRY_COMPARE(kiosk().page(), QStringLiteral("importPage"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    const auto summary = finished.first().first().value<IngestSummary>();
    QCOMPARE(summary.added, 0);   // handed in by the first test
    QCOMPARE(summary.alreadyReceived, int(m_camera.listed.size()) - 1);
    QCOMPARE(summary.rejected, 1);
}

QTEST_MAIN(TestKioskUsb)
#include "tst_kioskusb.moc"
