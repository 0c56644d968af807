// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Notices over a real SMTP server (aiosmtpd on loopback): owner and current viewers
// get one mail each per event; a crash between outbox and delivery loses nothing
// and repeats nothing; a server that is down leaves mail queued with its answer; a
// password never goes to a server without STARTTLS unless the lab says so.
#include "ExpiryFixture.h"
#include "SmtpTestServer.h"
#include "base/CancelToken.h"
#include "catalog/Albums.h"
#include "catalog/Settings.h"
#include "catalog/Shares.h"
#include "commands/Command.h"
#include "notify/NoticeDelivery.h"
#include "notify/NoticeOutbox.h"
#include "retention/AlbumLife.h"
#include "retention/ExpirySweep.h"

#include "TestSupport.h"

#include <QSemaphore>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

QStringList recipients(const QList<ReceivedMail> &mails)
{
    QStringList all;
    for (const ReceivedMail &mail : mails)
        all += mail.to;
    all.sort();
    return all;
}

} // namespace

class TestNotify : public QObject
{
    Q_OBJECT

private:
    // C1 owns "Garden" (3 photos); C2 and a bare address may view it; C3's permission was revoked.
    qint64 setUp(ExpiryLab &t, quint16 port)
    {
        const qint64 c1 = t.customer(QStringLiteral("C1"), QStringLiteral("owner@example.test"));
        t.customer(QStringLiteral("C2"), QStringLiteral("viewer@example.test"), QStringLiteral("de"));
        t.customer(QStringLiteral("C3"), QStringLiteral("revoked@example.test"));
        const qint64 a = t.album(c1, QStringLiteral("Garden"), 30);
        for (int i = 0; i < 3; ++i)
            t.photo(a, c1, QByteArray(50 + i, 'x'));
        t.share(a, QStringLiteral("C2"));
        t.share(a, QStringLiteral("grandma@example.test"));
        t.share(a, QStringLiteral("C3"));
        t.share(a, QStringLiteral("C3"), false);
        const Settings settings(t.lab->catalog());
        [&] {
            QVERIFY(settings.set(QStringLiteral("smtp.host"), QStringLiteral("127.0.0.1")));
            QVERIFY(settings.set(QStringLiteral("smtp.port"), QString::number(port)));
            QVERIFY(settings.set(QStringLiteral("smtp.from"), QStringLiteral("lab@keepsake.test")));
            QVERIFY(settings.set(QStringLiteral("lab.name"), QStringLiteral("Foto Berg")));
        }();
        return a;
    }

    // setUp() and a sweep 16 days on: the owner's and both viewers' notices queued.
    void queueThreeNotices(ExpiryLab &t, quint16 port)
    {
        setUp(t, port);
        t.clock.advanceDays(16);
        QVERIFY(ExpirySweep(t.lab->catalog(), t.clock).run(false, QStringLiteral("test")));
    }

    // Sessions of the test's database waiting on an advisory lock (PostgreSQL).
    static int advisoryWaiters(ExpiryLab &t)
    {
        QSqlQuery query(t.lab->catalog().db());
        return query.exec(QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                                             "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
                && query.next() ? query.value(0).toInt() : -1;
    }

    static Result<NoticeDelivery::Report> deliver(ExpiryLab &t, bool everything = false)
    {
        CancelToken cancel;
        return NoticeDelivery(t.lab->catalog(), t.clock).deliver(everything, cancel);
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    // Two sweeps at once — two devices of a chain on one catalog — take turns: the
    // second waits for the first's transaction (on PostgreSQL it is seen waiting on
    // the sweep's advisory lock), then reads what it wrote: one notice per recipient,
    // one audit entry, nothing for the second sweep to do.
    void sweepsTakeTurns()
    {
        SmtpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.failure()));
        ExpiryLab t;
        const qint64 a = setUp(t, server.port());
        t.clock.advanceDays(16);
        QSemaphore inside, release;
        ExpirySweep first(t.lab->catalog(), t.clock);
        first.setTurnHook([&] { inside.release(); release.acquire(); });
        Result<SweepReport> firstReport = Error::failure(QStringLiteral("not run"));
        Result<SweepReport> secondReport = Error::failure(QStringLiteral("not run"));
        std::unique_ptr<QThread> one(QThread::create([&] { firstReport = first.run(false, QStringLiteral("device-1")); }));
        one->start();
        QVERIFY(inside.tryAcquire(1, 30000));
        std::unique_ptr<QThread> two(QThread::create([&] {
            secondReport = ExpirySweep(t.lab->catalog(), t.clock).run(false, QStringLiteral("device-2"));
        }));
        two->start();
        if (usingPostgres())
            QTRY_VERIFY_WITH_TIMEOUT(advisoryWaiters(t) == 1, 30000);
        QVERIFY(!two->isFinished());
        release.release();
        QVERIFY(one->wait(30000));
        QVERIFY(two->wait(30000));
        QVERIFY2(firstReport, qPrintable(firstReport ? QString() : firstReport.error().message()));
        QVERIFY2(secondReport, qPrintable(secondReport ? QString() : secondReport.error().message()));
        QCOMPARE(firstReport->notices, 1);
        QCOMPARE(secondReport->notices, 0);
        const auto count = [&t](const QString &sql) {
            QSqlQuery query(t.lab->catalog().db());
            return query.exec(sql) && query.next() ? query.value(0).toInt() : -1;
        };
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notice_events WHERE album_id = %1").arg(a)), 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notices WHERE channel = 'mail'")), 3);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'notice_issued'")), 1);
    }

    void ownerAndCurrentViewersMailedOnce()
    {
        SmtpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.failure()));
        ExpiryLab t;
        const qint64 a = setUp(t, server.port());
        ExpirySweep sweep(t.lab->catalog(), t.clock);
        t.clock.advanceDays(15);   // 15 days left: not yet
        QVERIFY(sweep.run(false, QStringLiteral("test")));
        QVERIFY(deliver(t));
        QCOMPARE(server.mails().size(), 0);
        t.clock.advanceDays(1);    // 14 days left: the window is reached
        QVERIFY(sweep.run(false, QStringLiteral("test")));
        const auto report = deliver(t);
        QVERIFY(report);
        QCOMPARE(report->sent, 3);
        QTRY_COMPARE(server.mails().size(), 3);
        QCOMPARE(recipients(server.mails()),
                 QStringList({ QStringLiteral("grandma@example.test"), QStringLiteral("owner@example.test"),
                               QStringLiteral("viewer@example.test") }));
        for (const ReceivedMail &mail : server.mails()) {
            // In the recipient's language: C2 reads German, the others English, each
            // with the plural form of its language ("3 photos", not "3 photo(s)").
            const bool german = mail.to.contains(QStringLiteral("viewer@example.test"));
            QVERIFY2(mail.subject.contains(german ? QStringLiteral("„Garden“") : QStringLiteral("\"Garden\"")),
                     qPrintable(mail.subject));
            QVERIFY2(mail.subject.contains(german ? QStringLiteral("6. November 2026") : QStringLiteral("November 6, 2026")),
                     qPrintable(mail.subject));
            QVERIFY2(mail.body.contains(german ? QStringLiteral("mit 3 Fotos") : QStringLiteral("with 3 photos")), qPrintable(mail.body));
            QVERIFY(!mail.body.contains(QStringLiteral("(s)")));
            QVERIFY(mail.body.contains(german ? QStringLiteral("Disc") : QStringLiteral("disc")));
            QVERIFY(mail.body.contains(german ? QStringLiteral("verlängern") : QStringLiteral("extend")));
            QVERIFY(mail.body.contains(QStringLiteral("Foto Berg")));
            QVERIFY2(mail.messageId.startsWith(QStringLiteral("<keepsake.expiring.%1.20261106.").arg(a)), qPrintable(mail.messageId));
            if (mail.to.contains(QStringLiteral("owner@example.test")))
                QVERIFY(mail.body.startsWith(QStringLiteral("Hello Name of C1,")));
            else
                QVERIFY2(mail.body.contains(german ? QStringLiteral("Name of C1 hat das Album") : QStringLiteral("Name of C1 shared the album")),
                         qPrintable(mail.body));
        }
        // Terminal notices for the customers among them.
        QCOMPARE(NoticeOutbox::forTerminal(t.db(), 1, true)->size(), 1);
        // Later sweeps, up to and past the expiry, send nothing more.
        for (int day = 0; day < 16; ++day) {
            t.clock.advanceDays(1);
            QVERIFY(sweep.run(false, QStringLiteral("test")));
            QVERIFY(deliver(t, true));
        }
        QCOMPARE(t.state(a), QStringLiteral("expired"));
        QCOMPARE(server.mails().size(), 3);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'notice_sent'")), 3);
    }

    // Two deliverers on one outbox (the counter's re-send beside `serve`, or two stores'
    // `serve`): the second runs whole while the first holds a claimed mail. Each mail
    // goes out once, whoever sends it.
    void twoDeliverersSendEachMailOnce()
    {
        SmtpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.failure()));
        ExpiryLab t;
        queueThreeNotices(t, server.port());
        NoticeDelivery first(t.lab->catalog(), t.clock);
        NoticeDelivery second(t.lab->catalog(), t.clock);
        std::optional<Result<NoticeDelivery::Report>> secondReport;
        first.setClaimedHook([&](const Notice &) {
            if (!secondReport) {
                CancelToken cancel;
                secondReport = second.deliver(true, cancel);
            }
        });
        CancelToken cancel;
        const auto firstReport = first.deliver(true, cancel);
        QVERIFY(firstReport);
        QVERIFY(secondReport && *secondReport);
        QCOMPARE(firstReport->sent, 1);            // the one it held while the other ran
        QCOMPARE((*secondReport)->sent, 2);        // the rest, never the held one
        QTRY_COMPARE(server.mails().size(), 3);
        QCOMPARE(recipients(server.mails()),
                 QStringList({ QStringLiteral("grandma@example.test"), QStringLiteral("owner@example.test"),
                               QStringLiteral("viewer@example.test") }));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices WHERE channel = 'mail' AND state = 'sent'")), 3);
    }

    // A deliverer that died holding a claim: the mail waits until the claim runs out,
    // then goes (again, with the same Message-ID).
    void claimOfADeadDelivererRunsOut()
    {
        SmtpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.failure()));
        ExpiryLab t;
        queueThreeNotices(t, server.port());
        SqlQuery held(t.db(), QStringLiteral("UPDATE notices SET state = 'sending', claimed_by = 'gone', claimed_until = :until "
                                             "WHERE channel = 'mail'"));
        held.bind(QStringLiteral(":until"), toCatalogTime(t.clock.now().addSecs(NoticeDelivery::ClaimSeconds)));
        QVERIFY(held.exec());
        QCOMPARE(deliver(t, true)->sent, 0);
        t.clock.advanceSeconds(NoticeDelivery::ClaimSeconds + 1);
        QCOMPARE(deliver(t)->sent, 3);
        QTRY_COMPARE(server.mails().size(), 3);
    }

    // The sweep committed its outbox and the program died before delivering. The next
    // run delivers each notice once; a mail cut off while `sending` goes again with
    // the same Message-ID.
    void crashBetweenOutboxAndDelivery()
    {
        SmtpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.failure()));
        ExpiryLab t;
        setUp(t, server.port());
        t.clock.advanceDays(400);
        {
            ExpirySweep(t.lab->catalog(), t.clock).run(false, QStringLiteral("test")).value();
        }   // the process "dies" here: nothing delivered
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices WHERE channel = 'mail' AND state = 'queued'")), 3);
        QVERIFY(ExpirySweep(t.lab->catalog(), t.clock).run(false, QStringLiteral("test")));   // after the restart
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices WHERE channel = 'mail'")), 3);
        SqlQuery cut(t.db(), QStringLiteral("UPDATE notices SET state = 'sending', attempts = 1 WHERE id = "
                                            "(SELECT min(id) FROM notices WHERE channel = 'mail')"));
        QVERIFY(cut.exec());
        const auto report = deliver(t);
        QVERIFY(report);
        QCOMPARE(report->sent, 3);
        QVERIFY(deliver(t, true));
        QTRY_COMPARE(server.mails().size(), 3);
        QCOMPARE(recipients(server.mails()).size(), 3);
        QCOMPARE(recipients(server.mails()).removeDuplicates(), 0);
    }

    // Nobody listening: the mail stays queued with the reason, waits its back-off,
    // and goes with notify --retry once a server answers; expire exits 3, never 1.
    void serverDownKeepsMailQueued()
    {
        ExpiryLab t;
        const quint16 port = SmtpTestServer::freePort();
        setUp(t, port);
        t.clock.advanceDays(16);
        QVERIFY(ExpirySweep(t.lab->catalog(), t.clock).run(false, QStringLiteral("test")));
        const auto failed = deliver(t);
        QVERIFY(failed);
        QCOMPARE(failed->failed, 3);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices WHERE state = 'queued' AND attempts = 1 "
                                        "AND last_error LIKE '%127.0.0.1%'")), 3);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'notice_failed'")), 3);
        QCOMPARE(NoticeDelivery::backoffSeconds(1), 300);
        QCOMPARE(NoticeDelivery::backoffSeconds(3), 1200);

        CancelToken cancel;
        const QStringList ctl { QStringLiteral("keepsakectl"), QStringLiteral("--quiet"), QStringLiteral("--data-dir"),
                                t.dir.path(), QStringLiteral("--catalog"), t.catalogUrl };
        QCOMPARE(runKeepsakectl(ctl + QStringList { QStringLiteral("notify"), QStringLiteral("--retry") }, t.clock, cancel), 3);

        SmtpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.failure()));
        QVERIFY(Settings(t.lab->catalog()).set(QStringLiteral("smtp.port"), QString::number(server.port())));
        QCOMPARE(deliver(t)->sent, 0);   // not due yet: back-off
        QCOMPARE(runKeepsakectl(ctl + QStringList { QStringLiteral("notify"), QStringLiteral("--retry") }, t.clock, cancel), 0);
        QTRY_COMPARE(server.mails().size(), 3);
        QCOMPARE(runKeepsakectl(ctl + QStringList { QStringLiteral("expire") }, t.clock, cancel), 0);
        QCOMPARE(server.mails().size(), 3);
    }

    void passwordGoesOnlyOverTls_data()
    {
        QTest::addColumn<QString>("startTls");   // empty: the default
        QTest::addColumn<bool>("authInClear");
        QTest::addColumn<QString>("whatToDo");
        const QString allowIt = QStringLiteral("the password is not sent in clear. Set smtp.starttls off to allow it, "
                                               "or use a mail server with STARTTLS.");
        QTest::newRow("default") << QString() << false << allowIt;
        QTest::newRow("auto") << QStringLiteral("auto") << false << allowIt;
        QTest::newRow("required") << QStringLiteral("required") << false
                                  << QStringLiteral("smtp.starttls is required. Use a mail server with STARTTLS");
        QTest::newRow("off, said by the lab") << QStringLiteral("off") << true << QString();
    }

    // A server that offers AUTH but no STARTTLS, and a password set: unless the lab
    // says smtp.starttls off, no AUTH is sent and the mail stays queued with a reason
    // that says what happened and what to do.
    void passwordGoesOnlyOverTls()
    {
        QFETCH(QString, startTls);
        QFETCH(bool, authInClear);
        QFETCH(QString, whatToDo);
        SmtpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.failure()));
        ExpiryLab t;
        queueThreeNotices(t, server.port());
        const Settings settings(t.lab->catalog());
        QVERIFY(settings.set(QStringLiteral("smtp.user"), QStringLiteral("lab")));
        QVERIFY(settings.set(QStringLiteral("smtp.password"), QStringLiteral("s3cret")));
        if (!startTls.isEmpty())
            QVERIFY(settings.set(QStringLiteral("smtp.starttls"), startTls));
        const auto report = deliver(t);
        QVERIFY(report);
        if (authInClear) {
            QCOMPARE(report->sent, 3);
            QTRY_COMPARE(server.mails().size(), 3);
            QVERIFY(!server.authCommands().isEmpty());
            return;
        }
        QCOMPARE(report->sent, 0);
        QCOMPARE(report->failed, 3);
        QCOMPARE(server.authCommands(), QStringList());
        QCOMPARE(server.mails().size(), 0);
        const QString reason = report->outcomes.first().error;
        QVERIFY2(reason.contains(QStringLiteral("offers no encryption (no STARTTLS)")) && reason.contains(whatToDo),
                 qPrintable(reason));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices WHERE channel = 'mail' AND state = 'queued' "
                                        "AND last_error LIKE '%offers no encryption%'")), 3);
    }

    // Without a user and password, auto still sends over a server without STARTTLS.
    void withoutPasswordAutoSendsInClear()
    {
        SmtpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.failure()));
        ExpiryLab t;
        queueThreeNotices(t, server.port());
        QCOMPARE(deliver(t)->sent, 3);
        QTRY_COMPARE(server.mails().size(), 3);
        QCOMPARE(server.authCommands(), QStringList());
    }

    // Recorded on a verified disc: owner and viewers hear about it with the disc and
    // pickup code, and the album leaves every customer view.
    void recordedNotice()
    {
        SmtpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.failure()));
        ExpiryLab t;
        const qint64 a = setUp(t, server.port());
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) {
            return AlbumLife::markRecorded(db, t.clock.now(), a, QStringLiteral("KS-LAB-20261007-001"), 1,
                                           QStringLiteral("ABCD2345"), QStringLiteral("burner"));
        }));
        QCOMPARE(t.state(a), QStringLiteral("recorded"));
        QCOMPARE(Albums(t.lab->catalog()).customerView(1, false)->size(), 0);
        QCOMPARE(Albums(t.lab->catalog()).customerView(2, false)->size(), 0);
        QCOMPARE(deliver(t)->sent, 3);
        QTRY_COMPARE(server.mails().size(), 3);
        for (const ReceivedMail &mail : server.mails()) {
            QVERIFY(mail.subject.contains(QStringLiteral("KS-LAB-20261007-001")));
            QVERIFY(mail.body.contains(QStringLiteral("ABCD2345")));
        }
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'record'")), 1);
    }

    // The counter's "Re-send notice" for one album (issue 17): mail queued for two
    // albums after the server was down, and only the chosen album's goes again, before
    // its back-off ends; the other album's waits for its own turn.
    void resendForOneAlbumOnly()
    {
        ExpiryLab t;
        const qint64 garden = setUp(t, SmtpTestServer::freePort());
        const qint64 beach = t.album(1, QStringLiteral("Beach"), 30);
        t.photo(beach, 1, QByteArray(80, 'b'));
        t.clock.advanceDays(16);
        QVERIFY(ExpirySweep(t.lab->catalog(), t.clock).run(false, QStringLiteral("test")));
        QCOMPARE(deliver(t)->failed, 4);   // Garden's owner and two viewers, Beach's owner
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices WHERE channel = 'mail' AND state = 'queued'")), 4);

        SmtpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.failure()));
        QVERIFY(Settings(t.lab->catalog()).set(QStringLiteral("smtp.port"), QString::number(server.port())));
        CancelToken cancel;
        const auto report = NoticeDelivery(t.lab->catalog(), t.clock).deliverForAlbums({ beach }, cancel);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message()));
        QCOMPARE(report->sent, 1);
        QCOMPARE(report->failed, 0);
        QCOMPARE(report->waiting, 0);   // Beach's: none left
        QTRY_COMPARE(server.mails().size(), 1);
        QCOMPARE(server.mails().first().to, QStringList { QStringLiteral("owner@example.test") });
        QVERIFY2(server.mails().first().subject.contains(QStringLiteral("Beach")), qPrintable(server.mails().first().subject));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices n JOIN notice_events e ON e.id = n.event_id "
                                        "WHERE n.channel = 'mail' AND n.state = 'queued' AND e.album_id = %1").arg(garden)), 3);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'notice_sent' AND album_id = %1").arg(beach)), 1);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'notice_sent'")), 1);
        // Nothing chosen: nothing sent. Then the whole outbox goes as before.
        QCOMPARE(NoticeDelivery(t.lab->catalog(), t.clock).deliverForAlbums({}, cancel)->sent, 0);
        QCOMPARE(deliver(t, true)->sent, 3);
        QTRY_COMPARE(server.mails().size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestNotify)
#include "tst_notify.moc"
