// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The kiosk driven like a customer would: sign in on the pad, wrong PINs and the
// lockout, the session ending by itself, a card noticed and handed in, album work,
// and its screens rendered at 1280×800.
#include "KioskTestSupport.h"
#include "UiTestSupport.h"
#include "base/Translations.h"
#include "catalog/AlbumChoices.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/Shares.h"
#include "catalog/PinLockout.h"
#include "common/PhotoGridModel.h"
#include "kiosk/AlbumsPage.h"
#include "kiosk/CardWatcher.h"
#include "kiosk/IdleGuard.h"
#include "kiosk/ImportPage.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/TouchKeyboard.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestKiosk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void signInOnThePad();
    void wrongPinsLockTheCode();
    void idleSessionEndsOnWelcome();
    void cardIsNoticedAndImported();
    void renameAndMovePhotos();
    void coverPrintSelectionAndShare();
    void languageChosenOnWelcome();
    void registerNewCustomer();
    void screensAt1280x800();

private:
    KioskDriver kiosk() const { return KioskDriver(m_window.get()); }

    TestLab m_lab;
    QTemporaryDir m_media;
    Translations m_translations;
    std::unique_ptr<KioskWindow> m_window;
};

void TestKiosk::initTestCase()
{
    QVERIFY(m_lab.open());
    QVERIFY(m_lab.addCustomer(QStringLiteral("1001"), QStringLiteral("Anna Berg"), QStringLiteral("2468")));
    QVERIFY(m_lab.addCustomer(QStringLiteral("1002"), QStringLiteral("Carl Dahl"), QStringLiteral("1357")));
    QVERIFY(m_lab.addCustomer(QStringLiteral("C7"), QStringLiteral("Eva Fink"), QStringLiteral("9999")));
    QVERIFY(m_lab.ingest(QStringLiteral("1001"), { QStringLiteral("real/jpeg") }).added > 3);
    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_media.path() };
    options.cardSettleMilliseconds = 100;
    m_window = std::make_unique<KioskWindow>(*m_lab.lab, m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->windowTitle().startsWith(QLatin1String("Keepsake")));
}

void TestKiosk::init()
{
    m_window->idleGuard()->setInterval(10 * 60 * 1000);
    QCOMPARE(kiosk().page(), QStringLiteral("welcomePage"));
}

void TestKiosk::cleanup()
{
    kiosk().returnToWelcome();
}

void TestKiosk::signInOnThePad()
{
    kiosk().signInOnKeys(QStringLiteral("1001"), QStringLiteral("2468"));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("greeting"))->text().contains(QLatin1String("Anna Berg")));
    auto *albums = m_window->findChild<QListWidget *>(QStringLiteral("albumList"));
    QVERIFY(albums->count() > 0);
    QTRY_VERIFY(m_window->albumsPage()->grid()->loadedCount() > 0);   // thumbnails arrive
}

void TestKiosk::wrongPinsLockTheCode()
{
    auto *message = m_window->findChild<QLabel *>(QStringLiteral("signInMessage"));
    auto *code = m_window->findChild<QLineEdit *>(QStringLiteral("codeField"));
    auto *pin = m_window->findChild<QLineEdit *>(QStringLiteral("pinField"));
    auto attempt = [&](const QString &digits) {
        code->setText(QStringLiteral("1002"));
        pin->setText(digits);
        QTest::keyClick(pin, Qt::Key_Return);
        QTRY_VERIFY(!message->text().startsWith(QLatin1String("Checking")));
    };
    kiosk().press(QStringLiteral("startButton"));
    for (int i = 1; i <= 5; ++i) {
        attempt(QStringLiteral("0000"));
        QVERIFY2(!m_window->customerId(), "a wrong PIN signed in");
        if (i < 5)
            QVERIFY2(message->text().contains(QString::number(5 - i)), qPrintable(message->text()));
    }
    QVERIFY2(message->text().contains(QLatin1String("locked")), qPrintable(message->text()));
    // The right PIN does not help while the code is locked.
    attempt(QStringLiteral("1357"));
    QVERIFY2(message->text().contains(QLatin1String("locked")), qPrintable(message->text()));
    QCOMPARE(m_window->customerId(), 0);
    // The lock is kept in the catalog: another kiosk on the same lab refuses the code too.
    QCOMPARE(PinLockout(m_lab.lab->catalog(), m_lab.clock)
                 .signIn(QStringLiteral("1002"), QStringLiteral("1357"), QStringLiteral("test"))->outcome,
             PinLockout::Outcome::Locked);
    // After the lock time the right PIN signs in.
    m_lab.clock.advanceSeconds(16 * 60);
    QSignalSpy signedIn(m_window.get(), &KioskWindow::signedIn);
    code->setText(QStringLiteral("1002"));
    pin->setText(QStringLiteral("1357"));
    QTest::keyClick(pin, Qt::Key_Return);
    QVERIFY(signedIn.wait());
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
}

void TestKiosk::idleSessionEndsOnWelcome()
{
    kiosk().signInOnKeys(QStringLiteral("1001"), QStringLiteral("2468"));
    QSignalSpy signedOut(m_window.get(), &KioskWindow::signedOut);
    m_window->idleGuard()->setInterval(200);
    m_window->idleGuard()->touch();
    QVERIFY(signedOut.wait(5000));
    QCOMPARE(kiosk().page(), QStringLiteral("welcomePage"));
    QCOMPARE(m_window->customerId(), 0);
    // Nothing of the customer is left on screen.
    QCOMPARE(m_window->findChild<QListWidget *>(QStringLiteral("albumList"))->count(), 0);
    QCOMPARE(m_window->albumsPage()->grid()->rowCount(), 0);
}

void TestKiosk::cardIsNoticedAndImported()
{
    kiosk().signInOnKeys(QStringLiteral("1001"), QStringLiteral("2468"));
    // A card appears in the mount folder: copied elsewhere, then moved in at once, like a mount.
    QTemporaryDir staging;
    const QString card = staging.filePath(QStringLiteral("CARD"));
    QVERIFY(QDir().mkpath(card + QStringLiteral("/DCIM")));
    const QStringList files = QDir(corpusPath(QStringLiteral("real/png"))).entryList(QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files)
        QVERIFY(QFile::copy(corpusPath(QStringLiteral("real/png/") + file), card + QStringLiteral("/DCIM/") + file));
    QVERIFY(QFile::copy(corpusPath(QStringLiteral("real/jpeg/")) + QDir(corpusPath(QStringLiteral("real/jpeg"))).entryList(QDir::Files).first(),
                        card + QStringLiteral("/DCIM/again.jpg")));   // handed in before
    QFile junk(card + QStringLiteral("/DCIM/notes.jpg"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a picture");
    junk.close();
    QSignalSpy finished(m_window.get(), &KioskWindow::importFinished);
    QVERIFY(QDir().rename(card, m_media.filePath(QStringLiteral("CARD"))));
    QTRY_COMPARE(kiosk().page(), QStringLiteral("importPage"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);   // it may finish while the page changes
    const auto summary = finished.first().first().value<IngestSummary>();
    QCOMPARE(summary.added, int(files.size()));
    QCOMPARE(summary.alreadyReceived, 1);
    QCOMPARE(summary.rejected, 1);
    auto *results = m_window->findChild<QTreeWidget *>(QStringLiteral("importResults"));
    QStringList groups;
    for (int i = 0; i < results->topLevelItemCount(); ++i)
        groups << results->topLevelItem(i)->data(0, Qt::UserRole).toString();
    QVERIFY(groups.contains(QStringLiteral("new")));
    QVERIFY(groups.contains(QStringLiteral("already_received")));
    QVERIFY(groups.contains(QStringLiteral("rejected")));
    QVERIFY(m_window->importPage()->summaryText().contains(QLatin1String("1 already handed in")));
    kiosk().press(QStringLiteral("importDone"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
    QVERIFY(QDir(m_media.filePath(QStringLiteral("CARD"))).removeRecursively());
}

void TestKiosk::renameAndMovePhotos()
{
    kiosk().signInOnKeys(QStringLiteral("1001"), QStringLiteral("2468"));
    auto *albums = m_window->findChild<QListWidget *>(QStringLiteral("albumList"));
    QVERIFY(albums->count() >= 2);
    albums->setCurrentRow(0);
    const qint64 first = m_window->albumsPage()->currentAlbumId();
    // Rename on the on-screen keys.
    kiosk().press(QStringLiteral("renameButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("entryPage"));
    auto *field = m_window->findChild<QLineEdit *>(QStringLiteral("entryField"));
    field->clear();
    QVERIFY(typeOnKeyboard(kiosk().keyboard(), QStringLiteral("Garden")));
    QCOMPARE(field->text(), QStringLiteral("Garden"));
    kiosk().press(QStringLiteral("entryOk"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
    QTRY_COMPARE(Albums(m_lab.lab->catalog()).byId(first)->title, QStringLiteral("Garden"));
    QTRY_VERIFY(albums->currentItem() && albums->currentItem()->text().startsWith(QLatin1String("Garden")));
    // Move the first photo into the second album.
    const int before = Albums(m_lab.lab->catalog()).byId(first)->photos;
    auto *grid = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
    grid->selectionModel()->select(grid->model()->index(0, 0), QItemSelectionModel::Select);
    kiosk().press(QStringLiteral("moveButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("entryPage"));
    auto *choices = m_window->findChild<QListWidget *>(QStringLiteral("entryChoices"));
    QVERIFY(choices->count() >= 1);
    const qint64 target = choices->item(0)->data(Qt::UserRole).toLongLong();
    const int targetBefore = Albums(m_lab.lab->catalog()).byId(target)->photos;
    choices->setCurrentRow(0);
    kiosk().press(QStringLiteral("entryOk"));
    QCOMPARE(Albums(m_lab.lab->catalog()).byId(first)->photos, before - 1);
    QCOMPARE(Albums(m_lab.lab->catalog()).byId(target)->photos, targetBefore + 1);
}

void TestKiosk::coverPrintSelectionAndShare()
{
    kiosk().signInOnKeys(QStringLiteral("1001"), QStringLiteral("2468"));
    // The album with the most photos.
    auto *albums = m_window->findChild<QListWidget *>(QStringLiteral("albumList"));
    const CustomerData &data = m_window->albumsPage()->data();
    const auto biggest = std::max_element(data.albums.begin(), data.albums.end(),
                                          [](const AlbumSummary &a, const AlbumSummary &b) { return a.photos < b.photos; });
    QVERIFY(biggest->photos >= 2);
    const qint64 albumId = biggest->id;
    m_window->albumsPage()->selectAlbum(albumId);
    QCOMPARE(m_window->albumsPage()->currentAlbumId(), albumId);
    auto *grid = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
    PhotoGridModel *model = m_window->albumsPage()->grid();

    // Cover: the last photo of the album, tapped, then "Make cover".
    const int last = model->rowCount() - 1;
    const qint64 coverId = model->index(last).data(PhotoGridModel::PhotoIdRole).toLongLong();
    grid->selectionModel()->clearSelection();
    grid->selectionModel()->select(model->index(last), QItemSelectionModel::Select);
    QCOMPARE(grid->selectionModel()->selectedIndexes().size(), 1);
    kiosk().press(QStringLiteral("coverButton"));
    QTRY_COMPARE(Albums(m_lab.lab->catalog()).byId(albumId)->cover.value_or(0), coverId);
    QTRY_VERIFY(model->rowCount() > last && model->index(last).data(PhotoGridModel::CoverRole).toBool());
    QVERIFY(model->index(last).data(Qt::DisplayRole).toString().startsWith(QStringLiteral("★")));

    // Print selection: tick two photos, save.
    kiosk().press(QStringLiteral("printSelectButton"));
    QVERIFY(model->flags(model->index(0)) & Qt::ItemIsUserCheckable);
    const qint64 first = model->index(0).data(PhotoGridModel::PhotoIdRole).toLongLong();
    QVERIFY(model->setData(model->index(0), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model->setData(model->index(last), Qt::Checked, Qt::CheckStateRole));
    kiosk().press(QStringLiteral("printSelectButton"));
    const auto selection = AlbumChoices(m_lab.lab->catalog(), Actor::system(QStringLiteral("test"))).selection(albumId);
    QVERIFY(selection);
    QCOMPARE(*selection, (QList<qint64> { first, coverId }));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("albumStatus"))->text().contains(QLatin1String("2 photo")));

    // Share with another customer, typed on the keys.
    kiosk().press(QStringLiteral("shareButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("entryPage"));
    QVERIFY(typeOnKeyboard(kiosk().keyboard(), QStringLiteral("C7")));
    QCOMPARE(m_window->findChild<QLineEdit *>(QStringLiteral("entryField"))->text(), QStringLiteral("C7"));
    kiosk().press(QStringLiteral("entryOk"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
    const auto shares = Shares::ofAlbum(m_lab.lab->catalog().db(), albumId);
    QVERIFY(shares);
    QCOMPARE(shares->size(), 1);
    QCOMPARE(shares->first().viewerCode, QStringLiteral("C7"));
    Q_UNUSED(albums);
}

void TestKiosk::languageChosenOnWelcome()
{
    if (!Translations::available().contains(QStringLiteral("de")))
        QFAIL("The German translation is not embedded");
    kiosk().press(QStringLiteral("language_de"));
    QTRY_COMPARE(kiosk().button(QStringLiteral("startButton"))->text(), QStringLiteral("Anmelden"));
    kiosk().press(QStringLiteral("language_ja"));
    QTRY_COMPARE(kiosk().button(QStringLiteral("startButton"))->text(), QStringLiteral("サインイン"));
    kiosk().press(QStringLiteral("language_en"));
    QTRY_COMPARE(kiosk().button(QStringLiteral("startButton"))->text(), QStringLiteral("Sign in"));
}

void TestKiosk::registerNewCustomer()
{
    kiosk().press(QStringLiteral("registerButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("registerPage"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerName"))->setText(QStringLiteral("Greta Holm"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerContact"))->setText(QStringLiteral("0170 123"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerPin"))->setText(QStringLiteral("4321"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerPinAgain"))->setText(QStringLiteral("4321"));
    kiosk().press(QStringLiteral("registerSubmit"));
    QCOMPARE(kiosk().page(), QStringLiteral("signInPage"));
    const QString message = m_window->findChild<QLabel *>(QStringLiteral("signInWelcomeCode"))->text();
    const QRegularExpressionMatch code = QRegularExpression(QStringLiteral("K\\d{5}")).match(message);
    QVERIFY2(code.hasMatch(), qPrintable(message));
    auto customer = Customers(m_lab.lab->catalog()).byCode(code.captured());
    QVERIFY(customer);
    QCOMPARE(customer->name, QStringLiteral("Greta Holm"));
    QVERIFY(*Customers(m_lab.lab->catalog()).checkPin(customer->id, QStringLiteral("4321")));
    kiosk().press(QStringLiteral("backButton"));
}

void TestKiosk::screensAt1280x800()
{
    const QSize size(1280, 800);
    QVERIFY2(m_window->minimumSizeHint().width() <= 1280 && m_window->minimumSizeHint().height() <= 800,
             "the kiosk does not fit a 1280×800 touchscreen");
    QImage welcome = shoot(m_window.get(), size, QStringLiteral("kiosk-welcome"));
    QCOMPARE(welcome.size(), size);
    QVERIFY(distinctColours(welcome) > 20);
    QVERIFY(visibleInside(m_window.get(), kiosk().button(QStringLiteral("startButton"))));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("welcomeTitle"))->text().contains(QLatin1String("Keepsake Photo Lab")));
    for (const QString &lang : Translations::available())
        QVERIFY(visibleInside(m_window.get(), kiosk().button(QStringLiteral("language_") + lang)));

    kiosk().press(QStringLiteral("startButton"));
    const QImage signInShot = shoot(m_window.get(), size, QStringLiteral("kiosk-signin"));
    QVERIFY(distinctColours(signInShot) > 20);
    TouchKeyboard *keyboard = kiosk().keyboard();
    QCOMPARE(keyboard->currentLayout(), KeyboardLayout::Id::Digits);
    QVERIFY(visibleInside(m_window.get(), keyboard->key(QStringLiteral("key-5"))));
    QVERIFY(visibleInside(m_window.get(), keyboard->key(QStringLiteral("key-enter"))));
    QVERIFY(keyboard->key(QStringLiteral("key-5"))->height() >= 64);   // a finger's size
    QVERIFY(visibleInside(m_window.get(), m_window->findChild<QLineEdit *>(QStringLiteral("pinField"))));
    kiosk().press(QStringLiteral("backButton"));

    kiosk().signInOnKeys(QStringLiteral("1001"), QStringLiteral("2468"));
    QTRY_VERIFY(m_window->albumsPage()->grid()->loadedCount() >= qMin(4, m_window->albumsPage()->grid()->rowCount()));
    const QImage home = shoot(m_window.get(), size, QStringLiteral("kiosk-albums"));
    QVERIFY(distinctColours(home) > 200);   // photos on screen
    QVERIFY(visibleInside(m_window.get(), m_window->findChild<QListView *>(QStringLiteral("photoGrid"))));
    QVERIFY(visibleInside(m_window.get(), m_window->findChild<QListWidget *>(QStringLiteral("albumList"))));
    for (const char *name : { "renameButton", "coverButton", "printSelectButton", "shareButton", "signOutButton" })
        QVERIFY2(visibleInside(m_window.get(), kiosk().button(QLatin1String(name))), name);
}

QTEST_MAIN(TestKiosk)
#include "tst_kiosk.moc"
