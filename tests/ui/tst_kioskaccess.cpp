// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The kiosk against a curious customer (issue 12): an album shared with them shows
// as shared, with its owner's name, and offers nothing core would refuse; core
// refuses a viewer's changes with a clear message; sign-in answers an unknown code
// exactly as a wrong PIN, and a kiosk that sees many failures pauses sign-in.
#include "KioskTestSupport.h"
#include "UiTestSupport.h"
#include "base/Translations.h"
#include "catalog/AlbumChoices.h"
#include "catalog/AlbumEdits.h"
#include "catalog/AlbumSharing.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "common/PhotoGridModel.h"
#include "kiosk/AlbumsPage.h"
#include "kiosk/KioskWindow.h"

#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

// What a customer could do with an album: these buttons, none for a shared album.
const char *const OwnerActions[] = { "renameButton", "coverButton", "printSelectButton", "shareButton", "moveButton" };

} // namespace

class TestKioskAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void sharedAlbumShowsItsOwner();
    void ownAlbumOffersEverything();
    void viewerChangesAreRefusedByCore();
    void unknownCodeAndWrongPinLookAlike();
    void kioskPausesAfterFailuresAcrossCodes();

private:
    KioskDriver kiosk() const { return KioskDriver(m_window.get()); }
    bool offered(const char *name) const;
    void showAlbumWithOnePhotoSelected(qint64 albumId);

    TestLab m_lab;
    QTemporaryDir m_media;
    Translations m_translations;
    std::unique_ptr<KioskWindow> m_window;
    qint64 m_anna = 0;
    qint64 m_holiday = 0;   // Bruno's, shared with Anna
    qint64 m_annasAlbum = 0;
};

void TestKioskAccess::initTestCase()
{
    QVERIFY(m_lab.open());
    m_anna = m_lab.addCustomer(QStringLiteral("1001"), QStringLiteral("Anna Berg"), QStringLiteral("2468"));
    const qint64 bruno = m_lab.addCustomer(QStringLiteral("2002"), QStringLiteral("Bruno Weiss"), QStringLiteral("8642"));
    QVERIFY(m_lab.addCustomer(QStringLiteral("3003"), QStringLiteral("Carl Dahl"), QStringLiteral("1357")));
    QVERIFY(m_anna && bruno);
    QVERIFY(m_lab.ingest(QStringLiteral("1001"), { QStringLiteral("real/jpeg") }).added > 3);
    QVERIFY(m_lab.ingest(QStringLiteral("2002"), { QStringLiteral("real/png") }, QStringLiteral("Holiday")).added > 1);
    const auto brunos = Albums(m_lab.lab->catalog()).customerView(bruno, false);
    const auto annas = Albums(m_lab.lab->catalog()).customerView(m_anna, false);
    QVERIFY(brunos && brunos->size() == 1 && annas && annas->size() >= 2);
    m_holiday = brunos->first().id;
    m_annasAlbum = annas->first().id;
    QVERIFY(AlbumSharing(m_lab.lab->catalog(), m_lab.clock)
                .share(Actor::customer(bruno, QStringLiteral("kiosk")), m_holiday, QStringLiteral("1001")));
    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_media.path() };
    m_window = std::make_unique<KioskWindow>(*m_lab.lab, m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestKioskAccess::init()
{
    QCOMPARE(kiosk().page(), QStringLiteral("welcomePage"));
}

void TestKioskAccess::cleanup()
{
    kiosk().returnToWelcome();
}

bool TestKioskAccess::offered(const char *name) const
{
    const QPushButton *found = kiosk().button(QLatin1String(name));
    return found && found->isVisible() && found->isEnabled();
}

void TestKioskAccess::showAlbumWithOnePhotoSelected(qint64 albumId)
{
    m_window->albumsPage()->selectAlbum(albumId);
    QCOMPARE(m_window->albumsPage()->currentAlbumId(), albumId);
    auto *grid = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
    QVERIFY(grid->model()->rowCount() > 0);
    grid->selectionModel()->clearSelection();
    grid->selectionModel()->select(grid->model()->index(0, 0), QItemSelectionModel::Select);
}

// Bruno's album, shared with Anna: listed as Bruno's, read-only, and the text says
// it goes back to Bruno on disc, not to her.
void TestKioskAccess::sharedAlbumShowsItsOwner()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    auto *albums = m_window->findChild<QListWidget *>(QStringLiteral("albumList"));
    QListWidgetItem *shared = nullptr;
    for (int row = 0; row < albums->count(); ++row) {
        if (albums->item(row)->data(Qt::UserRole).toLongLong() == m_holiday)
            shared = albums->item(row);
    }
    QVERIFY2(shared, "the album shared with the customer is not listed");
    QVERIFY2(shared->text().contains(QLatin1String("Bruno Weiss")), qPrintable(shared->text()));
    showAlbumWithOnePhotoSelected(m_holiday);
    auto *infoLabel = m_window->findChild<QLabel *>(QStringLiteral("albumInfo"));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-shared-album"));
    QVERIFY(visibleInside(m_window.get(), infoLabel));
    const QString info = infoLabel->text();
    QVERIFY2(info.contains(QLatin1String("Bruno Weiss")), qPrintable(info));
    QVERIFY2(!info.contains(QLatin1String("to you")), qPrintable(info));
    for (const char *name : OwnerActions)
        QVERIFY2(!offered(name), name);
    QVERIFY2(offered("extendButton"), "the customer's own notices stay within reach");
    // The owner's customer code, the key to sign in as them, is not handed to a viewer.
    for (const AlbumSummary &album : m_window->albumsPage()->data().albums) {
        if (album.id == m_holiday)
            QVERIFY2(album.ownerCode.isEmpty(), qPrintable(album.ownerCode));
    }
}

void TestKioskAccess::ownAlbumOffersEverything()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    showAlbumWithOnePhotoSelected(m_holiday);
    showAlbumWithOnePhotoSelected(m_annasAlbum);   // after a shared one: everything back
    for (const char *name : OwnerActions)
        QVERIFY2(offered(name), name);
    const QString info = m_window->findChild<QLabel *>(QStringLiteral("albumInfo"))->text();
    QVERIFY2(info.contains(QLatin1String("back to you on disc")), qPrintable(info));
    // Moving offers the customer's own albums only, never the shared one.
    kiosk().press(QStringLiteral("moveButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("entryPage"));
    auto *choices = m_window->findChild<QListWidget *>(QStringLiteral("entryChoices"));
    QVERIFY(choices->count() >= 1);
    for (int row = 0; row < choices->count(); ++row)
        QVERIFY(choices->item(row)->data(Qt::UserRole).toLongLong() != m_holiday);
    kiosk().press(QStringLiteral("entryCancel"));
    QTRY_COMPARE(kiosk().page(), QStringLiteral("homePage"));
}

// Whatever a front end offers, core refuses a viewer's changes with a clear message
// and changes nothing: the customer signed in at the kiosk and a viewer at home.
void TestKioskAccess::viewerChangesAreRefusedByCore()
{
    const Catalog &catalog = m_lab.lab->catalog();
    const QDateTime now = m_lab.clock.now();
    const auto holidayPhotos = Albums(catalog).photos(m_holiday);
    const auto annasPhotos = Albums(catalog).photos(m_annasAlbum);
    QVERIFY(holidayPhotos && !holidayPhotos->isEmpty() && annasPhotos && !annasPhotos->isEmpty());
    const qint64 photo = holidayPhotos->first().id;
    for (const Actor &actor : { Actor::customer(m_anna, QStringLiteral("kiosk")), Actor::viewer(m_anna) }) {
        const AlbumEdits edits(catalog, actor);
        const AlbumChoices choices(catalog, actor);
        const QList<std::pair<const char *, Status>> outcomes {
            { "rename", edits.rename(m_holiday, QStringLiteral("Mine now"), now) },
            { "cover", choices.setCover(m_holiday, photo, now) },
            { "selection", choices.setSelection(m_holiday, { photo }, now) },
            { "share", AlbumSharing(catalog, m_lab.clock).share(actor, m_holiday, QStringLiteral("x@example.test")) },
            { "move out", edits.movePhotos({ photo }, m_annasAlbum, now) },
            { "move in", edits.movePhotos({ annasPhotos->first().id }, m_holiday, now) },
        };
        for (const auto &[what, status] : outcomes) {
            QVERIFY2(!status, what);
            QVERIFY2(status.error().kind() == Error::Kind::Refused, qPrintable(status.error().message()));
            const QString message = status.error().message();
            QVERIFY2(message.contains(QLatin1String("owner")) || message.contains(QLatin1String("another customer")),
                     qPrintable(message));
        }
    }
    const auto holiday = Albums(catalog).byId(m_holiday);
    QCOMPARE(holiday->title, QStringLiteral("Holiday"));
    QCOMPARE(holiday->photos, int(holidayPhotos->size()));
    QVERIFY(AlbumChoices(catalog, Actor::system(QStringLiteral("test"))).selection(m_holiday)->isEmpty());
}

// The same words, attempts included, whether the code exists or not.
void TestKioskAccess::unknownCodeAndWrongPinLookAlike()
{
    const QString unknown = kiosk().tryCode(QStringLiteral("9999"), QStringLiteral("1111"));
    const QString wrongPin = kiosk().tryCode(QStringLiteral("3003"), QStringLiteral("1111"));
    QCOMPARE(m_window->customerId(), 0);
    QVERIFY2(wrongPin.contains(QLatin1String("Attempts left: 4.")), qPrintable(wrongPin));
    QCOMPARE(unknown, wrongPin);
}

// Ten failures at this kiosk, each with another code: sign-in pauses here, even for a
// right PIN, and comes back when the time is up.
void TestKioskAccess::kioskPausesAfterFailuresAcrossCodes()
{
    m_lab.clock.advanceSeconds(60 * 60);   // earlier failures out of the way
    QString answer;
    for (int i = 0; i < 10; ++i) {
        m_lab.clock.advanceSeconds(15);
        answer = kiosk().tryCode(QStringLiteral("5%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("0000"));
    }
    const QString paused = kiosk().tryCode(QStringLiteral("1001"), QStringLiteral("2468"));
    QCOMPARE(m_window->customerId(), 0);
    QCOMPARE(kiosk().page(), QStringLiteral("signInPage"));
    QVERIFY2(paused.contains(QLatin1String("kiosk")) && paused.contains(QLatin1String("counter")), qPrintable(paused));
    m_lab.clock.advanceSeconds(16 * 60);
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
}

QTEST_MAIN(TestKioskAccess)
#include "tst_kioskaccess.moc"
