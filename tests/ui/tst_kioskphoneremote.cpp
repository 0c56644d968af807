// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The kiosk as a device's client (RemoteKioskBackend) with a phone's hand-in and live
// notices (issue 16): the device is keepsakectl serve on a loopback port; the kiosk asks
// it for the upload address (POST /v1/uploads) and follows the upload
// (GET /v1/uploads/{id}); a phone hands photos in through the device's routes for
// phones; the photos land in the customer's albums on the device; and an expiry
// notice made on the device while the customer is signed in reaches the kiosk's banner.
#include "KioskTestSupport.h"
#include "NetworkChain.h"
#include "PhoneTestSupport.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "base/Translations.h"
#include "kiosk/AlbumsPage.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/PhonePage.h"
#include "kiosk/RemoteKioskBackend.h"

#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

constexpr int NetworkMs = 30000;

} // namespace

class TestKioskPhoneRemote : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void phoneHandsInThroughTheDevice();
    void noticeFromTheDeviceShowsWhileSignedIn();

private:
    KioskDriver kiosk() const { return KioskDriver(m_window.get(), NetworkMs); }
    int photosOnDevice() const;

    QTemporaryDir m_dir;
    QTemporaryDir m_media;
    std::unique_ptr<ChainDevice> m_device;
    Translations m_translations;
    std::unique_ptr<KioskWindow> m_window;
};

void TestKioskPhoneRemote::initTestCase()
{
    QVERIFY(m_dir.isValid() && m_media.isValid());
    const QString data = m_dir.filePath(QStringLiteral("device"));
    m_device = std::make_unique<ChainDevice>(QStringLiteral("S1"), data, testCatalogUrl(data));
    QVERIFY(m_device->init());
    QVERIFY(m_device->start());
    const CtlRun paired = m_device->run({ QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K"),
                                          QStringLiteral("--kind"), QStringLiteral("kiosk") });
    QVERIFY2(paired.code == 0, qPrintable(paired.why()));
    const CtlRun added = m_device->run({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"),
                                         QStringLiteral("1001"), QStringLiteral("--name"), QStringLiteral("Anna Berg"),
                                         QStringLiteral("--pin"), QStringLiteral("2468") });
    QVERIFY2(added.code == 0, qPrintable(added.why()));
    const CtlRun ingested = m_device->run({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("1001"),
                                            QStringLiteral("--album"), QStringLiteral("Garden"), corpusPath(QStringLiteral("real/png")) });
    QVERIFY2(ingested.code == 0, qPrintable(ingested.why()));
    DeviceEndpoint endpoint;
    endpoint.url = QUrl(m_device->url());
    endpoint.fingerprint = m_device->fingerprint;
    endpoint.token = paired.first().value(QStringLiteral("token")).toString();
    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_media.path() };
    options.noticePollMilliseconds = 300;
    options.phonePollMilliseconds = 300;
    auto backend = std::make_unique<RemoteKioskBackend>(endpoint, m_dir.filePath(QStringLiteral("kiosk")));
    m_window = std::make_unique<KioskWindow>(std::move(backend), m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestKioskPhoneRemote::cleanupTestCase()
{
    m_window.reset();
    if (m_device)
        QVERIFY(m_device->stop());
}

int TestKioskPhoneRemote::photosOnDevice() const
{
    int photos = 0;
    for (const QJsonObject &album : m_device->run({ QStringLiteral("albums"), QStringLiteral("--customer"),
                                                    QStringLiteral("1001") }).records())
        photos += album.value(QStringLiteral("photos")).toInt();
    return photos;
}

void TestKioskPhoneRemote::phoneHandsInThroughTheDevice()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    const int before = photosOnDevice();
    QVERIFY(before > 0);
    QCOMPARE(int(m_window->albumsPage()->data().photos.size()), before);
    kiosk().press(QStringLiteral("phoneButton"));
    PhonePage *phone = m_window->phonePage();
    QTRY_VERIFY_WITH_TIMEOUT(!phone->url().isEmpty(), NetworkMs);
    auto *code = m_window->findChild<QLabel *>(QStringLiteral("phoneQr"));
    QVERIFY(visibleInside(m_window.get(), code));
    const QString address = decodeQr(code->pixmap().toImage());
    QCOMPARE(address, phone->url());
    QVERIFY2(address.startsWith(m_device->url() + QStringLiteral("/web/u/")), qPrintable(address));
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("phoneMinutes"))->text(),
             QStringLiteral("The code works for 15 more minutes."));

    TestPhone handset(address, m_device->fingerprint);
    QString refused;
    const QStringList sent = handset.send({ corpusPath(QStringLiteral("real/jpeg/DSCN0010.jpg")),
                                            corpusPath(QStringLiteral("real/jpeg/DSCN0012.jpg")) }, &refused);
    QVERIFY2(sent.size() == 2, qPrintable(refused));
    QTRY_COMPARE_WITH_TIMEOUT(phone->statusText(), QStringLiteral("2 photos received"), NetworkMs);
    QSignalSpy handedIn(phone, &PhonePage::handedIn);
    QCOMPARE(handset.finish().status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(handedIn.count() == 1, 60000);
    QVERIFY2(phone->statusText() == QLatin1String("2 new photos are in your albums."), qPrintable(phone->statusText()));
    QCOMPARE(photosOnDevice(), before + 2);
    QTRY_COMPARE_WITH_TIMEOUT(int(m_window->albumsPage()->data().photos.size()), before + 2, NetworkMs);
    kiosk().press(QStringLiteral("phoneClose"));
    kiosk().press(QStringLiteral("signOutButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("welcomePage"));
}

void TestKioskPhoneRemote::noticeFromTheDeviceShowsWhileSignedIn()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    auto *banner = kiosk().button(QStringLiteral("noticeBanner"));
    QVERIFY(!banner->isVisible());
    const CtlRun albums = m_device->run({ QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("1001") });
    QVERIFY(!albums.records().isEmpty());
    const QString album = QString::number(albums.first().value(QStringLiteral("id")).toInteger());
    QCOMPARE(m_device->run({ QStringLiteral("rule"), QStringLiteral("add"), QStringLiteral("Ten"),
                             QStringLiteral("--keep-days"), QStringLiteral("10") }).code, 0);
    QCOMPARE(m_device->run({ QStringLiteral("album"), QStringLiteral("set-rule"), QStringLiteral("--album"), album,
                             QStringLiteral("--rule"), QStringLiteral("Ten") }).code, 0);
    QCOMPARE(m_device->run({ QStringLiteral("expire") }).code, 0);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), NetworkMs);   // no touch, no new sign-in
    QVERIFY2(banner->text().startsWith(QLatin1String("New notice")), qPrintable(banner->text()));
    kiosk().press(QStringLiteral("noticeBanner"));
    QTRY_COMPARE_WITH_TIMEOUT(kiosk().page(), QStringLiteral("noticesPage"), NetworkMs);
    kiosk().press(QStringLiteral("noticesClose"));
    kiosk().press(QStringLiteral("signOutButton"));
}

QTEST_MAIN(TestKioskPhoneRemote)
#include "tst_kioskphoneremote.moc"
