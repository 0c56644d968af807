// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The kiosk as the client of a device (claim 3; CLI.md, "Client mode"): one device on
// SQLite served by keepsakectl serve on a loopback port, a kiosk terminal paired with
// it, and the kiosk window on a RemoteKioskBackend. Sign-in answers with the device's
// words, the customer's albums (own and shared) come from the device, rename, cover,
// print selection, moving and sharing are done there (read back with keepsakectl on
// the device's data folder), a card inserted at the kiosk arrives on the device,
// another customer's album stays out of reach, registration goes to the device, and
// the kiosk's own folder holds thumbnails only: no catalog, no photo store.
#include "KioskTestSupport.h"
#include "NetworkChain.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "base/Translations.h"
#include "common/PhotoGridModel.h"
#include "common/ThumbnailSource.h"
#include "kiosk/AlbumsPage.h"
#include "kiosk/ImportPage.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/NoticesPage.h"
#include "kiosk/RemoteKioskBackend.h"
#include "kiosk/TouchKeyboard.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

constexpr int NetworkMs = 30000;

// Relays loopback TCP to the device; a connection that has carried more than stallAfter
// bytes from the client forwards nothing more: it hangs, as on a network gone dead.
class StallingRelay : public QObject
{
public:
    StallingRelay(quint16 target, qint64 stallAfter) : m_target(target), m_stallAfter(stallAfter)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, &StallingRelay::accept);
    }
    quint16 port() const { return m_server.serverPort(); }
    bool stalled() const { return m_stalled; }

private:
    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto *upstream = new QTcpSocket(client);
            upstream->connectToHost(QHostAddress::LocalHost, m_target);
            auto relayed = std::make_shared<qint64>(0);
            QObject::connect(client, &QTcpSocket::readyRead, upstream, [this, client, upstream, relayed] {
                const QByteArray bytes = client->readAll();
                if (*relayed > m_stallAfter) {
                    m_stalled = true;
                    return;
                }
                *relayed += bytes.size();
                upstream->write(bytes);
            });
            QObject::connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
            QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            QObject::connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        }
    }

    QTcpServer m_server;
    quint16 m_target;
    qint64 m_stallAfter;
    bool m_stalled = false;
};

} // namespace

class TestKioskRemote : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void welcomeShowsTheDevicesLabName();
    void wrongPinRefusedWithTheServicesWords();
    void albumsListedOwnAndShared();
    void renameAndCoverGoThroughTheDevice();
    void selectionMoveAndShareGoThroughTheDevice();
    void cardHandedInArrivesOnTheDevice();
    void handInCancelledWhileTheNetworkHangs();
    void anotherCustomersAlbumIsOutOfReach();
    void registrationGoesToTheDevice();
    void kioskFolderHoldsNoCatalog();
    void noticesComeAsCardsFromTheDevice();

private:
    KioskDriver kiosk() const { return KioskDriver(m_window.get(), NetworkMs); }
    QList<QJsonObject> albumsOnDevice(const QString &code) const;
    QJsonObject albumOnDevice(qint64 albumId, const QString &code) const;
    QList<QJsonObject> photosOnDevice(qint64 albumId) const;
    qint64 albumIdOnDevice(const QString &code, const QString &title) const;

    QTemporaryDir m_dir;
    QTemporaryDir m_media;
    std::unique_ptr<ChainDevice> m_device;
    QString m_token;
    QString m_kioskFolder;   // the kiosk's own folder: its thumbnail cache and nothing else
    Translations m_translations;
    std::unique_ptr<KioskWindow> m_window;
    qint64 m_holiday = 0;    // Bruno's, shared with Anna
    qint64 m_private = 0;    // Carl's, shared with nobody
};

void TestKioskRemote::initTestCase()
{
    QVERIFY(m_dir.isValid() && m_media.isValid());
    const QString data = m_dir.filePath(QStringLiteral("device"));
    m_device = std::make_unique<ChainDevice>(QStringLiteral("S1"), data, testCatalogUrl(data));
    QVERIFY(m_device->init());
    QVERIFY(m_device->start());
    const CtlRun paired = m_device->run({ QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K"),
                                          QStringLiteral("--kind"), QStringLiteral("kiosk") });
    QVERIFY2(paired.code == 0, qPrintable(paired.why()));
    m_token = paired.first().value(QStringLiteral("token")).toString();
    QVERIFY(!m_token.isEmpty());
    QCOMPARE(m_device->run({ QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("lab.name"),
                             QStringLiteral("Fotohaus Berg") }).code, 0);
    const QList<QStringList> customers { { QStringLiteral("1001"), QStringLiteral("Anna Berg"), QStringLiteral("2468") },
                                         { QStringLiteral("2002"), QStringLiteral("Bruno Weiss"), QStringLiteral("8642") },
                                         { QStringLiteral("3003"), QStringLiteral("Carl Dahl"), QStringLiteral("1357") } };
    for (const QStringList &c : customers) {
        const CtlRun added = m_device->run({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"),
                                             c.at(0), QStringLiteral("--name"), c.at(1), QStringLiteral("--pin"), c.at(2) });
        QVERIFY2(added.code == 0, qPrintable(added.why()));
    }
    const QList<QStringList> handins { { QStringLiteral("1001"), QStringLiteral("real/jpeg") },
                                       { QStringLiteral("2002"), QStringLiteral("real/png"), QStringLiteral("--album"), QStringLiteral("Holiday") },
                                       { QStringLiteral("3003"), QStringLiteral("real/tiff"), QStringLiteral("--album"), QStringLiteral("Private") } };
    for (const QStringList &h : handins) {
        const CtlRun ingested = m_device->run(QStringList { QStringLiteral("ingest"), QStringLiteral("--customer"), h.at(0) }
                                              + h.mid(2) + QStringList { corpusPath(h.at(1)) });
        QVERIFY2(ingested.code == 0 || ingested.code == 3, qPrintable(ingested.why()));   // 3: some rejected
    }
    m_holiday = albumIdOnDevice(QStringLiteral("2002"), QStringLiteral("Holiday"));
    m_private = albumIdOnDevice(QStringLiteral("3003"), QStringLiteral("Private"));
    QVERIFY(m_holiday > 0 && m_private > 0);
    QCOMPARE(m_device->run({ QStringLiteral("share"), QStringLiteral("add"), QStringLiteral("--album"),
                             QString::number(m_holiday), QStringLiteral("--with"), QStringLiteral("1001") }).code, 0);

    m_kioskFolder = m_dir.filePath(QStringLiteral("kiosk"));
    DeviceEndpoint endpoint;
    endpoint.url = QUrl(m_device->url());
    endpoint.fingerprint = m_device->fingerprint;
    endpoint.token = m_token;
    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_media.path() };
    options.cardSettleMilliseconds = 100;
    options.idleMilliseconds = 10 * 60 * 1000;
    auto backend = std::make_unique<RemoteKioskBackend>(endpoint, m_kioskFolder + QStringLiteral("/thumbnails"));
    m_window = std::make_unique<KioskWindow>(std::move(backend), m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestKioskRemote::cleanupTestCase()
{
    m_window.reset();
    if (m_device)
        QVERIFY(m_device->stop());
}

void TestKioskRemote::init()
{
    QCOMPARE(kiosk().page(), QStringLiteral("welcomePage"));
}

void TestKioskRemote::cleanup()
{
    kiosk().returnToWelcome();
}

QList<QJsonObject> TestKioskRemote::albumsOnDevice(const QString &code) const
{
    return m_device->run({ QStringLiteral("albums"), QStringLiteral("--customer"), code }).records();
}

QJsonObject TestKioskRemote::albumOnDevice(qint64 albumId, const QString &code) const
{
    for (const QJsonObject &album : albumsOnDevice(code)) {
        if (album.value(QStringLiteral("id")).toInteger() == albumId)
            return album;
    }
    return {};
}

QList<QJsonObject> TestKioskRemote::photosOnDevice(qint64 albumId) const
{
    return m_device->run({ QStringLiteral("photos"), QStringLiteral("--album"), QString::number(albumId) }).records();
}

qint64 TestKioskRemote::albumIdOnDevice(const QString &code, const QString &title) const
{
    for (const QJsonObject &album : albumsOnDevice(code)) {
        if (album.value(QStringLiteral("title")).toString() == title)
            return album.value(QStringLiteral("id")).toInteger();
    }
    return 0;
}

void TestKioskRemote::welcomeShowsTheDevicesLabName()
{
    auto *title = m_window->findChild<QLabel *>(QStringLiteral("welcomeTitle"));
    QTRY_VERIFY2_WITH_TIMEOUT(title->text().contains(QLatin1String("Fotohaus Berg")), qPrintable(title->text()), NetworkMs);
}

// The device answers as the lockout words it: an unknown code and a wrong PIN alike.
void TestKioskRemote::wrongPinRefusedWithTheServicesWords()
{
    const QString unknown = kiosk().tryCode(QStringLiteral("9999"), QStringLiteral("1111"));
    const QString wrongPin = kiosk().tryCode(QStringLiteral("3003"), QStringLiteral("1111"));
    QCOMPARE(m_window->customerId(), 0);
    QCOMPARE(kiosk().page(), QStringLiteral("signInPage"));
    QVERIFY2(wrongPin.contains(QLatin1String("Attempts left: 4.")), qPrintable(wrongPin));
    QCOMPARE(unknown, wrongPin);
}

void TestKioskRemote::albumsListedOwnAndShared()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("greeting"))->text().contains(QLatin1String("Anna Berg")));
    auto *list = m_window->findChild<QListWidget *>(QStringLiteral("albumList"));
    const QList<QJsonObject> onDevice = albumsOnDevice(QStringLiteral("1001"));
    QVERIFY(onDevice.size() >= 3);   // her own and Bruno's holiday
    QCOMPARE(list->count(), int(onDevice.size()));
    bool sharedShown = false;
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->data(Qt::UserRole).toLongLong() == m_holiday)
            sharedShown = list->item(row)->text().contains(QLatin1String("Bruno Weiss"));
    }
    QVERIFY2(sharedShown, "the album shared with the customer is not listed with its owner");
    m_window->albumsPage()->selectAlbum(m_holiday);
    QVERIFY(!kiosk().button(QStringLiteral("renameButton"))->isVisible());   // a shared album: to view only
    // Thumbnails come from the device and are kept in the kiosk's cache.
    PhotoGridModel *grid = m_window->albumsPage()->grid();
    QElapsedTimer took;
    took.start();
    QTRY_VERIFY_WITH_TIMEOUT(grid->rowCount() > 0 && grid->loadedCount() == grid->rowCount(), NetworkMs);
    qInfo("%d thumbnails from the device in %lld ms", grid->rowCount(), took.elapsed());
    QVERIFY(!QDir(m_kioskFolder + QStringLiteral("/thumbnails")).isEmpty());
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-remote-albums"));
}

void TestKioskRemote::renameAndCoverGoThroughTheDevice()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    const CustomerData &data = m_window->albumsPage()->data();
    qint64 albumId = 0;
    int most = 0;
    for (const AlbumSummary &album : data.albums) {
        if (album.ownerId == data.customer.id && album.photos > most)
            std::tie(albumId, most) = std::tuple(album.id, album.photos);
    }
    QVERIFY(albumId > 0 && most >= 2);
    m_window->albumsPage()->selectAlbum(albumId);
    kiosk().press(QStringLiteral("renameButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("entryPage"));
    m_window->findChild<QLineEdit *>(QStringLiteral("entryField"))->clear();
    QVERIFY(typeOnKeyboard(kiosk().keyboard(), QStringLiteral("Garden")));
    kiosk().press(QStringLiteral("entryOk"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
    QTRY_COMPARE_WITH_TIMEOUT(albumOnDevice(albumId, QStringLiteral("1001")).value(QStringLiteral("title")).toString(),
                              QStringLiteral("Garden"), NetworkMs);
    auto *list = m_window->findChild<QListWidget *>(QStringLiteral("albumList"));
    QTRY_VERIFY_WITH_TIMEOUT(list->currentItem() && list->currentItem()->text().startsWith(QLatin1String("Garden")), NetworkMs);

    // The last photo becomes the cover.
    auto *grid = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
    PhotoGridModel *model = m_window->albumsPage()->grid();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), most, NetworkMs);
    const int last = model->rowCount() - 1;
    const qint64 coverId = model->index(last).data(PhotoGridModel::PhotoIdRole).toLongLong();
    grid->selectionModel()->clearSelection();
    grid->selectionModel()->select(model->index(last), QItemSelectionModel::Select);
    kiosk().press(QStringLiteral("coverButton"));
    QTRY_COMPARE_WITH_TIMEOUT(albumOnDevice(albumId, QStringLiteral("1001")).value(QStringLiteral("cover")).toInteger(),
                              coverId, NetworkMs);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > last && model->index(last).data(PhotoGridModel::CoverRole).toBool(),
                             NetworkMs);
}

void TestKioskRemote::selectionMoveAndShareGoThroughTheDevice()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    const qint64 albumId = albumIdOnDevice(QStringLiteral("1001"), QStringLiteral("Garden"));
    QVERIFY(albumId > 0);
    m_window->albumsPage()->selectAlbum(albumId);
    PhotoGridModel *model = m_window->albumsPage()->grid();
    QVERIFY(model->rowCount() >= 2);
    const qint64 first = model->index(0).data(PhotoGridModel::PhotoIdRole).toLongLong();
    const qint64 second = model->index(1).data(PhotoGridModel::PhotoIdRole).toLongLong();

    // Print selection: the saved one is read from the device, two ticked, saved there.
    kiosk().press(QStringLiteral("printSelectButton"));
    QTRY_VERIFY_WITH_TIMEOUT(model->flags(model->index(0)) & Qt::ItemIsUserCheckable, NetworkMs);
    QVERIFY(model->setData(model->index(0), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model->setData(model->index(1), Qt::Checked, Qt::CheckStateRole));
    kiosk().press(QStringLiteral("printSelectButton"));
    auto *status = m_window->findChild<QLabel *>(QStringLiteral("albumStatus"));
    QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QLatin1String("2 photo")), qPrintable(status->text()), NetworkMs);
    std::optional<Result<QList<qint64>>> saved;
    m_window->backend()->selection(albumId, [&saved](const Result<QList<qint64>> &selection) { saved = selection; });
    QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), NetworkMs);
    QVERIFY(*saved);
    QCOMPARE(**saved, (QList<qint64> { first, second }));

    // Share with Carl, typed on the keys.
    kiosk().press(QStringLiteral("shareButton"));
    QVERIFY(typeOnKeyboard(kiosk().keyboard(), QStringLiteral("3003")));
    kiosk().press(QStringLiteral("entryOk"));
    const auto sharedWithCarl = [this, albumId] {
        const CtlRun shares = m_device->run({ QStringLiteral("share"), QStringLiteral("list"), QStringLiteral("--album"),
                                              QString::number(albumId) });
        return QString::fromUtf8(shares.out).contains(QLatin1String("3003"));
    };
    QTRY_VERIFY_WITH_TIMEOUT(sharedWithCarl(), NetworkMs);

    // Move the first photo into another album of hers.
    const int before = int(photosOnDevice(albumId).size());
    auto *grid = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
    grid->selectionModel()->clearSelection();
    grid->selectionModel()->select(model->index(0), QItemSelectionModel::Select);
    kiosk().press(QStringLiteral("moveButton"));
    auto *choices = m_window->findChild<QListWidget *>(QStringLiteral("entryChoices"));
    QVERIFY(choices->count() >= 1);
    choices->setCurrentRow(0);
    const qint64 target = choices->item(0)->data(Qt::UserRole).toLongLong();
    kiosk().press(QStringLiteral("entryOk"));
    QTRY_COMPARE_WITH_TIMEOUT(int(photosOnDevice(albumId).size()), before - 1, NetworkMs);
    bool arrived = false;
    for (const QJsonObject &photo : photosOnDevice(target))
        arrived = arrived || photo.value(QStringLiteral("id")).toInteger() == first;
    QVERIFY(arrived);
}

// A card inserted at the kiosk goes to the device, as a local hand-in would: new,
// already handed in, rejected, with the kiosk's progress page.
void TestKioskRemote::cardHandedInArrivesOnTheDevice()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    QTemporaryDir staging;
    const QString card = staging.filePath(QStringLiteral("CARD"));
    QVERIFY(QDir().mkpath(card + QStringLiteral("/DCIM")));
    const QStringList files = QDir(corpusPath(QStringLiteral("real/png"))).entryList(QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files)
        QVERIFY(QFile::copy(corpusPath(QStringLiteral("real/png/") + file), card + QStringLiteral("/DCIM/") + file));
    QVERIFY(QFile::copy(corpusPath(QStringLiteral("real/jpeg/DSCN0010.jpg")), card + QStringLiteral("/DCIM/again.jpg")));
    QFile junk(card + QStringLiteral("/DCIM/notes.jpg"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a picture");
    junk.close();
    QSignalSpy finished(m_window.get(), &KioskWindow::importFinished);
    // The device says when every photo is stored, and the kiosk lets the card go then,
    // before the previews (before, a card at a remote kiosk was held to the very end).
    QStringList said;
    connect(m_window->importPage(), &ImportPage::cardMayBeRemoved, this, [&said] { said.append(QStringLiteral("card")); });
    connect(m_window.get(), &KioskWindow::importFinished, this, [&said] { said.append(QStringLiteral("done")); });
    QVERIFY(QDir().rename(card, m_media.filePath(QStringLiteral("CARD"))));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QCOMPARE(said, (QStringList { QStringLiteral("card"), QStringLiteral("done") }));
    const auto summary = finished.first().first().value<IngestSummary>();
    QVERIFY2(summary.added == int(files.size()), qPrintable(m_window->importPage()->summaryText()));
    QCOMPARE(summary.alreadyReceived, 1);
    QCOMPARE(summary.rejected, 1);
    QCOMPARE(kiosk().page(), QStringLiteral("importPage"));
    auto *results = m_window->findChild<QTreeWidget *>(QStringLiteral("importResults"));
    QVERIFY(results->topLevelItemCount() >= 3);
    // The photos are on the device, in her albums.
    QSet<QString> names;
    for (const QJsonObject &album : albumsOnDevice(QStringLiteral("1001"))) {
        for (const QJsonObject &photo : photosOnDevice(album.value(QStringLiteral("id")).toInteger()))
            names.insert(photo.value(QStringLiteral("name")).toString());
    }
    for (const QString &file : files)
        QVERIFY2(names.contains(file), qPrintable(file));
    kiosk().press(QStringLiteral("importDone"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
    QVERIFY(QDir(m_media.filePath(QStringLiteral("CARD"))).removeRecursively());
}

// A hand-in whose upload hangs (the network gone dead mid-file) is cancelled from the
// kiosk's progress page: the request in flight is dropped, the device is told, the
// window stays usable. No file had arrived whole, so nothing of the card counts as
// handed in (the device keeps what it stored before a cancel, as a local hand-in does:
// tst_handinreception).
void TestKioskRemote::handInCancelledWhileTheNetworkHangs()
{
    StallingRelay relay(m_device->port, 256 * 1024);
    DeviceEndpoint endpoint;
    endpoint.url = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(relay.port()));
    endpoint.fingerprint = m_device->fingerprint;
    endpoint.token = m_token;
    QTemporaryDir media;
    KioskOptions options;
    options.mountRoots = { media.path() };
    options.cardSettleMilliseconds = 100;
    KioskWindow kiosk(std::make_unique<RemoteKioskBackend>(endpoint, m_kioskFolder + QStringLiteral("/thumbnails")),
                      m_translations, options);
    kiosk.resize(1280, 800);
    kiosk.show();
    KioskDriver driver(&kiosk, NetworkMs);
    driver.signIn(QStringLiteral("1001"), QStringLiteral("2468"));

    QTemporaryDir staging;
    const QString card = staging.filePath(QStringLiteral("CARD"));
    QVERIFY(QDir().mkpath(card));
    const QStringList files = QDir(corpusPath(QStringLiteral("real/heif"))).entryList(QDir::Files);
    for (const QString &file : files)
        QVERIFY(QFile::copy(corpusPath(QStringLiteral("real/heif/") + file), card + QLatin1Char('/') + file));
    QSignalSpy finished(&kiosk, &KioskWindow::importFinished);
    QVERIFY(QDir().rename(card, media.filePath(QStringLiteral("CARD"))));
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(relay.stalled(), NetworkMs);
    qInfo("stalled after %lld ms", clock.elapsed());
    QCOMPARE(driver.page(), QStringLiteral("importPage"));
    auto *bar = kiosk.findChild<QProgressBar *>(QStringLiteral("jobBar"));
    QTRY_VERIFY(bar->maximum() > 0);   // started: the card's files counted
    QVERIFY(kiosk.isImporting());
    driver.press(QStringLiteral("jobCancel"));
    clock.restart();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);   // at once, not after the 60 s transfer timeout
    qInfo("cancelled in %lld ms", clock.elapsed());
    const auto summary = finished.first().first().value<IngestSummary>();
    QVERIFY(summary.cancelled);
    QCOMPARE(summary.added, 0);
    QVERIFY(!kiosk.isImporting());
    QVERIFY(kiosk.importPage()->summaryText().contains(QLatin1String("0 new")));
    for (const QJsonObject &album : albumsOnDevice(QStringLiteral("1001"))) {
        for (const QJsonObject &photo : photosOnDevice(album.value(QStringLiteral("id")).toInteger()))
            QVERIFY2(!files.contains(photo.value(QStringLiteral("name")).toString()), "a cancelled hand-in counted");
    }
    driver.returnToWelcome();
}

// Whatever the kiosk asks, the device decides with the signed-in customer as the
// actor: another customer's album is refused, a shared one is read-only.
void TestKioskRemote::anotherCustomersAlbumIsOutOfReach()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    KioskBackend *backend = m_window->backend();
    for (const Status &status : { kiosk().waitFor([&](KioskBackend::Done done) { backend->rename(m_private, QStringLiteral("Mine"), done); }),
                                  kiosk().waitFor([&](KioskBackend::Done done) { backend->rename(m_holiday, QStringLiteral("Mine"), done); }),
                                  kiosk().waitFor([&](KioskBackend::Done done) { backend->share(m_private, QStringLiteral("1001"), done); }) }) {
        QVERIFY(!status);
        QVERIFY2(status.error().kind() == Error::Kind::Refused, qPrintable(status.error().message()));
    }
    std::optional<Result<QList<qint64>>> selection;
    backend->selection(m_private, [&selection](const Result<QList<qint64>> &answer) { selection = answer; });
    QTRY_VERIFY_WITH_TIMEOUT(selection.has_value(), NetworkMs);
    QVERIFY(!*selection);
    QCOMPARE(selection->error().kind(), Error::Kind::Refused);
    // Nor does the device hand out a thumbnail of Carl's photos.
    const QList<QJsonObject> carls = photosOnDevice(m_private);
    QVERIFY(!carls.isEmpty());
    PhotoRecord photo;
    photo.id = carls.first().value(QStringLiteral("id")).toInteger();
    photo.sha256 = carls.first().value(QStringLiteral("sha256")).toString();
    QVERIFY(backend->thumbnails()->read(photo, 64).isNull());
    QCOMPARE(albumOnDevice(m_private, QStringLiteral("3003")).value(QStringLiteral("title")).toString(), QStringLiteral("Private"));
    QCOMPARE(albumOnDevice(m_holiday, QStringLiteral("2002")).value(QStringLiteral("title")).toString(), QStringLiteral("Holiday"));
}

void TestKioskRemote::registrationGoesToTheDevice()
{
    kiosk().press(QStringLiteral("registerButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("registerPage"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerName"))->setText(QStringLiteral("Greta Holm"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerContact"))->setText(QStringLiteral("greta@example.org"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerPin"))->setText(QStringLiteral("4321"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerPinAgain"))->setText(QStringLiteral("4321"));
    kiosk().press(QStringLiteral("registerSubmit"));
    QTRY_COMPARE_WITH_TIMEOUT(kiosk().page(), QStringLiteral("signInPage"), NetworkMs);
    const QString message = m_window->findChild<QLabel *>(QStringLiteral("signInWelcomeCode"))->text();
    const QRegularExpressionMatch code = QRegularExpression(QStringLiteral("K\\d{5}")).match(message);
    QVERIFY2(code.hasMatch(), qPrintable(message));
    const CtlRun shown = m_device->run({ QStringLiteral("customer"), QStringLiteral("show"), code.captured() });
    QVERIFY2(shown.code == 0, qPrintable(shown.why()));
    QCOMPARE(shown.first().value(QStringLiteral("name")).toString(), QStringLiteral("Greta Holm"));
    kiosk().signIn(code.captured(), QStringLiteral("4321"));
}

// The kiosk opened no lab: its folder holds the thumbnail cache and nothing else.
void TestKioskRemote::kioskFolderHoldsNoCatalog()
{
    QStringList files;
    QDirIterator it(m_kioskFolder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(m_kioskFolder).relativeFilePath(it.next()));
    QVERIFY(!files.isEmpty());
    for (const QString &file : files) {
        QVERIFY2(file.startsWith(QLatin1String("thumbnails/")) && file.endsWith(QLatin1String(".jpg")), qPrintable(file));
        QVERIFY2(!file.contains(QLatin1String("catalog")) && !file.contains(QLatin1String("sqlite")), qPrintable(file));
    }
    QVERIFY(!QFileInfo::exists(m_kioskFolder + QStringLiteral("/store")));
}

// The device sends each notice's kind, date, role and album; the kiosk words the card.
void TestKioskRemote::noticesComeAsCardsFromTheDevice()
{
    QCOMPARE(m_device->run({ QStringLiteral("rule"), QStringLiteral("add"), QStringLiteral("Ten"), QStringLiteral("--keep-days"), QStringLiteral("10") }).code, 0);
    QCOMPARE(m_device->run({ QStringLiteral("album"), QStringLiteral("set-rule"), QStringLiteral("--album"), QString::number(m_holiday), QStringLiteral("--rule"), QStringLiteral("Ten") }).code, 0);
    QCOMPARE(m_device->run({ QStringLiteral("expire") }).code, 0);
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    kiosk().press(QStringLiteral("extendButton"));
    QTRY_COMPARE_WITH_TIMEOUT(kiosk().page(), QStringLiteral("noticesPage"), NetworkMs);
    QCOMPARE(m_window->noticesPage()->cards().size(), 1);
    const QString what = m_window->noticesPage()->cards().first()->findChild<QLabel *>(QStringLiteral("noticeWhat"))->text();
    QVERIFY2(what.startsWith(QLatin1String("Shared with you")), qPrintable(what));
    kiosk().press(QStringLiteral("noticesClose"));
}

QTEST_MAIN(TestKioskRemote)
#include "tst_kioskremote.moc"
