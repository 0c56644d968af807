// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Grace period and purge (claim 7): never an unverified or still-in-grace album; a
// stored file shared with another album survives; restore within the grace period.
#include "ExpiryFixture.h"
#include "base/CancelToken.h"
#include "catalog/Albums.h"
#include "retention/AlbumLife.h"
#include "retention/Purge.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestPurge : public QObject
{
    Q_OBJECT

private:
    static void record(ExpiryLab &t, qint64 album)
    {
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) {
            return AlbumLife::markRecorded(db, t.clock.now(), album, QStringLiteral("KS-T-1"), 1, QStringLiteral("PICKUP22"),
                                           QStringLiteral("burner"));
        }));
    }

    static Result<QList<PurgeItem>> purge(ExpiryLab &t, std::optional<qint64> album = {}, bool dry = false)
    {
        CancelToken cancel;
        return Purge(t.lab->catalog(), t.lab->store(), t.clock).run(album, dry, QStringLiteral("test"), cancel);
    }

    // C1's album "Garden" with the photo "one", on a verified disc and recorded; the
    // grace period (30 days) over.
    static qint64 recordedPastGrace(ExpiryLab &t)
    {
        const qint64 c1 = t.customer(QStringLiteral("C1"));
        const qint64 a = t.album(c1, QStringLiteral("Garden"));
        t.photo(a, c1, "one");
        t.onDisc(a, c1, QStringLiteral("KS-T-1"), true);
        record(t, a);
        t.clock.advanceDays(31);
        return a;
    }

    static QString sha(const QByteArray &content)
    {
        return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    }

private Q_SLOTS:
    void unverifiedNeverPurged()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"));
        const qint64 a = t.album(c1, QStringLiteral("Garden"));
        t.photo(a, c1, "one");
        t.onDisc(a, c1, QStringLiteral("KS-T-1"), false);
        record(t, a);
        t.clock.advanceDays(365);
        const auto items = purge(t);
        QVERIFY(items);
        QCOMPARE(items->size(), 1);
        QVERIFY(!items->first().purge);
        QVERIFY(items->first().reason.contains(QStringLiteral("verified")));
        QCOMPARE(t.state(a), QStringLiteral("recorded"));
        QVERIFY(t.lab->store().contains(sha("one")));
        const auto refused = purge(t, a);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind(), Error::Kind::Refused);
    }

    void graceThenPurgeKeepsSharedFile()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"));
        const qint64 gone = t.album(c1, QStringLiteral("Old"));
        const qint64 stays = t.album(c1, QStringLiteral("New"));
        t.photo(gone, c1, "shared bytes");
        t.photo(gone, c1, "only here");
        t.photo(stays, c1, "shared bytes");
        t.onDisc(gone, c1, QStringLiteral("KS-T-1"), true);
        record(t, gone);
        QCOMPARE(Albums(t.lab->catalog()).customerView(c1, false)->size(), 1);   // hidden at once
        t.clock.advanceDays(29);
        QVERIFY(!purge(t)->first().purge);   // grace.days = 30: still in grace
        QCOMPARE(t.state(gone), QStringLiteral("recorded"));
        QVERIFY(t.lab->store().contains(sha("only here")));
        t.clock.advanceDays(1);
        QVERIFY(purge(t, {}, true)->first().purge);   // dry run: would go
        QCOMPARE(t.state(gone), QStringLiteral("recorded"));
        const auto items = purge(t);
        QVERIFY(items);
        QVERIFY(items->first().purge);
        QCOMPARE(items->first().filesRemoved, 1);
        QCOMPARE(t.state(gone), QStringLiteral("purged"));
        QVERIFY(!t.lab->store().contains(sha("only here")));
        QVERIFY(t.lab->store().contains(sha("shared bytes")));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM photos WHERE album_id = %1").arg(gone)), 2);   // the record stays
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM disc_photos")), 2);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'purge'")), 1);
        QCOMPARE(purge(t)->size(), 0);
    }

    void restoreInGrace()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"));
        const qint64 a = t.album(c1, QStringLiteral("Garden"));
        t.photo(a, c1, "one");
        t.onDisc(a, c1, QStringLiteral("KS-T-1"), true);
        record(t, a);
        t.clock.advanceDays(10);
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) {
            return AlbumLife::restore(db, t.clock.now(), a, 30, QStringLiteral("clerk"));
        }));
        QCOMPARE(t.state(a), QStringLiteral("active"));
        QCOMPARE(t.expires(a), toCatalogDate(t.clock.today().addDays(90)));
        QCOMPARE(Albums(t.lab->catalog()).customerView(c1, false)->size(), 1);
        t.clock.advanceDays(60);
        QCOMPARE(purge(t)->size(), 0);
        QVERIFY(t.lab->store().contains(sha("one")));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'restore'")), 1);
    }

    // The clerk restores the album between the purge's plan and its purge: the restore
    // wins, the album stays active with every file, and the purge says why it left it.
    void restoreBetweenPlanAndPurge()
    {
        ExpiryLab t;
        const qint64 a = recordedPastGrace(t);
        Purge purge(t.lab->catalog(), t.lab->store(), t.clock);
        purge.setPlannedHook([&] {
            QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) {
                return AlbumLife::restore(db, t.clock.now(), a, 30, QStringLiteral("clerk"));
            }));
        });
        CancelToken cancel;
        const auto items = purge.run({}, false, QStringLiteral("test"), cancel);
        QVERIFY(items);
        QCOMPARE(items->size(), 1);
        QVERIFY(!items->first().purge);
        QCOMPARE(items->first().filesRemoved, 0);
        QVERIFY2(items->first().reason.contains(QStringLiteral("restored")), qPrintable(items->first().reason));
        QCOMPARE(t.state(a), QStringLiteral("active"));
        QVERIFY(t.lab->store().contains(sha("one")));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM blobs WHERE removed_at IS NOT NULL")), 0);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'purge'")), 0);
    }

    // A purged album cannot be restored: the files are gone.
    void purgedAlbumIsNotRestored()
    {
        ExpiryLab t;
        const qint64 a = recordedPastGrace(t);
        QVERIFY(purge(t)->first().purge);
        const Status restored = t.lab->catalog().transaction([&](QSqlDatabase &db) {
            return AlbumLife::restore(db, t.clock.now(), a, 30, QStringLiteral("clerk"));
        });
        QVERIFY(!restored);
        QCOMPARE(restored.error().kind(), Error::Kind::Refused);
        QCOMPARE(t.state(a), QStringLiteral("purged"));
    }

    void unreadableGraceRefusesPurge_data()
    {
        QTest::addColumn<QString>("breakIt");
        QTest::addColumn<QString>("wantInReason");
        QTest::newRow("not a number") << QStringLiteral("INSERT INTO settings (key, value) VALUES ('grace.days', 'thirty')")
                                      << QStringLiteral("thirty");
        QTest::newRow("out of range") << QStringLiteral("INSERT INTO settings (key, value) VALUES ('grace.days', '-5')")
                                      << QStringLiteral("-5");
        QTest::newRow("settings unreadable") << QStringLiteral("ALTER TABLE settings RENAME TO settings_gone")
                                             << QStringLiteral("could not be read");
    }

    // grace.days cannot be read: purge refuses to run, rather than guess a grace period.
    void unreadableGraceRefusesPurge()
    {
        QFETCH(QString, breakIt);
        QFETCH(QString, wantInReason);
        ExpiryLab t;
        const qint64 a = recordedPastGrace(t);
        QSqlQuery broken(t.db());   // not prepared: PostgreSQL prepares no ALTER TABLE
        QVERIFY2(broken.exec(breakIt), qPrintable(broken.lastError().text()));
        for (const bool dry : { true, false }) {
            const auto refused = purge(t, {}, dry);
            QVERIFY(!refused);
            QVERIFY2(refused.error().message().contains(QStringLiteral("grace.days"))
                         && refused.error().message().contains(wantInReason),
                     qPrintable(refused.error().message()));
        }
        QCOMPARE(t.state(a), QStringLiteral("recorded"));
        QVERIFY(t.lab->store().contains(sha("one")));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'purge'")), 0);
    }
};

QTEST_GUILESS_MAIN(TestPurge)
#include "tst_purge.moc"
