// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The customer's day at a kiosk that is a device's client (issue 17; claim 3): one
// device on SQLite served by keepsakectl serve, a kiosk terminal paired with it, the
// kiosk window on a RemoteKioskBackend. Opening an album under a last-view rule moves
// its date on the device; a caption written on the kiosk's keys is saved there (and a
// viewer's is refused); a card's hand-in ends with its receipt on screen, and the
// receipt the device draws is printed on the printer beside the kiosk: a real CUPS
// queue of the test's own.
#include "KioskTestSupport.h"
#include "NetworkChain.h"
#include "PhoneTestSupport.h"
#include "ReceiptTestSupport.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "base/Time.h"
#include "base/Translations.h"
#include "catalog/PickupCode.h"
#include "common/PhotoGridModel.h"
#include "kiosk/AlbumsPage.h"
#include "kiosk/ImportPage.h"
#include "kiosk/KioskLanguages.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/PhotoViewPage.h"
#include "kiosk/ReceiptPanel.h"
#include "kiosk/RemoteKioskBackend.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

constexpr int NetworkMs = 30000;

} // namespace

class TestKioskDayRemote : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void openingAlbumMovesItsDateOnTheDevice();
    void captionSavedOnTheDevice();
    void viewerCannotCaption();
    void receiptShownAndPrintedThroughTheDevice();

private:
    KioskDriver kiosk() const { return KioskDriver(m_window.get(), NetworkMs); }
    void setUpDevice();
    QString expiresOnDevice(qint64 albumId) const;

    QTemporaryDir m_dir;
    QTemporaryDir m_media;
    CupsTestServer m_cups;
    QByteArray m_oldCupsServer;
    std::unique_ptr<ChainDevice> m_device;
    Translations m_translations;
    std::unique_ptr<KioskWindow> m_window;
    qint64 m_viewed = 0;   // Anna's, under "Viewed 30 days", handed in twenty days ago
    qint64 m_shared = 0;   // Anna's, shared with Bruno
};

void TestKioskDayRemote::initTestCase()
{
    QVERIFY(m_dir.isValid() && m_media.isValid());
    const QString cups = m_cups.start();
    QVERIFY2(cups.isEmpty(), qPrintable(cups));
    m_oldCupsServer = qgetenv("CUPS_SERVER");
    qputenv("CUPS_SERVER", m_cups.server().toLatin1());   // the kiosk's printer: lp, started by the kiosk, goes there
    const QString data = m_dir.filePath(QStringLiteral("device"));
    m_device = std::make_unique<ChainDevice>(QStringLiteral("S1"), data, testCatalogUrl(data));
    QVERIFY(m_device->init());
    QVERIFY(m_device->start());
    const CtlRun paired = m_device->run({ QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K"),
                                          QStringLiteral("--kind"), QStringLiteral("kiosk") });
    QVERIFY2(paired.code == 0, qPrintable(paired.why()));
    setUpDevice();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(expiresOnDevice(m_viewed), toCatalogDate(QDate::currentDate().addDays(20)));

    DeviceEndpoint endpoint;
    endpoint.url = QUrl(m_device->url());
    endpoint.fingerprint = m_device->fingerprint;
    endpoint.token = paired.first().value(QStringLiteral("token")).toString();
    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_media.path() };
    options.cardSettleMilliseconds = 100;
    options.idleMilliseconds = 10 * 60 * 1000;
    options.receiptPrinter = QLatin1String(CupsTestServer::Queue);
    auto backend = std::make_unique<RemoteKioskBackend>(endpoint, m_dir.filePath(QStringLiteral("kiosk/thumbnails")));
    m_window = std::make_unique<KioskWindow>(std::move(backend), m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

// Anna and Bruno, the rule "Viewed 30 days", receipts on A4; Anna's photos
// handed in ten days ago, one album under that rule, another shared with Bruno. The
// album's date, 20 days on, lies outside the notice window: the device's own sweep
// (every 5 s) leaves it alone.
void TestKioskDayRemote::setUpDevice()
{
    const QList<QStringList> setup {
        { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("1001"),
          QStringLiteral("--name"), QStringLiteral("Anna Berg"), QStringLiteral("--pin"), QStringLiteral("2468") },
        { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("2002"),
          QStringLiteral("--name"), QStringLiteral("Bruno Weiss"), QStringLiteral("--pin"), QStringLiteral("8642") },
        { QStringLiteral("rule"), QStringLiteral("add"), QStringLiteral("Viewed 30 days"), QStringLiteral("--keep-days"),
          QStringLiteral("30"), QStringLiteral("--after"), QStringLiteral("last-view") },
        // The test's queue prints onto A4 sheets: the lab's receipts go onto A4 too, not a roll.
        { QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("print.receipt_paper"), QStringLiteral("a4") },
    };
    for (const QStringList &args : setup) {
        const CtlRun run = m_device->run(args);
        QVERIFY2(run.code == 0, qPrintable(run.why()));
    }
    const CtlRun past = m_device->runShifted(QStringLiteral("-10d"), { QStringLiteral("ingest"), QStringLiteral("--customer"),
                                                                       QStringLiteral("1001"), corpusPath(QStringLiteral("real/jpeg")) });
    QVERIFY2(past.code == 0 || past.code == 3, qPrintable(past.why()));
    const QList<QJsonObject> albums = m_device->run({ QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("1001") }).records();
    QVERIFY(albums.size() >= 2);
    m_viewed = albums.at(0).value(QStringLiteral("id")).toInteger();
    m_shared = albums.at(1).value(QStringLiteral("id")).toInteger();
    for (const QStringList &args : QList<QStringList> {
             { QStringLiteral("album"), QStringLiteral("set-rule"), QStringLiteral("--album"), QString::number(m_viewed),
               QStringLiteral("--rule"), QStringLiteral("Viewed 30 days") },
             { QStringLiteral("share"), QStringLiteral("add"), QStringLiteral("--album"), QString::number(m_shared),
               QStringLiteral("--with"), QStringLiteral("2002") } }) {
        const CtlRun run = m_device->run(args);
        QVERIFY2(run.code == 0, qPrintable(run.why()));
    }
}

void TestKioskDayRemote::cleanupTestCase()
{
    m_window.reset();
    if (m_device)
        QVERIFY(m_device->stop());
    qputenv("CUPS_SERVER", m_oldCupsServer);
    m_cups.stop();
}

void TestKioskDayRemote::init()
{
    QCOMPARE(kiosk().page(), QStringLiteral("welcomePage"));
}

void TestKioskDayRemote::cleanup()
{
    kiosk().returnToWelcome();
}

QString TestKioskDayRemote::expiresOnDevice(qint64 albumId) const
{
    for (const QJsonObject &album : m_device->run({ QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("1001") }).records()) {
        if (album.value(QStringLiteral("id")).toInteger() == albumId)
            return album.value(QStringLiteral("expires")).toString();
    }
    return {};
}

// Handed in twenty days ago under "Viewed 30 days", the album was due in ten days;
// opened at the kiosk, the device keeps it 30 days from today, and the kiosk says so.
void TestKioskDayRemote::openingAlbumMovesItsDateOnTheDevice()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    QSignalSpy viewed(m_window->albumsPage(), &AlbumsPage::viewRecorded);
    m_window->albumsPage()->selectAlbum(m_shared);
    m_window->albumsPage()->selectAlbum(m_viewed);
    QTRY_VERIFY_WITH_TIMEOUT(!viewed.isEmpty() && viewed.last().first().toLongLong() == m_viewed, NetworkMs);
    const QDate moved = QDate::currentDate().addDays(30);
    QCOMPARE(expiresOnDevice(m_viewed), toCatalogDate(moved));
    const QString info = m_window->findChild<QLabel *>(QStringLiteral("albumInfo"))->text();
    QVERIFY2(info.contains(dateInWords(moved)), qPrintable(info));
}

// Written on the kiosk's keys, saved by the device: the album's photos read back from
// the device carry it.
void TestKioskDayRemote::captionSavedOnTheDevice()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    kiosk().openFirstPhoto(m_viewed);
    const qint64 photoId = m_window->photoViewPage()->currentPhotoId();
    kiosk().press(QStringLiteral("photoViewCaptionButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("entryPage"));
    m_window->findChild<QLineEdit *>(QStringLiteral("entryField"))->clear();
    QVERIFY(typeOnKeyboard(kiosk().keyboard(), QStringLiteral("Lake at dawn")));
    kiosk().press(QStringLiteral("entryOk"));
    QCOMPARE(kiosk().page(), QStringLiteral("photoViewPage"));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->photoViewPage()->captionText().startsWith(QLatin1String("Lake at dawn")), NetworkMs);
    const CustomerData &data = m_window->albumsPage()->data();
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(data.photos.cbegin(), data.photos.cend(), [photoId](const PhotoRecord &p) {
                                 return p.id == photoId && p.caption == QLatin1String("Lake at dawn");
                             }), NetworkMs);
}

// Bruno sees Anna's shared album without a Caption button; asked all the same, the
// device refuses.
void TestKioskDayRemote::viewerCannotCaption()
{
    kiosk().signIn(QStringLiteral("2002"), QStringLiteral("8642"));
    kiosk().openFirstPhoto(m_shared);
    QVERIFY(!kiosk().button(QStringLiteral("photoViewCaptionButton"))->isVisible());
    const qint64 photoId = m_window->photoViewPage()->currentPhotoId();
    const Status refused = kiosk().waitFor([&](KioskBackend::Done done) {
        m_window->backend()->setCaption(photoId, QStringLiteral("Mine now"), std::move(done));
    });
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Refused);
}

// A card handed in at the kiosk: its receipt on the screen with the code and QR code
// of that hand-in; Print receipt prints the receipt the device drew on the kiosk's printer.
void TestKioskDayRemote::receiptShownAndPrintedThroughTheDevice()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    QTemporaryDir staging;
    const QString card = staging.filePath(QStringLiteral("CARD"));
    QVERIFY(QDir().mkpath(card + QStringLiteral("/DCIM")));
    for (const QString &file : corpusFiles(QStringLiteral("real/png")))
        QVERIFY(QFile::copy(corpusPath(file), card + QStringLiteral("/DCIM/") + QFileInfo(file).fileName()));
    QSignalSpy finished(m_window.get(), &KioskWindow::importFinished);
    QVERIFY(QDir().rename(card, m_media.filePath(QStringLiteral("CARD"))));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    const auto summary = finished.first().first().value<IngestSummary>();
    QVERIFY(summary.added > 0);
    QVERIFY(summary.handinId > 0);
    QCOMPARE(summary.pickupCode.size(), 8);
    const QString shown = PickupCode::display(summary.pickupCode);
    ReceiptPanel *receipt = m_window->importPage()->receipt();
    QTRY_VERIFY(visibleInside(m_window.get(), m_window->findChild<QLabel *>(QStringLiteral("receiptCode"))));
    QCOMPARE(receipt->codeText(), shown);
    QCOMPARE(decodeQr(receipt->qrImage()), shown);
    QTRY_VERIFY_WITH_TIMEOUT(kiosk().button(QStringLiteral("receiptPrint"))->isVisible(), NetworkMs);
    kiosk().press(QStringLiteral("receiptPrint"));
    auto *status = m_window->findChild<QLabel *>(QStringLiteral("receiptStatus"));
    QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QLatin1String("printed")), qPrintable(status->text()), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(m_cups.jobsDone() && QFileInfo(m_cups.printedFile()).size() > 0, 60000);
    QCOMPARE(qrOnPrintedPages(m_cups), shown);
    QVERIFY(QDir(m_media.filePath(QStringLiteral("CARD"))).removeRecursively());
}

QTEST_MAIN(TestKioskDayRemote)
#include "tst_kioskdayremote.moc"
