// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The customers' web page's API on a device serving on loopback (issue 16), spoken to
// as a browser does: sign-in with code and PIN into an HttpOnly cookie; each person
// sees exactly the albums they may; originals and album zips hold the stored bytes; an
// expiry notice issued by another process reaches the owner's and a viewer's open page
// live and their mailboxes; a mail's link opens the shared album once; a revoked viewer
// and another customer are refused; a phone hands three photos in through its upload
// address, which then dies; a viewer's listing of an album's photos counts as a view.
// The page itself, in a real browser: tests/web.
#include "../core/SmtpTestServer.h"
#include "NetworkChain.h"
#include "TestSupport.h"
#include "WebClient.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QList<qint64> albumIds(const WebAnswer &answer)
{
    QList<qint64> ids;
    for (const QJsonValue &album : answer.json().value(QStringLiteral("albums")).toArray())
        ids.append(album.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}

} // namespace

class TestWebService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void answersCarryTheSecurityHeaders();
    void signInWithCodeAndPin();
    void eachSeesTheAlbumsTheyMay();
    void albumZipHoldsTheOriginals();
    void noticeReachesOpenPagesAndMailboxes();
    void phoneHandsInThroughItsAddress();
    void listingPhotosCountsAsAView();

private:
    std::unique_ptr<WebClient> signedIn(const QString &code, const QString &pin);
    QString sampleFile(int index) const { return m_card.filePath(m_files.at(index)); }

    QTemporaryDir m_dir;
    SmtpTestServer m_smtp;
    std::unique_ptr<ChainDevice> m_device;
    QDir m_card;
    QStringList m_files;
    qint64 m_shared = 0;     // C1's album shared with C2 and grandma@example.test
    qint64 m_private = 0;    // C1's album shared with nobody
};

void TestWebService::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_smtp.start(), qPrintable(m_smtp.failure()));
    m_device = std::make_unique<ChainDevice>(QStringLiteral("W1"), m_dir.filePath(QStringLiteral("w1")),
                                             testCatalogUrl(m_dir.path()));
    QVERIFY(m_device->init());
    const QList<QStringList> setup {
        { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C1"), QStringLiteral("--name"),
          QStringLiteral("Anna Berg"), QStringLiteral("--pin"), QStringLiteral("1234"), QStringLiteral("--email"), QStringLiteral("anna@example.test") },
        { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C2"), QStringLiteral("--name"),
          QStringLiteral("Berta Berg"), QStringLiteral("--pin"), QStringLiteral("2345"), QStringLiteral("--email"), QStringLiteral("berta@example.test") },
        { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C3"), QStringLiteral("--name"),
          QStringLiteral("Carl Other"), QStringLiteral("--pin"), QStringLiteral("3456") },
        { QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("smtp.host"), QStringLiteral("127.0.0.1") },
        { QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("smtp.port"), QString::number(m_smtp.port()) },
    };
    for (const QStringList &args : setup) {
        const CtlRun run = m_device->run(args);
        QVERIFY2(run.code == 0, qPrintable(run.why()));
    }
    // Photos of two capture dates: two albums.
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("card"))));
    m_card = QDir(m_dir.filePath(QStringLiteral("card")));
    for (const QString &relative : corpusFiles(QStringLiteral("real/jpeg")).mid(0, 6)) {
        const QString name = QFileInfo(relative).fileName();
        QVERIFY(QFile::copy(corpusPath(relative), m_card.filePath(name)));
        m_files.append(name);
    }
    const CtlRun ingest = m_device->run({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                          m_card.filePath(m_files.at(0)), m_card.filePath(m_files.at(1)) });
    QVERIFY2(ingest.code == 0, qPrintable(ingest.why()));
    QSet<qint64> albums;
    for (const QJsonObject &record : ingest.records())
        albums.insert(record.value(QStringLiteral("album")).toInteger());
    QVERIFY2(albums.size() == 2, qPrintable(ingest.why()));
    m_shared = *std::min_element(albums.begin(), albums.end());
    m_private = *std::max_element(albums.begin(), albums.end());
    for (const QString &viewer : { QStringLiteral("C2"), QStringLiteral("grandma@example.test") }) {
        const CtlRun shared = m_device->run({ QStringLiteral("share"), QStringLiteral("add"), QStringLiteral("--album"),
                                              QString::number(m_shared), QStringLiteral("--with"), viewer });
        QVERIFY2(shared.code == 0, qPrintable(shared.why()));
    }
    QVERIFY(m_device->start());
}

std::unique_ptr<WebClient> TestWebService::signedIn(const QString &code, const QString &pin)
{
    auto client = std::make_unique<WebClient>(m_device->url(), m_device->fingerprint);
    const WebAnswer answer = client->post(QStringLiteral("/web/v1/session"), { { QStringLiteral("code"), code },
                                                                               { QStringLiteral("pin"), pin } });
    if (answer.status != 200)
        qWarning().noquote() << "sign-in of" << code << answer.why();
    return client;
}

void TestWebService::answersCarryTheSecurityHeaders()
{
    WebClient browser(m_device->url(), m_device->fingerprint);
    const WebAnswer me = browser.get(QStringLiteral("/web/v1/me"));
    QCOMPARE(me.status, 401);
    QVERIFY(me.json().value(QStringLiteral("error")).toObject().contains(QStringLiteral("message")));
    const QByteArray policy = me.headers.value("content-security-policy");
    QVERIFY2(policy.contains("default-src 'none'") && policy.contains("script-src 'self'")
                 && !policy.contains("unsafe-inline"), policy.constData());
    QCOMPARE(me.headers.value("x-content-type-options"), QByteArray("nosniff"));
    QCOMPARE(me.headers.value("cache-control"), QByteArray("no-store"));
    // No file outside the page's own, however the path is spelled.
    QCOMPARE(browser.get(QStringLiteral("/web/..%2F..%2Fetc%2Fpasswd")).status, 404);
    QCOMPARE(browser.get(QStringLiteral("/web/missing.js")).status, 404);
    // Everything else still wants a token: the page lives below /web/ only.
    QCOMPARE(browser.get(QStringLiteral("/v1/status")).status, 401);
    QCOMPARE(browser.get(QStringLiteral("/")).status, 401);
    QCOMPARE(browser.get(QStringLiteral("/webx")).status, 401);
}

void TestWebService::signInWithCodeAndPin()
{
    WebClient browser(m_device->url(), m_device->fingerprint);
    const QJsonObject wrong { { QStringLiteral("code"), QStringLiteral("C1") }, { QStringLiteral("pin"), QStringLiteral("9999") } };
    const WebAnswer refused = browser.post(QStringLiteral("/web/v1/session"), wrong);
    QCOMPARE(refused.status, 401);
    QVERIFY(!refused.headers.contains("set-cookie"));
    const QJsonObject right { { QStringLiteral("code"), QStringLiteral("C1") }, { QStringLiteral("pin"), QStringLiteral("1234") } };
    // Another site's form cannot send the page's header.
    QCOMPARE(browser.post(QStringLiteral("/web/v1/session"), right, false).status, 403);
    const WebAnswer accepted = browser.post(QStringLiteral("/web/v1/session"), right);
    QVERIFY2(accepted.status == 200, qPrintable(accepted.why()));
    const QByteArray cookie = accepted.headers.value("set-cookie");
    for (const char *flag : { "ks_web=", "HttpOnly", "Secure", "SameSite=Strict", "Path=/" })
        QVERIFY2(cookie.contains(flag), cookie.constData());
    QCOMPARE(browser.get(QStringLiteral("/web/v1/me")).json().value(QStringLiteral("me")).toObject()
                 .value(QStringLiteral("code")).toString(), QStringLiteral("C1"));
    QCOMPARE(browser.remove(QStringLiteral("/web/v1/session")).status, 200);
    QCOMPARE(browser.get(QStringLiteral("/web/v1/me")).status, 401);
}

void TestWebService::eachSeesTheAlbumsTheyMay()
{
    auto owner = signedIn(QStringLiteral("C1"), QStringLiteral("1234"));
    auto viewer = signedIn(QStringLiteral("C2"), QStringLiteral("2345"));
    auto other = signedIn(QStringLiteral("C3"), QStringLiteral("3456"));
    const QList<qint64> owners = albumIds(owner->get(QStringLiteral("/web/v1/albums")));
    QCOMPARE(QSet<qint64>(owners.begin(), owners.end()), (QSet<qint64> { m_shared, m_private }));
    const WebAnswer shared = viewer->get(QStringLiteral("/web/v1/albums"));
    QCOMPARE(albumIds(shared), QList<qint64> { m_shared });
    QCOMPARE(shared.json().value(QStringLiteral("albums")).toArray().first().toObject().value(QStringLiteral("own")).toBool(), false);
    QVERIFY(albumIds(other->get(QStringLiteral("/web/v1/albums"))).isEmpty());
    QCOMPARE(viewer->get(QStringLiteral("/web/v1/albums/%1/photos").arg(m_private)).status, 403);
    QCOMPARE(other->get(QStringLiteral("/web/v1/albums/%1/photos").arg(m_shared)).status, 403);

    const WebAnswer photos = owner->get(QStringLiteral("/web/v1/albums/%1/photos").arg(m_shared));
    const QJsonObject photo = photos.json().value(QStringLiteral("photos")).toArray().first().toObject();
    const qint64 photoId = photo.value(QStringLiteral("id")).toInteger();
    const WebAnswer original = viewer->get(QStringLiteral("/web/v1/photos/%1/original").arg(photoId));
    QCOMPARE(original.status, 200);
    QFile file(m_card.filePath(photo.value(QStringLiteral("name")).toString()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(sha256Of(original.body), sha256Of(file.readAll()));
    QVERIFY(original.headers.value("content-disposition").startsWith("attachment;"));
    QCOMPARE(other->get(QStringLiteral("/web/v1/photos/%1/original").arg(photoId)).status, 403);
    QCOMPARE(other->get(QStringLiteral("/web/v1/photos/%1/thumbnail").arg(photoId)).status, 403);
    QVERIFY(QTest::qWaitFor([&] { return owner->get(QStringLiteral("/web/v1/photos/%1/thumbnail").arg(photoId)).status == 200; }, 20000));
}

void TestWebService::albumZipHoldsTheOriginals()
{
    auto owner = signedIn(QStringLiteral("C1"), QStringLiteral("1234"));
    const WebAnswer zip = owner->get(QStringLiteral("/web/v1/albums/%1/download").arg(m_private));
    QVERIFY2(zip.status == 200, qPrintable(zip.why()));
    QCOMPARE(zip.headers.value("content-type"), QByteArray("application/zip"));
    const QString path = m_dir.filePath(QStringLiteral("album.zip"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(zip.body);
    out.close();
    // Read by an independent reader: Python's zipfile, name and SHA-256 of each member.
    QProcess python;
    python.start(QStringLiteral("python3"), { QStringLiteral("-c"), QStringLiteral(
        "import hashlib, json, sys, zipfile\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))"), path });
    QVERIFY(python.waitForFinished(30000));
    QCOMPARE(python.exitCode(), 0);
    const QJsonObject members = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    QCOMPARE(members.size(), 1);
    const QString name = members.keys().first();
    QFile file(m_card.filePath(name));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
    QCOMPARE(members.value(name).toString(), sha256Of(file.readAll()));
}

void TestWebService::noticeReachesOpenPagesAndMailboxes()
{
    auto owner = signedIn(QStringLiteral("C1"), QStringLiteral("1234"));
    auto viewer = signedIn(QStringLiteral("C2"), QStringLiteral("2345"));
    owner->openEvents();
    viewer->openEvents();
    QTRY_VERIFY_WITH_TIMEOUT(owner->events().contains("retry:") && viewer->events().contains("retry:"), 10000);
    // Another process issues the notices: the expiry sweep 80 days on.
    const CtlRun sweep = [&] {
        QProcess process;
        process.start(QStringLiteral("faketime"), QStringList { QStringLiteral("-f"), QStringLiteral("+80d"), keepsakectl() }
                                                      + m_device->local({ QStringLiteral("expire") }));
        process.waitForFinished(120000);
        return CtlRun { process.exitCode(), process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError()) };
    }();
    QVERIFY2(sweep.code == 0, qPrintable(sweep.why()));
    const QByteArray album = QByteArrayLiteral("\"album\":") + QByteArray::number(m_shared);
    QTRY_VERIFY_WITH_TIMEOUT(owner->events().contains("event: notice") && owner->events().contains(album), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->events().contains("event: notice") && viewer->events().contains(album), 15000);
    QVERIFY(owner->eventsOpen());

    // Owner, viewer customer and viewer by address each got their mail; the address's
    // mail carries a link that opens the shared album, once.
    const QList<ReceivedMail> mails = m_smtp.mails();
    QString grandmasLink;
    QStringList to;
    for (const ReceivedMail &mail : mails) {
        to += mail.to;
        const QRegularExpressionMatch link = QRegularExpression(QStringLiteral("https://\\S+/web/l/[A-Za-z0-9_-]+")).match(mail.body);
        if (mail.to.contains(QStringLiteral("grandma@example.test")) && link.hasMatch())
            grandmasLink = link.captured(0);
    }
    for (const char *address : { "anna@example.test", "berta@example.test", "grandma@example.test" })
        QVERIFY2(to.contains(QLatin1String(address)), qPrintable(to.join(QLatin1Char(' '))));
    QVERIFY2(grandmasLink.startsWith(m_device->url() + QStringLiteral("/web/l/")), qPrintable(grandmasLink));
    const QString linkPath = QUrl(grandmasLink).path();
    WebClient grandma(m_device->url(), m_device->fingerprint);
    const WebAnswer opened = grandma.get(linkPath);
    QCOMPARE(opened.status, 303);
    QCOMPARE(opened.headers.value("location"), QByteArray("/web/"));
    QCOMPARE(albumIds(grandma.get(QStringLiteral("/web/v1/albums"))), QList<qint64> { m_shared });
    QCOMPARE(grandma.get(QStringLiteral("/web/v1/notices")).json().value(QStringLiteral("notices")).toArray().size(), 1);
    WebClient stranger(m_device->url(), m_device->fingerprint);
    const WebAnswer again = stranger.get(linkPath);
    QCOMPARE(again.headers.value("location"), QByteArray("/web/?link=used"));
    QCOMPARE(stranger.get(QStringLiteral("/web/v1/albums")).status, 401);

    // Revoked, she sees nothing more of it.
    const CtlRun revoked = m_device->run({ QStringLiteral("share"), QStringLiteral("remove"), QStringLiteral("--album"),
                                           QString::number(m_shared), QStringLiteral("--with"), QStringLiteral("grandma@example.test") });
    QVERIFY2(revoked.code == 0, qPrintable(revoked.why()));
    QVERIFY(albumIds(grandma.get(QStringLiteral("/web/v1/albums"))).isEmpty());
    QCOMPARE(grandma.get(QStringLiteral("/web/v1/albums/%1/photos").arg(m_shared)).status, 403);
}

void TestWebService::phoneHandsInThroughItsAddress()
{
    const CtlRun opened = m_device->run({ QStringLiteral("upload"), QStringLiteral("open"), QStringLiteral("--customer"), QStringLiteral("C1") });
    QVERIFY2(opened.code == 0, qPrintable(opened.why()));
    const QString url = opened.first().value(QStringLiteral("url")).toString();
    QVERIFY2(url.startsWith(m_device->url() + QStringLiteral("/web/u/")), qPrintable(url));
    const QString token = url.section(QLatin1Char('/'), -1);
    const QString api = QStringLiteral("/web/v1/uploads/") + token;
    WebClient phone(m_device->url(), m_device->fingerprint);
    QCOMPARE(phone.get(api).json().value(QStringLiteral("state")).toString(), QStringLiteral("open"));
    QJsonArray offers;
    QHash<QString, QByteArray> bytes;
    for (int i = 2; i < 5; ++i) {
        QFile file(sampleFile(i));
        QVERIFY(file.open(QIODevice::ReadOnly));
        bytes.insert(m_files.at(i), file.readAll());
        offers.append(QJsonObject { { QStringLiteral("path"), m_files.at(i) }, { QStringLiteral("size"), bytes.value(m_files.at(i)).size() },
                                    { QStringLiteral("sha256"), sha256Of(bytes.value(m_files.at(i))) } });
    }
    const WebAnswer answers = phone.post(api + QStringLiteral("/offers"), { { QStringLiteral("files"), offers } });
    QVERIFY2(answers.status == 200, qPrintable(answers.why()));
    for (const QJsonValue &answer : answers.json().value(QStringLiteral("answers")).toArray())
        QCOMPARE(answer.toObject().value(QStringLiteral("answer")).toString(), QStringLiteral("send"));
    for (auto it = bytes.cbegin(); it != bytes.cend(); ++it) {
        // In two pieces, as the page sends a large photo.
        const qsizetype half = it.value().size() / 2;
        const QString piece = api + QStringLiteral("/files?path=%1&offset=%2&sha256=%3");
        QCOMPARE(phone.put(piece.arg(it.key()).arg(0).arg(sha256Of(it.value())), it.value().left(half)).status, 200);
        const WebAnswer last = phone.put(piece.arg(it.key()).arg(half).arg(sha256Of(it.value())), it.value().mid(half));
        QVERIFY2(last.json().value(QStringLiteral("complete")).toBool(), qPrintable(last.why()));
    }
    QCOMPARE(phone.post(api + QStringLiteral("/finish")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(phone.get(api).json().value(QStringLiteral("state")).toString(), QStringLiteral("done"), 30000);
    const QJsonObject done = phone.get(api).json();
    QCOMPARE(done.value(QStringLiteral("summary")).toObject().value(QStringLiteral("new")).toInt(), 3);
    QCOMPARE(done.value(QStringLiteral("records")).toArray().size(), 3);
    // In the customer's albums, byte for byte; and the address takes nothing more.
    QSet<QString> stored;
    const CtlRun photos = m_device->run({ QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("C1") });
    for (const QJsonObject &album : photos.records()) {
        const CtlRun listed = m_device->run({ QStringLiteral("photos"), QStringLiteral("--album"),
                                              QString::number(album.value(QStringLiteral("id")).toInteger()) });
        for (const QJsonObject &photo : listed.records())
            stored.insert(photo.value(QStringLiteral("sha256")).toString());
    }
    for (const QByteArray &content : std::as_const(bytes))
        QVERIFY(stored.contains(sha256Of(content)));
    QCOMPARE(phone.post(api + QStringLiteral("/offers"), { { QStringLiteral("files"), offers } }).status, 410);
}

// An album under "keep 30 days after the last view", handed in ten days ago: a
// stranger's look is refused and moves nothing; the viewer's listing of its photos is a
// view, and the album is kept 30 days from today. Its date, 20 days on, lies outside
// the notice window, so that the device's own sweep (every 5 s) leaves it alone.
void TestWebService::listingPhotosCountsAsAView()
{
    const CtlRun past = m_device->runShifted(QStringLiteral("-10d"), { QStringLiteral("ingest"), QStringLiteral("--customer"),
                                                                       QStringLiteral("C2"), QStringLiteral("--album"),
                                                                       QStringLiteral("Looked at"), sampleFile(5) });
    QVERIFY2(past.code == 0, qPrintable(past.why()));
    const qint64 album = past.first().value(QStringLiteral("album")).toInteger();
    const QList<QStringList> setup {
        { QStringLiteral("rule"), QStringLiteral("add"), QStringLiteral("Viewed 30 days"), QStringLiteral("--keep-days"),
          QStringLiteral("30"), QStringLiteral("--after"), QStringLiteral("last-view") },
        { QStringLiteral("album"), QStringLiteral("set-rule"), QStringLiteral("--album"), QString::number(album),
          QStringLiteral("--rule"), QStringLiteral("Viewed 30 days") },
        { QStringLiteral("share"), QStringLiteral("add"), QStringLiteral("--album"), QString::number(album),
          QStringLiteral("--with"), QStringLiteral("C1") },
    };
    for (const QStringList &args : setup) {
        const CtlRun run = m_device->run(args);
        QVERIFY2(run.code == 0, qPrintable(run.why()));
    }
    auto expires = [&] {
        for (const QJsonObject &a : m_device->run({ QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("C2") }).records()) {
            if (a.value(QStringLiteral("id")).toInteger() == album)
                return a.value(QStringLiteral("expires")).toString();
        }
        return QString();
    };
    const QDate today = QDate::currentDate();
    QCOMPARE(expires(), today.addDays(20).toString(Qt::ISODate));
    const QString listing = QStringLiteral("/web/v1/albums/%1/photos").arg(album);
    QCOMPARE(signedIn(QStringLiteral("C3"), QStringLiteral("3456"))->get(listing).status, 403);
    QCOMPARE(expires(), today.addDays(20).toString(Qt::ISODate));
    const WebAnswer viewed = signedIn(QStringLiteral("C1"), QStringLiteral("1234"))->get(listing);
    QVERIFY2(viewed.status == 200, qPrintable(viewed.why()));
    QCOMPARE(viewed.json().value(QStringLiteral("photos")).toArray().size(), 1);
    QCOMPARE(expires(), today.addDays(30).toString(Qt::ISODate));
}

QTEST_GUILESS_MAIN(TestWebService)
#include "tst_webservice.moc"
