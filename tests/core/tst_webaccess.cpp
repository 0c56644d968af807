// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The customers' web page in core (issue 16): sessions end when idle and when old;
// a mail's link opens one session, once; a viewer known only by address sees exactly
// the albums shared with that address, while the share stands and the album is within
// reach, and has their notices on the page; a phone's upload address dies after use or
// after 15 minutes, and only the customer or the clerk can make one.
#include "ExpiryFixture.h"
#include "catalog/Settings.h"
#include "catalog/Shares.h"
#include "catalog/PhoneUploads.h"
#include "catalog/WebLinks.h"
#include "catalog/WebSessions.h"
#include "notify/TerminalNotices.h"
#include "retention/ExpirySweep.h"
#include "web/WebAlbums.h"

#include <QTest>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

void share(ExpiryLab &t, qint64 album, const QString &with, bool add = true)
{
    QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
        auto viewer = Shares::resolveViewer(db, with);
        if (!viewer)
            return viewer.error();
        return add ? Shares::add(db, album, *viewer, t.clock.now(), QStringLiteral("clerk"))
                   : Shares::remove(db, album, *viewer, t.clock.now(), QStringLiteral("clerk"));
    }));
}

QList<qint64> ids(const Result<QList<AlbumSummary>> &albums)
{
    QList<qint64> list;
    for (const AlbumSummary &album : albums.value())
        list.append(album.id);
    return list;
}

QString tokenOf(const QString &link)
{
    return link.section(QLatin1Char('/'), -1);
}

} // namespace

class TestWebAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sessionsEndWhenIdleAndWhenOld()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"), QStringLiteral("anna@example.test"), QStringLiteral("de"));
        const WebSessions sessions(t.lab->catalog());
        const QString idle = sessions.open(c1, {}, WebSessions::Origin::Pin, t.clock.now()).value();
        const Result<WebPerson> person = sessions.resolve(idle, t.clock.now());
        QVERIFY(person);
        QCOMPARE(person->code, QStringLiteral("C1"));
        QCOMPARE(person->language, QStringLiteral("de"));
        QCOMPARE(person->actor().customerId(), c1);
        t.clock.advanceSeconds(WebSessions::IdleMinutes * 60 + 1);
        QVERIFY(!sessions.resolve(idle, t.clock.now()));

        // Used every 20 minutes, a session still ends MaxHours after sign-in.
        const QDateTime signedIn = t.clock.now();
        const QString busy = sessions.open(c1, {}, WebSessions::Origin::Pin, signedIn).value();
        while (t.clock.now().addSecs(20 * 60) < signedIn.addSecs(WebSessions::MaxHours * 3600)) {
            t.clock.advanceSeconds(20 * 60);
            QVERIFY2(sessions.resolve(busy, t.clock.now()), qPrintable(t.clock.now().toString(Qt::ISODate)));
        }
        t.clock.set(signedIn.addSecs(WebSessions::MaxHours * 3600));
        QVERIFY(!sessions.resolve(busy, t.clock.now()));

        const QString closed = sessions.open(c1, {}, WebSessions::Origin::Pin, t.clock.now()).value();
        QVERIFY(sessions.close(closed, t.clock.now()));
        QVERIFY(!sessions.resolve(closed, t.clock.now()));
        QVERIFY(!sessions.resolve(QStringLiteral("made-up"), t.clock.now()));
    }

    void aMailLinkOpensOneSessionOnce()
    {
        ExpiryLab t;
        QVERIFY(Settings(t.lab->catalog()).set(QStringLiteral("web.url"), QStringLiteral("https://lab.example:8443/")));
        const WebLinks links(t.lab->catalog());
        const QString link = links.make(std::nullopt, QStringLiteral("Grandma@Example.test"), 0, t.clock.now()).value();
        QVERIFY2(link.startsWith(QStringLiteral("https://lab.example:8443/web/l/")), qPrintable(link));
        const Result<QString> session = links.redeem(tokenOf(link), t.clock.now());
        QVERIFY(session);
        const Result<WebPerson> viewer = WebSessions(t.lab->catalog()).resolve(*session, t.clock.now());
        QVERIFY(viewer);
        QVERIFY(!viewer->isCustomer());
        QCOMPARE(viewer->recipientKey(), QStringLiteral("e:grandma@example.test"));
        // Used: it opens nothing more, neither does a forged or an old one.
        QCOMPARE(links.redeem(tokenOf(link), t.clock.now()).error().kind(), Error::Kind::Refused);
        QVERIFY(!links.redeem(QStringLiteral("forged"), t.clock.now()));
        const QString old = links.make(std::nullopt, QStringLiteral("grandma@example.test"), 0, t.clock.now()).value();
        t.clock.advanceDays(WebLinks::ValidDays + 1);
        QVERIFY(!links.redeem(tokenOf(old), t.clock.now()));
    }

    void aMailWithoutAPageLosesTheLinkLine()
    {
        ExpiryLab t;
        const QString body = QStringLiteral("Hello,\nSee it: %1\nRegards").arg(QLatin1String(WebLinks::Placeholder));
        const WebLinks links(t.lab->catalog());
        QCOMPARE(links.fillMailBody(body, std::nullopt, QStringLiteral("a@example.test"), 0, t.clock.now()).value(),
                 QStringLiteral("Hello,\nRegards"));
        QVERIFY(Settings(t.lab->catalog()).set(QStringLiteral("web.url"), QStringLiteral("https://lab.example")));
        const QString filled = links.fillMailBody(body, std::nullopt, QStringLiteral("a@example.test"), 0, t.clock.now()).value();
        QVERIFY2(filled.contains(QStringLiteral("See it: https://lab.example/web/l/")), qPrintable(filled));
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM web_links")), 1);
        QVERIFY(!Settings(t.lab->catalog()).set(QStringLiteral("web.url"), QStringLiteral("http://plain.example")));
    }

    void aViewerByAddressSeesExactlyWhatIsSharedWithThem()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"), QStringLiteral("anna@example.test"));
        const qint64 shared = t.album(c1, QStringLiteral("Garden"));
        const qint64 own = t.album(c1, QStringLiteral("Private"));
        const qint64 recorded = t.album(c1, QStringLiteral("Old"));
        const qint64 gardenPhoto = t.photo(shared, c1, QByteArray(60, 'g'));
        const qint64 privatePhoto = t.photo(own, c1, QByteArray(61, 'p'));
        share(t, shared, QStringLiteral("grandma@example.test"));
        share(t, recorded, QStringLiteral("grandma@example.test"));
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
            return SqlQuery(db, QStringLiteral("UPDATE albums SET state = 'recorded' WHERE id = %1").arg(recorded)).exec();
        }));
        const WebAlbums albums(t.lab->catalog());
        WebPerson grandma;
        grandma.email = QStringLiteral("grandma@example.test");
        QCOMPARE(ids(albums.visible(grandma)), QList<qint64> { shared });
        QVERIFY(albums.album(grandma, shared));
        QVERIFY(albums.photo(grandma, gardenPhoto));
        QCOMPARE(albums.album(grandma, own).error().kind(), Error::Kind::Refused);
        QCOMPARE(albums.photo(grandma, privatePhoto).error().kind(), Error::Kind::Refused);
        QVERIFY(!albums.album(grandma, recorded));

        WebPerson owner;
        owner.customerId = c1;
        QCOMPARE(ids(albums.visible(owner)).size(), 2);

        share(t, shared, QStringLiteral("grandma@example.test"), false);
        QVERIFY(ids(albums.visible(grandma)).isEmpty());
        QVERIFY(!albums.photo(grandma, gardenPhoto));
    }

    void aViewerByAddressHasTheirNoticesOnThePage()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"), QStringLiteral("anna@example.test"));
        const qint64 a = t.album(c1, QStringLiteral("Garden"), 30);
        t.photo(a, c1, QByteArray(70, 'x'));
        share(t, a, QStringLiteral("grandma@example.test"));
        t.clock.advanceDays(17);
        QVERIFY(ExpirySweep(t.lab->catalog(), t.clock).run(false, QStringLiteral("test")));
        const TerminalNotices notices(t.lab->catalog(), t.clock);
        const Actor grandma = Actor::viewer(std::nullopt, QStringLiteral("grandma@example.test"));
        const QList<Notice> hers = notices.forSelf(grandma, true).value();
        QCOMPARE(hers.size(), 1);
        QCOMPARE(hers.first().albumId, a);
        QVERIFY(!hers.first().body.contains(QLatin1String(WebLinks::Placeholder)));
        // Only the mail carries the link's place.
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM notices WHERE channel = 'mail' AND body LIKE '%{web-link}%'")), 2);
        QCOMPARE(notices.forSelf(Actor::customer(c1), true).value().size(), 1);
        // Somebody else cannot mark hers read; she can.
        QVERIFY(!notices.markRead(Actor::viewer(std::nullopt, QStringLiteral("other@example.test")), hers.first().id));
        QVERIFY(notices.markRead(grandma, hers.first().id));
        QVERIFY(notices.forSelf(grandma, true).value().isEmpty());
        QCOMPARE(notices.forSelf(grandma, false).value().size(), 1);
        // Live pages ask for what came after the last notice they showed.
        QVERIFY(notices.forSelf(grandma, false, hers.first().id).value().isEmpty());
    }

    void aPhoneAddressDiesAfterUseOrFifteenMinutes()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"));
        const qint64 c2 = t.customer(QStringLiteral("C2"));
        const PhoneUploads uploads(t.lab->catalog());
        QCOMPARE(uploads.open(Actor::customer(c2), c1, std::nullopt, t.clock.now()).error().kind(), Error::Kind::Refused);
        const PhoneUploads::Opened late = uploads.open(Actor::customer(c1), c1, std::nullopt, t.clock.now()).value();
        QVERIFY(late.upload.takesFiles(t.clock.now()));
        QCOMPARE(uploads.byToken(late.token).value().id, late.upload.id);
        t.clock.advanceSeconds(PhoneUploads::ValidMinutes * 60 + 1);
        QVERIFY(!uploads.byToken(late.token).value().takesFiles(t.clock.now()));
        QVERIFY(!uploads.begin(late.upload.id, QStringLiteral("h1"), t.clock.now()));

        const PhoneUploads::Opened used = uploads.open(Actor::clerk(QStringLiteral("anna")), c1, std::nullopt, t.clock.now()).value();
        QVERIFY(uploads.begin(used.upload.id, QStringLiteral("h2"), t.clock.now()));
        QVERIFY(uploads.fileArrived(used.upload.id, 1000, t.clock.now()));
        QVERIFY(uploads.ingesting(used.upload.id));
        QVERIFY(uploads.finish(used.upload.id, true, QStringLiteral("{\"new\":1}"), {}, t.clock.now()));
        const PhoneUpload done = uploads.read(Actor::customer(c1), used.upload.id).value();
        QCOMPARE(done.state, QStringLiteral("done"));
        QCOMPARE(done.files, 1);
        QVERIFY(!done.takesFiles(t.clock.now()));
        QVERIFY(!uploads.begin(used.upload.id, QStringLiteral("h3"), t.clock.now()));
        QVERIFY(!uploads.read(Actor::customer(c2), used.upload.id));
    }
};

QTEST_GUILESS_MAIN(TestWebAccess)
#include "tst_webaccess.moc"
