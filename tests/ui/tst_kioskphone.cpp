// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The kiosk's hand-in from a phone and its live notices (issue 16), on the lab of this
// machine, which is a device served in this process: the QR code holds the upload
// address (read back by zbarimg), a phone hands photos in through the device's real
// routes and the page shows them arriving and then what became of them, the albums
// reload, the session does not end while photos come, an expired code offers a new
// one; a notice made while the customer is signed in shows without a touch; and a
// data folder that is no device says why there is no code.
#include "KioskTestSupport.h"
#include "PhoneTestSupport.h"
#include "ServedDevice.h"
#include "UiTestSupport.h"

#include "base/Translations.h"
#include "kiosk/AlbumsPage.h"
#include "kiosk/IdleGuard.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/NoticeWatch.h"
#include "kiosk/NoticesPage.h"
#include "kiosk/PhonePage.h"
#include "lab/LabDevice.h"
#include "net/DeviceService.h"
#include "retention/ExpirySweep.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

QStringList corpusFiles(const QString &folder, const QStringList &names)
{
    QStringList files;
    for (const QString &name : names)
        files.append(corpusPath(folder + QLatin1Char('/') + name));
    return files;
}

} // namespace

class TestKioskPhone : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void qrCodeHoldsTheUploadAddress();
    void photosFromThePhoneArriveAndLandInTheAlbums();
    void expiredCodeOffersANewOne();
    void noticeShowsWhileSignedIn();
    void noDeviceSaysWhy();

private:
    KioskDriver kiosk() const { return KioskDriver(m_window.get()); }
    PhonePage *phone() const { return m_window->phonePage(); }
    // The page's code, once it shows: the address zbarimg reads from it, the one shown as text.
    void readCode(QString &address);
    QString shownAddress()
    {
        QString address;
        readCode(address);
        return QTest::currentTestFailed() ? QString() : address;
    }

    TestLab m_lab;
    QTemporaryDir m_media;
    Translations m_translations;
    std::unique_ptr<ServedElsewhere> m_service;
    std::unique_ptr<KioskWindow> m_window;
};

void TestKioskPhone::initTestCase()
{
    QVERIFY(m_lab.open());
    QVERIFY(m_lab.addCustomer(QStringLiteral("1001"), QStringLiteral("Anna Berg"), QStringLiteral("2468")));
    QVERIFY(m_lab.ingest(QStringLiteral("1001"), { QStringLiteral("real/png") }).added > 1);
    const Result<LabDevice::Initialized> device = LabDevice::init(*m_lab.lab, Actor::system(QStringLiteral("test")),
                                                                  QStringLiteral("S1"),
                                                                  QStringLiteral("https://127.0.0.1:%1").arg(freeLoopbackPort()));
    QVERIFY2(device, qPrintable(device ? QString() : device.error().message()));
    m_lab.lab.reset();
    QVERIFY(m_lab.open());   // now the folder is device S1
    QVERIFY(m_lab.lab->device());
    m_service = std::make_unique<ServedElsewhere>(*m_lab.lab);
    QVERIFY(m_service->started());
    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_media.path() };
    options.noticePollMilliseconds = 200;
    options.phonePollMilliseconds = 200;
    m_window = std::make_unique<KioskWindow>(*m_lab.lab, m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestKioskPhone::cleanupTestCase()
{
    m_window.reset();
    m_service.reset();
}

void TestKioskPhone::cleanup()
{
    kiosk().returnToWelcome();
}

void TestKioskPhone::readCode(QString &address)
{
    QTRY_VERIFY(!phone()->url().isEmpty());
    auto *code = m_window->findChild<QLabel *>(QStringLiteral("phoneQr"));
    QVERIFY(visibleInside(m_window.get(), code));
    address = decodeQr(code->pixmap().toImage());
    QCOMPARE(address, phone()->url());
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("phoneUrl"))->text(), phone()->url());
}

void TestKioskPhone::qrCodeHoldsTheUploadAddress()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    kiosk().press(QStringLiteral("phoneButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("phonePage"));
    const QString address = shownAddress();
    QVERIFY2(address.startsWith(m_lab.lab->device()->url + QStringLiteral("/web/u/")), qPrintable(address));
    auto *minutes = m_window->findChild<QLabel *>(QStringLiteral("phoneMinutes"));
    QVERIFY(minutes->isVisible());
    QCOMPARE(minutes->text(), QStringLiteral("The code works for 15 more minutes."));
    // Every module is whole black or white pixels: no smoothing grey.
    QCOMPARE(distinctColours(phone()->qrImage()), 2);
    const QImage shot = shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-phone-code"));
    QVERIFY(distinctColours(shot) > 4);
    // Back and again: the same address, while it still takes photos.
    kiosk().press(QStringLiteral("phoneClose"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
    kiosk().press(QStringLiteral("phoneButton"));
    QCOMPARE(phone()->url(), address);
}

// Three new photos and one the lab has already, through the device's routes for phones.
void TestKioskPhone::photosFromThePhoneArriveAndLandInTheAlbums()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    const int before = int(m_window->albumsPage()->data().photos.size());
    kiosk().press(QStringLiteral("phoneButton"));
    const QString address = shownAddress();
    QVERIFY(!address.isEmpty());
    TestPhone handset(address, m_lab.lab->device()->fingerprint);
    QString refused;
    const QStringList sent = handset.send(
        corpusFiles(QStringLiteral("real/jpeg"), { QStringLiteral("DSCN0010.jpg"), QStringLiteral("Canon_IXUS_v3.jpg"),
                                                   QStringLiteral("Canon_PowerShot_S40.jpg") })
            + corpusFiles(QStringLiteral("real/png"), { QStringLiteral("imagemagick.png") }),
        &refused);
    QVERIFY2(sent.size() == 3, qPrintable(sent.join(QLatin1Char(' ')) + refused));
    QTRY_COMPARE(phone()->statusText(), QStringLiteral("3 photos received"));
    QVERIFY(phone()->isReceiving());

    // The session stays while photos come, however long the customer does not touch.
    const int idleAfter = m_window->idleGuard()->interval();
    m_window->idleGuard()->setInterval(50);   // shorter than the page's asking: the guard goes off in between
    m_window->idleGuard()->touch();
    QSignalSpy idle(m_window->idleGuard(), &IdleGuard::idle);
    QTRY_VERIFY(idle.count() >= 2);
    QVERIFY(m_window->customerId() != 0);
    QCOMPARE(kiosk().page(), QStringLiteral("phonePage"));
    m_window->idleGuard()->setInterval(idleAfter);
    m_window->idleGuard()->touch();

    QSignalSpy handedIn(phone(), &PhonePage::handedIn);
    QCOMPARE(handset.finish().status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(handedIn.count() == 1, 60000);
    const QString result = phone()->statusText();
    QVERIFY2(result.startsWith(QLatin1String("3 new photos are in your albums.")), qPrintable(result));
    QVERIFY2(result.contains(QLatin1String("1 you had handed in before.")), qPrintable(result));
    QVERIFY(!phone()->isReceiving());
    QVERIFY(!m_window->findChild<QLabel *>(QStringLiteral("phoneQr"))->isVisible());   // the address is used up
    QVERIFY(kiosk().button(QStringLiteral("phoneNewCode"))->isVisible());
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-phone-done"));
    // The albums reloaded by themselves, with the photos in them.
    QTRY_COMPARE(int(m_window->albumsPage()->data().photos.size()), before + 3);
    QSet<QString> names;
    for (const PhotoRecord &photo : m_window->albumsPage()->data().photos)
        names.insert(photo.name);
    for (const QString &name : sent)
        QVERIFY2(names.contains(name), qPrintable(name));
    // The used address takes nothing more; the next tap makes a new one.
    QCOMPARE(handset.state().json.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    QVERIFY(handset.send(corpusFiles(QStringLiteral("real/jpeg"), { QStringLiteral("DSCN0012.jpg") })).isEmpty());
    kiosk().press(QStringLiteral("phoneClose"));
    kiosk().press(QStringLiteral("phoneButton"));
    QVERIFY(!shownAddress().endsWith(handset.token()));
}

void TestKioskPhone::expiredCodeOffersANewOne()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    kiosk().press(QStringLiteral("phoneButton"));
    const QString first = shownAddress();
    QVERIFY(!first.isEmpty());
    QVERIFY(!kiosk().button(QStringLiteral("phoneNewCode"))->isVisible());
    m_lab.clock.advanceSeconds(14 * 60 + 30);
    auto *minutes = m_window->findChild<QLabel *>(QStringLiteral("phoneMinutes"));
    QTRY_COMPARE(minutes->text(), QStringLiteral("The code works for 1 more minute."));
    m_lab.clock.advanceSeconds(60);
    QTRY_VERIFY(kiosk().button(QStringLiteral("phoneNewCode"))->isVisible());
    QCOMPARE(phone()->statusText(), QStringLiteral("This code has expired. Tap \"New code\" for another one."));
    QVERIFY(!m_window->findChild<QLabel *>(QStringLiteral("phoneQr"))->isVisible());
    QVERIFY(!minutes->isVisible());
    TestPhone late(first, m_lab.lab->device()->fingerprint);
    QCOMPARE(late.state().status, 410);
    kiosk().press(QStringLiteral("phoneNewCode"));
    const QString second = shownAddress();
    QVERIFY(second != first);
    QCOMPARE(minutes->text(), QStringLiteral("The code works for 15 more minutes."));
    QVERIFY(!kiosk().button(QStringLiteral("phoneNewCode"))->isVisible());
}

// A sweep finds the album expiring while the customer is signed in: the banner shows
// it without a touch, and the notices page, when open, gets the new card.
void TestKioskPhone::noticeShowsWhileSignedIn()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    auto *banner = kiosk().button(QStringLiteral("noticeBanner"));
    QTRY_VERIFY(m_window->noticeWatch()->isWatching());
    QVERIFY(!banner->isVisible());
    QDate expires;
    for (const AlbumSummary &album : m_window->albumsPage()->data().albums)
        expires = expires.isValid() ? qMin(expires, album.expires) : album.expires;
    QVERIFY(expires.isValid());
    m_lab.clock.set(QDateTime(expires.addDays(-10), QTime(9, 0), Qt::UTC));
    kiosk().press(QStringLiteral("extendButton"));
    QTRY_COMPARE(kiosk().page(), QStringLiteral("noticesPage"));
    QCOMPARE(m_window->noticesPage()->cards().size(), 0);
    const Result<SweepReport> swept = ExpirySweep(m_lab.lab->catalog(), m_lab.clock).run(false, QStringLiteral("test"));
    QVERIFY2(swept, qPrintable(swept ? QString() : swept.error().message()));
    QTRY_VERIFY(!m_window->noticesPage()->cards().isEmpty());   // no touch, no reload
    const QList<Notice> unread = m_window->noticeWatch()->unread();
    QCOMPARE(m_window->noticesPage()->cards().size(), int(unread.size()));
    kiosk().press(QStringLiteral("noticesClose"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
    QVERIFY(banner->isVisible());
    const QString expected = unread.size() == 1 ? QStringLiteral("New notice — Your album expires soon: %1.")
                                                : QStringLiteral("%1 unread notices, the newest: Your album expires soon: %2.")
                                                      .arg(unread.size());
    QVERIFY2(banner->text().startsWith(expected.arg(unread.first().albumTitle)), qPrintable(banner->text()));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-notice-banner"));
    kiosk().press(QStringLiteral("noticeBanner"));
    QTRY_COMPARE(kiosk().page(), QStringLiteral("noticesPage"));
    for (NoticeCardView *card : m_window->noticesPage()->cards())
        card->toggle();   // each read: marked so
    kiosk().press(QStringLiteral("noticesClose"));
    QTRY_VERIFY(!banner->isVisible());
}

// A lab whose data folder is no device: nothing would answer the phone, and the page says so.
void TestKioskPhone::noDeviceSaysWhy()
{
    TestLab plain;
    QVERIFY(plain.open());
    QVERIFY(plain.addCustomer(QStringLiteral("2002"), QStringLiteral("Bruno Weiss"), QStringLiteral("8642")));
    QTemporaryDir media;
    KioskOptions options;
    options.mountRoots = { media.path() };
    KioskWindow kiosk(*plain.lab, m_translations, options);
    kiosk.resize(1280, 800);
    kiosk.show();
    QVERIFY(QTest::qWaitForWindowExposed(&kiosk));
    KioskDriver driver(&kiosk);
    driver.signIn(QStringLiteral("2002"), QStringLiteral("8642"));
    driver.press(QStringLiteral("phoneButton"));
    QCOMPARE(driver.page(), QStringLiteral("phonePage"));
    QTRY_VERIFY2(kiosk.phonePage()->statusText().startsWith(QLatin1String("Phones can hand in only at a lab whose data "
                                                                          "folder is a device")),
                 qPrintable(kiosk.phonePage()->statusText()));
    QVERIFY(!kiosk.findChild<QLabel *>(QStringLiteral("phoneQr"))->isVisible());
    QVERIFY(!kiosk.findChild<QPushButton *>(QStringLiteral("phoneNewCode"))->isVisible());
    QVERIFY(kiosk.phonePage()->url().isEmpty());
    driver.press(QStringLiteral("phoneClose"));
    driver.press(QStringLiteral("signOutButton"));
    QCOMPARE(kiosk.customerId(), 0);
}

QTEST_MAIN(TestKioskPhone)
#include "tst_kioskphone.moc"
