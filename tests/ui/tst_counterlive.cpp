// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The counter follows the catalog live (issue 19): what a kiosk, another program or
// another device changes shows without Lab › Refresh, and the clerk keeps their
// place. Runs on SQLite and, as tst_counterlive_postgres, on PostgreSQL.
#include "UiTestSupport.h"
#include "base/Actor.h"
#include "base/Translations.h"
#include "catalog/AlbumEdits.h"
#include "catalog/Albums.h"
#include "catalog/CatalogVersion.h"
#include "catalog/Catalog.h"
#include "catalog/KioskRegistrations.h"
#include "common/PhotoGridModel.h"
#include "counter/CatalogWatcher.h"
#include "counter/CounterWindow.h"
#include "counter/CustomerPanel.h"
#include "counter/DashboardPanel.h"

#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestCounterLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void changeCounterMovesOnChangesOnly();
    void renameAtAKioskShows();
    void registrationAtAKioskShows();
    void handInElsewhereShowsAndKeepsTheSelection();
    void quietWhileNothingChanges();

private:
    QTemporaryDir m_dir;
    ManualClock m_clock { QDateTime(QDate(2026, 6, 1), QTime(10, 0), Qt::UTC) };
    std::unique_ptr<Lab> m_lab;     // the counter's
    std::unique_ptr<Lab> m_other;   // a kiosk's or another program's, on the same catalog
    Translations m_translations;
    std::unique_ptr<CounterWindow> m_window;
    qint64 m_anna = 0;
};

void TestCounterLive::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString data = m_dir.filePath(QStringLiteral("data"));
    const LabLocation location { data, testCatalogUrl(data) };
    auto opened = Lab::open(location, m_clock);
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message()));
    m_lab = std::move(*opened);
    auto other = Lab::open(location, m_clock);
    QVERIFY2(other, other ? "" : qPrintable(other.error().message()));
    m_other = std::move(*other);
    m_translations.install(QStringLiteral("en"));
    const auto anna = Customers(m_lab->catalog()).add({ QStringLiteral("A1"), QStringLiteral("Anna Berg"),
                                                        QStringLiteral("anna@example.org"), QString(), QString(),
                                                        QStringLiteral("2468") }, m_clock.now());
    QVERIFY(anna);
    m_anna = anna->id;
    for (int i = 2; i <= 40; ++i)   // a list long enough to scroll
        QVERIFY(Customers(m_lab->catalog()).add({ QStringLiteral("C%1").arg(i, 2, 10, QLatin1Char('0')),
                                                  QStringLiteral("Customer %1").arg(i), QString(), QString(), QString(),
                                                  QString() }, m_clock.now()));
    IngestOptions options;
    options.customerCode = QStringLiteral("A1");
    options.sources = { corpusPath(QStringLiteral("real/png")) };
    options.albumTitle = QStringLiteral("Urlaub");
    options.actor = QStringLiteral("test");
    QVERIFY(IngestJob(*m_lab, options).run());
    m_window = std::make_unique<CounterWindow>(*m_lab);
    m_window->watcher()->setInterval(100);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestCounterLive::changeCounterMovesOnChangesOnly()
{
    const CatalogVersion counter(m_lab->catalog());
    const qint64 before = counter.read().value();
    QVERIFY(Customers(m_lab->catalog()).search(QString()));   // reading changes nothing
    QCOMPARE(counter.read().value(), before);
    QVERIFY(Customers(m_other->catalog()).add({ QStringLiteral("Z99"), QStringLiteral("Zoe Zed"), QString(), QString(),
                                                QString(), QString() }, m_clock.now()));
    QTRY_VERIFY(counter.read().value() != before);   // seen through the counter's own connection
}

void TestCounterLive::renameAtAKioskShows()
{
    auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    QTest::keyClicks(search, QStringLiteral("Anna"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(m_window->customers()->data().customer.id, m_anna);
    auto *albums = m_window->findChild<QTreeWidget *>(QStringLiteral("albumTree"));
    QTRY_VERIFY(albums->topLevelItemCount() > 0);
    const qint64 album = albums->topLevelItem(0)->data(0, Qt::UserRole).toLongLong();
    QVERIFY(AlbumEdits(m_other->catalog(), Actor::customer(m_anna, QStringLiteral("kiosk 1")))
                .rename(album, QStringLiteral("Sommer am See"), m_clock.now()));
    QTRY_COMPARE(albums->topLevelItem(0)->text(0), QStringLiteral("Sommer am See"));
}

void TestCounterLive::registrationAtAKioskShows()
{
    const int before = int(m_window->dashboard()->registrations().size());
    KioskSignUp form;
    form.name = QStringLiteral("Kiki Kiosk");
    form.contact = QStringLiteral("kiki@example.org");
    form.pin = QStringLiteral("135791");
    QVERIFY(KioskRegistrations(m_other->catalog()).registerAtKiosk(Actor::device(QStringLiteral("kiosk")), form,
                                                                    m_clock.now()));
    QTRY_COMPARE(int(m_window->dashboard()->registrations().size()), before + 1);
}

// A hand-in from elsewhere reaches the customer on show; the clerk's place in the
// customer list stays where it was.
void TestCounterLive::handInElsewhereShowsAndKeepsTheSelection()
{
    auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    search->clear();
    auto *list = m_window->findChild<QListWidget *>(QStringLiteral("customerList"));
    QTRY_VERIFY(list->count() > 30);
    CustomerPanel *panel = m_window->customers();
    QTRY_COMPARE(panel->data().customer.id, m_anna);
    list->verticalScrollBar()->setValue(list->verticalScrollBar()->maximum());
    const int scrolled = list->verticalScrollBar()->value();
    QVERIFY(scrolled > 0);
    const qsizetype photos = panel->data().photos.size();
    IngestOptions options;
    options.customerCode = QStringLiteral("A1");
    options.sources = { corpusPath(QStringLiteral("real/jpeg")) };
    options.channel = QStringLiteral("kiosk");
    options.actor = QStringLiteral("kiosk 1");
    QVERIFY(IngestJob(*m_other, options).run());
    QTRY_VERIFY_WITH_TIMEOUT(panel->data().photos.size() > photos, 20000);
    QCOMPARE(panel->data().customer.id, m_anna);
    QCOMPARE(list->currentItem()->data(Qt::UserRole).toLongLong(), m_anna);
    QCOMPARE(list->verticalScrollBar()->value(), scrolled);
}

// What the counter itself does to show things (reading customers, thumbnails) is no
// change: the views are not read again and again.
void TestCounterLive::quietWhileNothingChanges()
{
    CustomerPanel *panel = m_window->customers();
    QTRY_VERIFY(!panel->isLoading() && panel->grid()->loadedCount() > 0);
    QSignalSpy settled(m_window->watcher(), &CatalogWatcher::changed);
    for (int i = 0; i < 10 && settled.wait(500); ++i) { }   // the last change's echo (PostgreSQL looks twice)
    QSignalSpy changed(m_window->watcher(), &CatalogWatcher::changed);
    QVERIFY(!changed.wait(1500));   // 15 looks at 100 ms
}

QTEST_MAIN(TestCounterLive)
#include "tst_counterlive.moc"
