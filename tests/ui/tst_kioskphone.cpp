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
#include "PhoneTestSupport.h"
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
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QThread>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

// A device served on a thread of its own, as keepsakectl serve would serve it.
class ServedElsewhere
{
public:
    explicit ServedElsewhere(const Lab &lab)
    {
        m_thread.start();
        m_anchor.moveToThread(&m_thread);
        QMetaObject::invokeMethod(&m_anchor, [this, &lab] {
            m_service = std::make_unique<DeviceService>(lab);
            m_started = m_service->start(QHostAddress::LocalHost, 0).ok();
        }, Qt::BlockingQueuedConnection);
    }
    ~ServedElsewhere()
    {
        QMetaObject::invokeMethod(&m_anchor, [this] { m_service.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    bool started() const { return m_started; }

private:
    QThread m_thread;
    QObject m_anchor;
    std::unique_ptr<DeviceService> m_service;
    bool m_started = false;
};

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

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
    QPushButton *button(const QString &name) const { return m_window->findChild<QPushButton *>(name); }
    QString page() const { return m_window->currentPage()->objectName(); }
    void press(const QString &name);
    static void signIn(KioskWindow &window, const QString &code, const QString &pin);
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
                                                                  QStringLiteral("https://127.0.0.1:%1").arg(freePort()));
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
    if (m_window->customerId())
        QTest::mouseClick(button(QStringLiteral("signOutButton")), Qt::LeftButton);
    QTRY_COMPARE(page(), QStringLiteral("welcomePage"));
}

void TestKioskPhone::press(const QString &name)
{
    QPushButton *found = button(name);
    QVERIFY2(found && found->isVisible() && found->isEnabled(), qPrintable(name));
    QTest::mouseClick(found, Qt::LeftButton);
}

void TestKioskPhone::signIn(KioskWindow &window, const QString &code, const QString &pin)
{
    QSignalSpy signedIn(&window, &KioskWindow::signedIn);
    QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("startButton")), Qt::LeftButton);
    window.findChild<QLineEdit *>(QStringLiteral("codeField"))->setText(code);
    auto *pinField = window.findChild<QLineEdit *>(QStringLiteral("pinField"));
    pinField->setText(pin);
    QTest::keyClick(pinField, Qt::Key_Return);
    QTRY_COMPARE(signedIn.count(), 1);
    QTRY_VERIFY(window.albumsPage()->isLoaded());
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
    signIn(*m_window, QStringLiteral("1001"), QStringLiteral("2468"));
    press(QStringLiteral("phoneButton"));
    QCOMPARE(page(), QStringLiteral("phonePage"));
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
    press(QStringLiteral("phoneClose"));
    QCOMPARE(page(), QStringLiteral("homePage"));
    press(QStringLiteral("phoneButton"));
    QCOMPARE(phone()->url(), address);
}

// Three new photos and one the lab has already, through the device's routes for phones.
void TestKioskPhone::photosFromThePhoneArriveAndLandInTheAlbums()
{
    signIn(*m_window, QStringLiteral("1001"), QStringLiteral("2468"));
    const int before = int(m_window->albumsPage()->data().photos.size());
    press(QStringLiteral("phoneButton"));
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
    QCOMPARE(page(), QStringLiteral("phonePage"));
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
    QVERIFY(button(QStringLiteral("phoneNewCode"))->isVisible());
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
    press(QStringLiteral("phoneClose"));
    press(QStringLiteral("phoneButton"));
    QVERIFY(!shownAddress().endsWith(handset.token()));
}

void TestKioskPhone::expiredCodeOffersANewOne()
{
    signIn(*m_window, QStringLiteral("1001"), QStringLiteral("2468"));
    press(QStringLiteral("phoneButton"));
    const QString first = shownAddress();
    QVERIFY(!first.isEmpty());
    QVERIFY(!button(QStringLiteral("phoneNewCode"))->isVisible());
    m_lab.clock.advanceSeconds(14 * 60 + 30);
    auto *minutes = m_window->findChild<QLabel *>(QStringLiteral("phoneMinutes"));
    QTRY_COMPARE(minutes->text(), QStringLiteral("The code works for 1 more minute."));
    m_lab.clock.advanceSeconds(60);
    QTRY_VERIFY(button(QStringLiteral("phoneNewCode"))->isVisible());
    QCOMPARE(phone()->statusText(), QStringLiteral("This code has expired. Tap \"New code\" for another one."));
    QVERIFY(!m_window->findChild<QLabel *>(QStringLiteral("phoneQr"))->isVisible());
    QVERIFY(!minutes->isVisible());
    TestPhone late(first, m_lab.lab->device()->fingerprint);
    QCOMPARE(late.state().status, 410);
    press(QStringLiteral("phoneNewCode"));
    const QString second = shownAddress();
    QVERIFY(second != first);
    QCOMPARE(minutes->text(), QStringLiteral("The code works for 15 more minutes."));
    QVERIFY(!button(QStringLiteral("phoneNewCode"))->isVisible());
}

// A sweep finds the album expiring while the customer is signed in: the banner shows
// it without a touch, and the notices page, when open, gets the new card.
void TestKioskPhone::noticeShowsWhileSignedIn()
{
    signIn(*m_window, QStringLiteral("1001"), QStringLiteral("2468"));
    auto *banner = button(QStringLiteral("noticeBanner"));
    QTRY_VERIFY(m_window->noticeWatch()->isWatching());
    QVERIFY(!banner->isVisible());
    QDate expires;
    for (const AlbumSummary &album : m_window->albumsPage()->data().albums)
        expires = expires.isValid() ? qMin(expires, album.expires) : album.expires;
    QVERIFY(expires.isValid());
    m_lab.clock.set(QDateTime(expires.addDays(-10), QTime(9, 0), Qt::UTC));
    press(QStringLiteral("extendButton"));
    QTRY_COMPARE(page(), QStringLiteral("noticesPage"));
    QCOMPARE(m_window->noticesPage()->cards().size(), 0);
    const Result<SweepReport> swept = ExpirySweep(m_lab.lab->catalog(), m_lab.clock).run(false, QStringLiteral("test"));
    QVERIFY2(swept, qPrintable(swept ? QString() : swept.error().message()));
    QTRY_VERIFY(!m_window->noticesPage()->cards().isEmpty());   // no touch, no reload
    const QList<Notice> unread = m_window->noticeWatch()->unread();
    QCOMPARE(m_window->noticesPage()->cards().size(), int(unread.size()));
    press(QStringLiteral("noticesClose"));
    QCOMPARE(page(), QStringLiteral("homePage"));
    QVERIFY(banner->isVisible());
    const QString expected = unread.size() == 1 ? QStringLiteral("New notice — Your album expires soon: %1.")
                                                : QStringLiteral("%1 unread notices, the newest: Your album expires soon: %2.")
                                                      .arg(unread.size());
    QVERIFY2(banner->text().startsWith(expected.arg(unread.first().albumTitle)), qPrintable(banner->text()));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-notice-banner"));
    press(QStringLiteral("noticeBanner"));
    QTRY_COMPARE(page(), QStringLiteral("noticesPage"));
    for (NoticeCardView *card : m_window->noticesPage()->cards())
        card->toggle();   // each read: marked so
    press(QStringLiteral("noticesClose"));
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
    signIn(kiosk, QStringLiteral("2002"), QStringLiteral("8642"));
    QTest::mouseClick(kiosk.findChild<QPushButton *>(QStringLiteral("phoneButton")), Qt::LeftButton);
    QCOMPARE(kiosk.currentPage()->objectName(), QStringLiteral("phonePage"));
    QTRY_VERIFY2(kiosk.phonePage()->statusText().startsWith(QLatin1String("Phones can hand in only at a lab whose data "
                                                                          "folder is a device")),
                 qPrintable(kiosk.phonePage()->statusText()));
    QVERIFY(!kiosk.findChild<QLabel *>(QStringLiteral("phoneQr"))->isVisible());
    QVERIFY(!kiosk.findChild<QPushButton *>(QStringLiteral("phoneNewCode"))->isVisible());
    QVERIFY(kiosk.phonePage()->url().isEmpty());
    QTest::mouseClick(kiosk.findChild<QPushButton *>(QStringLiteral("phoneClose")), Qt::LeftButton);
    QTest::mouseClick(kiosk.findChild<QPushButton *>(QStringLiteral("signOutButton")), Qt::LeftButton);
    QCOMPARE(kiosk.customerId(), 0);
}

QTEST_MAIN(TestKioskPhone)
#include "tst_kioskphone.moc"
