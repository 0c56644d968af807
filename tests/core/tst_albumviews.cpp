// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A customer's view of an album (AlbumViews, AlbumLife::viewed) on a ManualClock:
// "keep N days after the last view" rules move with each view, other rules do not,
// only those who may read the album count, and an album told about its date is active
// again once a view moves the date out of the notice window.
#include "ExpiryFixture.h"
#include "catalog/Settings.h"
#include "retention/AlbumLife.h"
#include "retention/AlbumViews.h"
#include "retention/ExpirySweep.h"
#include "retention/RetentionRules.h"

#include <QTest>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

const QString ViewedRule = QStringLiteral("Viewed 30 days");

// A lab with the rule "Viewed 30 days" (30 days after the last view) and customers
// C1 (owner), C2 (the album shared with them) and C3 (a stranger).
struct ViewLab : ExpiryLab
{
    ViewLab()
    {
        RetentionRule viewed;
        viewed.name = ViewedRule;
        viewed.basis = RetentionRule::Basis::LastView;
        viewed.keepDays = 30;
        const Status added = lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
            const Result<RetentionRule> rule = RetentionRules::add(db, viewed, clock.now(), QStringLiteral("clerk"));
            return rule ? Status::success() : Status(rule.error());
        });
        if (!added)
            qFatal("rule: %s", qPrintable(added.error().message()));
        owner = customer(QStringLiteral("C1"), QStringLiteral("c1@example.test"));
        viewer = customer(QStringLiteral("C2"));
        stranger = customer(QStringLiteral("C3"));
    }

    Result<ViewOutcome> view(const Actor &actor, qint64 album) const
    {
        return AlbumViews(lab->catalog(), clock).record(actor, album);
    }
    QString lastViewed(qint64 album) const
    {
        return scalar(QStringLiteral("SELECT last_viewed_at FROM albums WHERE id = %1").arg(album));
    }

    qint64 owner = 0;
    qint64 viewer = 0;
    qint64 stranger = 0;
};

} // namespace

class TestAlbumViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The owner at the kiosk and a viewer on the web page move the date alike.
    void viewMovesLastViewDate_data()
    {
        QTest::addColumn<bool>("byViewer");
        QTest::newRow("owner") << false;
        QTest::newRow("viewer") << true;
    }

    void viewMovesLastViewDate()
    {
        QFETCH(bool, byViewer);
        ViewLab t;
        const qint64 a = t.album(t.owner, QStringLiteral("Garden"), 30, ViewedRule);
        t.share(a, QStringLiteral("C2"));
        QCOMPARE(t.expires(a), QStringLiteral("2026-11-06"));
        t.clock.advanceDays(20);
        const Actor actor = byViewer ? Actor::customer(t.viewer, QStringLiteral("web")) : Actor::customer(t.owner, QStringLiteral("kiosk"));
        const Result<ViewOutcome> seen = t.view(actor, a);
        QVERIFY2(seen, qPrintable(seen ? QString() : seen.error().message()));
        QVERIFY(seen->counted);
        QVERIFY(seen->moved);
        QCOMPARE(seen->expires, QDate(2026, 11, 26));
        QCOMPARE(seen->state, QStringLiteral("active"));
        QCOMPARE(t.expires(a), QStringLiteral("2026-11-26"));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'view'")), 1);
        QVERIFY(t.scalar(QStringLiteral("SELECT details FROM audit WHERE action = 'view'")).contains(QStringLiteral("2026-11-06")));
        // The same day again: the date stays, nothing more is audited.
        const Result<ViewOutcome> again = t.view(actor, a);
        QVERIFY(again && again->counted && !again->moved);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'view'")), 1);
    }

    // A hand-in rule counts from the hand-in: a view is recorded, the date stays.
    void viewOfHandinRuleAlbumKeepsItsDate()
    {
        ViewLab t;
        const qint64 a = t.album(t.owner, QStringLiteral("Garden"));
        const QString before = t.expires(a);
        t.clock.advanceDays(20);
        const Result<ViewOutcome> seen = t.view(Actor::customer(t.owner, QStringLiteral("kiosk")), a);
        QVERIFY(seen);
        QVERIFY(seen->counted);
        QVERIFY(!seen->moved);
        QCOMPARE(t.expires(a), before);
        QCOMPARE(t.lastViewed(a), toCatalogTime(t.clock.now()));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'view'")), 0);
    }

    // A stranger is refused and changes nothing; the clerk looks without counting; a
    // device never reaches a customer's album.
    void onlyThoseWhoMayReadCount()
    {
        ViewLab t;
        const qint64 a = t.album(t.owner, QStringLiteral("Garden"), 30, ViewedRule);
        t.clock.advanceDays(20);
        const Result<ViewOutcome> stranger = t.view(Actor::customer(t.stranger, QStringLiteral("kiosk")), a);
        QVERIFY(!stranger);
        QCOMPARE(stranger.error().kind(), Error::Kind::Refused);
        QVERIFY2(stranger.error().message().contains(QString::number(a)), qPrintable(stranger.error().message()));
        QVERIFY(!t.view(Actor::viewer(std::nullopt, QStringLiteral("nobody@example.test")), a));
        QVERIFY(!t.view(Actor::device(QStringLiteral("kiosk")), a));
        const Result<ViewOutcome> clerk = t.view(Actor::clerk(QStringLiteral("anna"), QStringLiteral("counter")), a);
        QVERIFY(clerk);
        QVERIFY(!clerk->counted);
        QCOMPARE(t.expires(a), QStringLiteral("2026-11-06"));
        QVERIFY(t.lastViewed(a).isEmpty());
        QVERIFY(!t.view(Actor::customer(t.owner, QStringLiteral("kiosk")), 9999));
    }

    // Told about its date, the album is viewed the next day: a date beyond the notice
    // window makes it active again and its next notice a new event; inside the window
    // the notice stands and only the date moves.
    void viewOfExpiringAlbum_data()
    {
        QTest::addColumn<int>("noticeDays");
        QTest::addColumn<QString>("state");
        QTest::newRow("out of the window") << 14 << QStringLiteral("active");
        QTest::newRow("still inside it") << 30 << QStringLiteral("expiring");
    }

    void viewOfExpiringAlbum()
    {
        QFETCH(int, noticeDays);
        QFETCH(QString, state);
        ViewLab t;
        QVERIFY(Settings(t.lab->catalog()).set(QStringLiteral("notice.days_before"), QString::number(noticeDays)));
        const qint64 a = t.album(t.owner, QStringLiteral("Garden"), 30, ViewedRule);
        const QDate due = t.clock.today().addDays(30);
        t.clock.advanceDays(30 - noticeDays);   // the day the notice window is reached
        ExpirySweep sweep(t.lab->catalog(), t.clock);
        const auto noticed = sweep.run(false, QStringLiteral("test"));
        QVERIFY(noticed && noticed->notices == 1);
        QCOMPARE(t.state(a), QStringLiteral("expiring"));
        QCOMPARE(t.expires(a), toCatalogDate(due));
        const QString noticedAt = t.scalar(QStringLiteral("SELECT notice_issued_at FROM albums WHERE id = %1").arg(a));
        t.clock.advanceDays(1);
        const Result<ViewOutcome> seen = t.view(Actor::customer(t.owner, QStringLiteral("kiosk")), a);
        QVERIFY(seen && seen->moved);
        QCOMPARE(seen->state, state);
        QCOMPARE(t.state(a), state);
        QCOMPARE(t.expires(a), toCatalogDate(t.clock.today().addDays(30)));
        const QString notice = t.scalar(QStringLiteral("SELECT notice_issued_at FROM albums WHERE id = %1").arg(a));
        QCOMPARE(notice, state == QLatin1String("active") ? QString() : noticedAt);
        // The day after the old date: nothing expires, and nobody is told again yet.
        t.clock.set(QDateTime(due.addDays(1), QTime(10, 0)));
        const auto later = sweep.run(false, QStringLiteral("test"));
        QVERIFY(later);
        QCOMPARE(later->expired, 0);
        QCOMPARE(later->notices, 0);
        QCOMPARE(t.state(a), state);
    }

    // An album that went onto a disc is not the customer's to view any more, nor
    // does an expired one that waits for its disc move.
    void recordedAndExpiredAlbumsAreNotTouched()
    {
        ViewLab t;
        const qint64 recorded = t.album(t.owner, QStringLiteral("On disc"), 30, ViewedRule);
        const qint64 expired = t.album(t.owner, QStringLiteral("Waiting"), 30, ViewedRule);
        QVERIFY(SqlQuery::execDirect(t.db(), QStringLiteral("UPDATE albums SET state = 'recorded' WHERE id = %1").arg(recorded)));
        QVERIFY(SqlQuery::execDirect(t.db(), QStringLiteral("UPDATE albums SET state = 'expired' WHERE id = %1").arg(expired)));
        t.clock.advanceDays(20);
        const Result<ViewOutcome> onDisc = t.view(Actor::customer(t.owner, QStringLiteral("kiosk")), recorded);
        QVERIFY(!onDisc);
        QCOMPARE(onDisc.error().kind(), Error::Kind::Refused);
        const Result<ViewOutcome> waiting = t.view(Actor::customer(t.owner, QStringLiteral("kiosk")), expired);
        QVERIFY(waiting);
        QVERIFY(!waiting->counted);
        for (const qint64 a : { recorded, expired }) {
            QCOMPARE(t.expires(a), QStringLiteral("2026-11-06"));
            QVERIFY(t.lastViewed(a).isEmpty());
        }
    }

    // A later date the clerk gave stays: a view never brings a date forward.
    void viewNeverShortensAnExtension()
    {
        ViewLab t;
        const qint64 a = t.album(t.owner, QStringLiteral("Garden"), 30, ViewedRule);
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) {
            return AlbumLife::extend(db, t.clock.now(), a, QDate(2027, 6, 1), QStringLiteral("clerk"));
        }));
        t.clock.advanceDays(5);
        const Result<ViewOutcome> seen = t.view(Actor::customer(t.owner, QStringLiteral("kiosk")), a);
        QVERIFY(seen && seen->counted && !seen->moved);
        QCOMPARE(t.expires(a), QStringLiteral("2027-06-01"));
    }
};

QTEST_GUILESS_MAIN(TestAlbumViews)
#include "tst_albumviews.moc"
