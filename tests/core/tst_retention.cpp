// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Retention rules, expiry reasons and the expiry sweep, on a ManualClock.
#include "ExpiryFixture.h"
#include "catalog/Albums.h"
#include "catalog/Settings.h"
#include "catalog/Shares.h"
#include "retention/AlbumLife.h"
#include "retention/ExpiryReason.h"
#include "retention/ExpirySweep.h"
#include "retention/RetentionRules.h"
#include "retention/SweepStatements.h"

#include <QTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestRetention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void ruleDate_data()
    {
        QTest::addColumn<QString>("basis");
        QTest::addColumn<int>("days");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("planEnds");
        QTest::addColumn<QDate>("expected");
        QTest::newRow("90 days after hand-in") << "handin" << 90 << QDate(2026, 10, 7) << QDate() << QDate(2027, 1, 5);
        QTest::newRow("over a leap day") << "handin" << 30 << QDate(2028, 2, 15) << QDate() << QDate(2028, 3, 16);
        QTest::newRow("30 days after last view") << "last_view" << 30 << QDate(2026, 12, 20) << QDate() << QDate(2027, 1, 19);
        QTest::newRow("while the plan lasts") << "plan" << 0 << QDate(2026, 10, 7) << QDate(2027, 6, 30) << QDate(2027, 6, 30);
        QTest::newRow("plan without end") << "plan" << 0 << QDate(2026, 10, 7) << QDate() << QDate();
    }

    void ruleDate()
    {
        QFETCH(QString, basis);
        QFETCH(int, days);
        QFETCH(QDate, from);
        QFETCH(QDate, planEnds);
        QFETCH(QDate, expected);
        RetentionRule rule;
        rule.basis = *RetentionRule::basisFromName(basis);
        rule.keepDays = days;
        QCOMPARE(AlbumLife::ruleDate(rule, from, planEnds), expected);
    }

    void reasonReadsOut()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"));
        const qint64 a = t.album(c1, QStringLiteral("Garden"));
        const auto album = Albums(t.lab->catalog()).byId(a);
        QVERIFY(album);
        QCOMPARE(album->expires, QDate(2027, 1, 5));
        QCOMPARE(expiryReasonText(*album), QStringLiteral("expires on 5 Jan 2027: rule 'Standard 90 days', handed in on 7 Oct 2026"));
    }

    // Moving the clock day by day: the notice goes out exactly when the window is
    // reached, once; the album expires the day after its date.
    void sweep_data()
    {
        QTest::addColumn<int>("noticeDays");
        QTest::newRow("14 days") << 14;
        QTest::newRow("3 days") << 3;
    }

    void sweep()
    {
        QFETCH(int, noticeDays);
        ExpiryLab t;
        QVERIFY(Settings(t.lab->catalog()).set(QStringLiteral("notice.days_before"), QString::number(noticeDays)));
        const qint64 c1 = t.customer(QStringLiteral("C1"), QStringLiteral("c1@example.test"));
        const qint64 a = t.album(c1, QStringLiteral("Garden"), 30);
        const QDate due = t.clock.today().addDays(30);
        ExpirySweep sweep(t.lab->catalog(), t.clock);
        for (int day = 0; day <= 32; ++day) {
            const auto report = sweep.run(false, QStringLiteral("test"));
            QVERIFY2(report, qPrintable(report ? QString() : report.error().message()));
            const QDate today = t.clock.today();
            const QString expected = today > due ? QStringLiteral("expired")
                                   : today >= due.addDays(-noticeDays) ? QStringLiteral("expiring") : QStringLiteral("active");
            QCOMPARE(t.state(a), expected);
            QCOMPARE(report->notices, today == due.addDays(-noticeDays) ? 1 : 0);
            t.clock.advanceDays(1);
        }
        QCOMPARE(t.expires(a), toCatalogDate(due));   // given the full window: the date never moved
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notice_events")), 1);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices WHERE channel = 'mail'")), 1);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices WHERE channel = 'terminal'")), 1);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'expire'")), 1);
    }

    // The counter PC was off: past its date, nobody told. The notice goes out now and
    // the date moves to today + notice.days_before; expiry waits for it.
    void lateSweepMovesDate()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"), QStringLiteral("c1@example.test"));
        const qint64 a = t.album(c1, QStringLiteral("Garden"), 30);
        t.clock.advanceDays(400);
        ExpirySweep sweep(t.lab->catalog(), t.clock);
        auto report = sweep.run(false, QStringLiteral("test"));
        QVERIFY(report);
        QCOMPARE(report->changes.size(), 1);
        QCOMPARE(report->changes.first().action, SweepChange::Action::LateNotice);
        QCOMPARE(t.state(a), QStringLiteral("expiring"));
        QCOMPARE(t.expires(a), toCatalogDate(t.clock.today().addDays(14)));
        QVERIFY(t.scalar(QStringLiteral("SELECT details FROM audit WHERE action = 'notice_issued'")).contains(QStringLiteral("moved_from")));
        const auto album = Albums(t.lab->catalog()).byId(a);
        QVERIFY2(expiryReasonText(*album).contains(QStringLiteral("full notice")), qPrintable(expiryReasonText(*album)));
        t.clock.advanceDays(14);
        QVERIFY(sweep.run(false, QStringLiteral("test")));
        QCOMPARE(t.state(a), QStringLiteral("expiring"));   // its last day: not yet
        t.clock.advanceDays(1);
        QVERIFY(sweep.run(false, QStringLiteral("test")));
        QCOMPARE(t.state(a), QStringLiteral("expired"));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notice_events")), 1);
    }

    // A week of sweeps missed: the next one does all of the week's changes, each once
    // (a sweep compares each album with today; nothing records the last sweep).
    void catchUpDoesTheWeekOnce()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"), QStringLiteral("c1@example.test"));
        const qint64 told = t.album(c1, QStringLiteral("Told"), 14);       // told at once, its date in the gap
        const qint64 window = t.album(c1, QStringLiteral("Window"), 25);   // its notice window opens in the gap
        const qint64 later = t.album(c1, QStringLiteral("Later"), 60);
        ExpirySweep sweep(t.lab->catalog(), t.clock);
        QVERIFY(sweep.run(false, QStringLiteral("test")));
        t.clock.advanceDays(8);
        QVERIFY(sweep.run(false, QStringLiteral("test")));   // the last sweep before the gap
        QCOMPARE(t.state(told), QStringLiteral("expiring"));
        QCOMPARE(t.state(window), QStringLiteral("active"));
        t.clock.advanceDays(7);
        const auto report = sweep.run(false, QStringLiteral("test"));
        QVERIFY(report);
        QCOMPARE(report->expired, 1);
        QCOMPARE(report->notices, 1);
        QCOMPARE(t.state(told), QStringLiteral("expired"));
        QCOMPARE(t.state(window), QStringLiteral("expiring"));
        QCOMPARE(t.expires(window), toCatalogDate(t.clock.today().addDays(14)));   // late: the full notice
        QCOMPARE(t.state(later), QStringLiteral("active"));
        const auto again = sweep.run(false, QStringLiteral("test"));
        QVERIFY(again);
        QCOMPARE(again->expired + again->notices, 0);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notice_events")), 2);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'expire'")), 1);
    }

    // On SQLite a sweep's statement journals stay in memory and its page cache holds
    // what it changes (a catch-up changes thousands of albums in one transaction: on
    // the benchmark's catalog the temporary file took 45,000 writes); the connection's
    // settings come back after it.
    void sweepGetsRoomOnSqlite()
    {
        ExpiryLab t;
        if (t.lab->catalog().isPostgres()) {
            // Nothing of SQLite's is set on PostgreSQL: the session's settings stay.
            t.album(t.customer(QStringLiteral("C1")), QStringLiteral("Garden"), 5);
            const QString before = t.scalar(QStringLiteral("SELECT current_setting('temp_buffers')"));
            QString during;
            ExpirySweep sweep(t.lab->catalog(), t.clock);
            sweep.setTurnHook([&] { during = t.scalar(QStringLiteral("SELECT current_setting('temp_buffers')")); });
            QVERIFY(sweep.run(false, QStringLiteral("test")));
            QCOMPARE(during, before);
            return;
        }
        t.album(t.customer(QStringLiteral("C1")), QStringLiteral("Garden"), 5);
        const QString cacheBefore = t.scalar(QStringLiteral("PRAGMA cache_size"));
        const QString tempBefore = t.scalar(QStringLiteral("PRAGMA temp_store"));
        QString cacheDuring, tempDuring;
        ExpirySweep sweep(t.lab->catalog(), t.clock);
        sweep.setTurnHook([&] {
            cacheDuring = t.scalar(QStringLiteral("PRAGMA cache_size"));
            tempDuring = t.scalar(QStringLiteral("PRAGMA temp_store"));
        });
        QVERIFY(sweep.run(false, QStringLiteral("test")));
        QCOMPARE(cacheDuring, QString::number(-SweepRoom::CacheKiB));
        QCOMPARE(tempDuring, QStringLiteral("2"));   // MEMORY
        QCOMPARE(t.scalar(QStringLiteral("PRAGMA cache_size")), cacheBefore);
        QCOMPARE(t.scalar(QStringLiteral("PRAGMA temp_store")), tempBefore);
    }

    void dryRunChangesNothing()
    {
        ExpiryLab t;
        const qint64 a = t.album(t.customer(QStringLiteral("C1")), QStringLiteral("Garden"), 5);
        const auto report = ExpirySweep(t.lab->catalog(), t.clock).run(true, QStringLiteral("test"));
        QVERIFY(report);
        QCOMPARE(report->notices, 1);
        QCOMPARE(t.state(a), QStringLiteral("active"));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices")), 0);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit")), 0);
    }

    // An extension that moves the date makes a new event: told again, once.
    void extensionMakesNewEvent()
    {
        ExpiryLab t;
        const qint64 a = t.album(t.customer(QStringLiteral("C1"), QStringLiteral("c1@example.test")), QStringLiteral("Garden"), 10);
        ExpirySweep sweep(t.lab->catalog(), t.clock);
        QVERIFY(sweep.run(false, QStringLiteral("test")));
        QCOMPARE(t.state(a), QStringLiteral("expiring"));
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) {
            return AlbumLife::extend(db, t.clock.now(), a, t.clock.today().addDays(60), QStringLiteral("clerk"));
        }));
        QCOMPARE(t.state(a), QStringLiteral("active"));
        QVERIFY(expiryReasonText(*Albums(t.lab->catalog()).byId(a)).contains(QStringLiteral("extended")));
        QVERIFY(sweep.run(false, QStringLiteral("test")));
        QCOMPARE(t.state(a), QStringLiteral("active"));
        t.clock.advanceDays(46);
        QVERIFY(sweep.run(false, QStringLiteral("test")));
        QCOMPARE(t.state(a), QStringLiteral("expiring"));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notice_events")), 2);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices WHERE channel = 'mail'")), 2);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'extend'")), 1);
    }

    void ruleChangeRedates()
    {
        ExpiryLab t;
        const qint64 a = t.album(t.customer(QStringLiteral("C1")), QStringLiteral("Garden"));
        RetentionRule viewed;
        viewed.name = QStringLiteral("Viewed 30 days");
        viewed.basis = RetentionRule::Basis::LastView;
        viewed.keepDays = 30;
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
            auto added = RetentionRules::add(db, viewed, t.clock.now(), QStringLiteral("clerk"));
            if (!added)
                return added.error();
            return AlbumLife::setRule(db, t.clock.now(), a, *added, QStringLiteral("clerk"));
        }));
        QCOMPARE(t.expires(a), QStringLiteral("2026-11-06"));
        t.clock.advanceDays(20);
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
            const Result<bool> moved = AlbumLife::viewed(db, t.clock.now(), a, 14, QStringLiteral("kiosk"));
            return moved ? Status::success() : Status(moved.error());
        }));
        QCOMPARE(t.expires(a), QStringLiteral("2026-11-26"));
        QVERIFY(expiryReasonText(*Albums(t.lab->catalog()).byId(a)).contains(QStringLiteral("last viewed on 27 Oct 2026")));
    }

    // Over the cap: the oldest albums go first, each with its full notice window.
    void capExpiresOldestFirst()
    {
        ExpiryLab t;
        RetentionRule capped;
        capped.name = QStringLiteral("Small");
        capped.keepDays = 365;
        capped.capBytes = 250;
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
            auto added = RetentionRules::add(db, capped, t.clock.now(), QStringLiteral("clerk"));
            return added ? Status::success() : Status(added.error());
        }));
        const qint64 c1 = t.customer(QStringLiteral("C1"));
        const qint64 oldest = t.album(c1, QStringLiteral("Old"), 365, QStringLiteral("Small"));
        t.photo(oldest, c1, QByteArray(100, 'a'));
        t.clock.advanceDays(1);
        const qint64 middle = t.album(c1, QStringLiteral("Middle"), 365, QStringLiteral("Small"));
        t.photo(middle, c1, QByteArray(100, 'b'));
        t.clock.advanceDays(1);
        const qint64 newest = t.album(c1, QStringLiteral("New"), 365, QStringLiteral("Small"));
        t.photo(newest, c1, QByteArray(100, 'c'));
        const auto report = ExpirySweep(t.lab->catalog(), t.clock).run(false, QStringLiteral("test"));
        QVERIFY(report);
        QCOMPARE(report->capped, 1);
        QCOMPARE(t.state(oldest), QStringLiteral("expiring"));
        QCOMPARE(t.expires(oldest), toCatalogDate(t.clock.today().addDays(14)));
        QCOMPARE(t.state(middle), QStringLiteral("active"));
        QCOMPARE(t.state(newest), QStringLiteral("active"));
    }

    // Sharing: a viewer's customer view holds the album; revoking takes it away.
    void sharedAlbumsInCustomerView()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"));
        const qint64 c2 = t.customer(QStringLiteral("C2"));
        const qint64 a = t.album(c1, QStringLiteral("Garden"));
        const Albums albums(t.lab->catalog());
        QCOMPARE(albums.customerView(c2, false)->size(), 0);
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
            auto viewer = Shares::resolveViewer(db, QStringLiteral("c2"));
            return viewer ? Shares::add(db, a, *viewer, t.clock.now(), QStringLiteral("clerk")) : Status(viewer.error());
        }));
        QCOMPARE(albums.customerView(c2, false)->size(), 1);
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
            auto viewer = Shares::resolveViewer(db, QStringLiteral("C2"));
            return viewer ? Shares::remove(db, a, *viewer, t.clock.now(), QStringLiteral("clerk")) : Status(viewer.error());
        }));
        QCOMPARE(albums.customerView(c2, false)->size(), 0);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action IN ('share', 'unshare')")), 2);
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
