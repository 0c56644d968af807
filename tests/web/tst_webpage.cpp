// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The customers' page and the phone upload page in a real browser (issue 16): Debian's
// Chromium, driven by playwright-core from node, against `keepsakectl serve` on
// loopback with the device's own certificate (pinned by its public key), a real SMTP
// server for the mails. Owners and viewers see exactly what they may, photos and zips
// come down byte for byte, an expiry notice reaches each signed-in page live and each
// mailbox, a mail's one-time link works once, and a phone's photos land in the
// customer's albums.
#include "WebTestLab.h"

#include "web/WebStrings.h"

#include <QRegularExpression>
#include <QTranslator>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestWebPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_lab.setUp(); }
    void cleanupTestCase() { m_lab.tearDown(); }
    void browserTrustsOnlyThePinnedCertificate();
    void pagesUseOnlyKnownTexts();
    void ownerSeesOwnAndShared();
    void photoDownloadIsTheOriginal();
    void albumZipHoldsTheOriginals();
    void viewerSeesOnlyShared();
    void othersAreRefused();

private:
    BrowserRun browse(const QString &code, const QString &pin, const QHash<QString, QString> &more) const
    {
        QHash<QString, QString> variables { { QStringLiteral("WEB_CODE"), code }, { QStringLiteral("WEB_PIN"), pin } };
        variables.insert(more);
        return m_lab.browser->run(QStringLiteral("browse.mjs"), variables);
    }
    static void checkRefused(const QJsonObject &answer);

    WebTestLab m_lab;
    BrowserRun m_owner;   // C1's visit, with its downloads
};

// Refused through the page's own fetch, and by the album's address in the page.
void TestWebPage::checkRefused(const QJsonObject &answer)
{
    const QString why = WebTestLab::json(answer);
    QVERIFY2(QList<int>({ 403, 404 }).contains(answer.value(QStringLiteral("status")).toInt()), qPrintable(why));
    QVERIFY2(QList<int>({ 403, 404 }).contains(answer.value(QStringLiteral("zip")).toInt()), qPrintable(why));
    QVERIFY2(!answer.value(QStringLiteral("message")).toString().isEmpty(), qPrintable(why));
    QVERIFY2(!answer.value(QStringLiteral("shown")).toBool(), qPrintable(why));
}

// The browser reaches the device through its pinned certificate only (no
// --ignore-certificate-errors): with another key's hash it is refused.
void TestWebPage::browserTrustsOnlyThePinnedCertificate()
{
    const BrowserRun pinned = m_lab.browser->run(QStringLiteral("certificate.mjs"), {});
    QVERIFY2(pinned.ok(), qPrintable(pinned.why()));
    QCOMPARE(pinned.result.value(QStringLiteral("status")).toInt(), 200);
    const QString otherKey = QString::fromLatin1(QCryptographicHash::hash("another key", QCryptographicHash::Sha256).toBase64());
    const BrowserRun other = m_lab.browser->run(QStringLiteral("certificate.mjs"), { { QStringLiteral("KEEPSAKE_WEB_SPKI"), otherKey } });
    QVERIFY2(other.ok(), qPrintable(other.why()));
    QVERIFY2(other.result.value(QStringLiteral("refused")).toString().contains(QLatin1String("ERR_CERT")),
             qPrintable(WebTestLab::json(other.result)));
}

// Every text the pages ask for by key is one WebStrings gives; the pages carry no
// inline script or style (the device's CSP would refuse them).
void TestWebPage::pagesUseOnlyKnownTexts()
{
    const QStringList known = WebStrings::keys();
    const QJsonObject texts = WebStrings::all(nullptr);
    QCOMPARE(texts.size(), known.size());
    for (const QString &key : known)
        QVERIFY2(!texts.value(key).toString().isEmpty(), qPrintable(key));
    const QRegularExpression used(QStringLiteral(R"((?:\bt\('|data-t(?:-label)?=")([a-z_.]+)['"])"));
    int uses = 0;
    for (const char *name : { "index.html", "app.js", "app.css", "upload.html", "upload.js", "upload.css" }) {
        QFile file(QStringLiteral(":/web/") + QLatin1String(name));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName() + QStringLiteral(" is not embedded")));
        const QString text = QString::fromUtf8(file.readAll());
        for (const QRegularExpressionMatch &match : used.globalMatch(text)) {
            ++uses;
            QVERIFY2(known.contains(match.captured(1)), qPrintable(QStringLiteral("%1 asks for the unknown text %2")
                                                                       .arg(QLatin1String(name), match.captured(1))));
        }
        QVERIFY2(!text.contains(QLatin1String("style=\"")) && !text.contains(QLatin1String("<style")), name);
        QVERIFY2(!QRegularExpression(QStringLiteral("<script(?![^>]*\\bsrc=)")).match(text).hasMatch(), name);
        QVERIFY2(!text.contains(QLatin1String("eval(")) && !text.contains(QLatin1String("innerHTML")), name);
    }
    QVERIFY(uses > 60);
    // German and Japanese have every text.
    for (const char *language : { "de", "ja" }) {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/keepsake_%1.qm").arg(QLatin1String(language))));
        const QJsonObject translated = WebStrings::all(&translator);
        for (const QString &key : known) {
            const QString text = translated.value(key).toString();
            QVERIFY2(text != texts.value(key).toString() || text.startsWith(QLatin1Char('%')) || text == QLatin1String("PIN"),
                     qPrintable(QStringLiteral("%1 has no %2 text").arg(key, QLatin1String(language))));
        }
    }
}

void TestWebPage::ownerSeesOwnAndShared()
{
    const qint64 garden = m_lab.album(QStringLiteral("Garden party"));
    const qint64 holiday = m_lab.album(QStringLiteral("Holiday"));
    const qint64 ben = m_lab.album(QStringLiteral("Ben's pictures"));
    m_owner = browse(QStringLiteral("C1"), QStringLiteral("1234"),
                     { { QStringLiteral("WEB_WRONG_PIN"), QStringLiteral("9999") },
                       { QStringLiteral("WEB_OPEN"), QStringLiteral("%1,%2,%3").arg(garden).arg(holiday).arg(ben) },
                       { QStringLiteral("WEB_DOWNLOAD"), QString::number(garden) },
                       { QStringLiteral("WEB_SECOND_TAB"), QStringLiteral("1") } });
    QVERIFY2(m_owner.ok(), qPrintable(m_owner.why()));
    const QJsonObject r = m_owner.result;
    QCOMPARE(WebTestLab::albumIds(r.value(QStringLiteral("albums"))), (QSet<qint64> { garden, holiday, ben }));
    for (const QJsonValue &value : r.value(QStringLiteral("albums")).toArray()) {
        const QJsonObject album = value.toObject();
        QVERIFY2(!album.value(QStringLiteral("expires")).toString().isEmpty(), qPrintable(WebTestLab::json(album)));
        QVERIFY2(!album.value(QStringLiteral("reason")).toString().isEmpty(), qPrintable(WebTestLab::json(album)));
        const bool shared = album.value(QStringLiteral("id")).toInteger() == ben;
        QCOMPARE(album.value(QStringLiteral("owner")).toString().contains(QLatin1String("Ben Ode")), shared);
    }
    // Each album opened shows every photo, each thumbnail drawn.
    const QJsonObject opened = r.value(QStringLiteral("opened")).toObject();
    for (const qint64 id : { garden, holiday, ben }) {
        const QJsonArray photos = opened.value(QString::number(id)).toArray();
        QCOMPARE(photos.size(), m_lab.photosOf(id).size());
        for (const QJsonValue &photo : photos)
            QVERIFY2(photo.toObject().value(QStringLiteral("thumbnail")).toBool(), qPrintable(WebTestLab::json(photo.toObject())));
    }
    QVERIFY(r.value(QStringLiteral("who")).toString().contains(QLatin1String("Anna Berg")));
    const QJsonObject wrong = r.value(QStringLiteral("wrongPin")).toObject();
    QVERIFY2(!wrong.value(QStringLiteral("message")).toString().isEmpty(), qPrintable(WebTestLab::json(wrong)));
    QCOMPARE(wrong.value(QStringLiteral("me")).toInt(), 401);
    const QJsonObject headers = r.value(QStringLiteral("headers")).toObject();
    QVERIFY2(headers.value(QStringLiteral("content-security-policy")).toString().contains(QLatin1String("default-src 'none'")),
             qPrintable(WebTestLab::json(headers)));
    QCOMPARE(r.value(QStringLiteral("afterSignOut")).toObject().value(QStringLiteral("me")).toInt(), 401);
    // Signed out in one tab, the other tab's live stream ends and it shows the sign-in form.
    QCOMPARE(r.value(QStringLiteral("otherTab")).toObject().value(QStringLiteral("reloaded")).toBool(true), false);
    WebTestLab::checkFaults(r);
}

void TestWebPage::photoDownloadIsTheOriginal()
{
    QVERIFY2(m_owner.ok(), "the owner's visit failed");
    const QJsonObject download = m_owner.result.value(QStringLiteral("photoDownload")).toObject();
    const QString name = download.value(QStringLiteral("name")).toString();
    QCOMPARE(download.value(QStringLiteral("suggested")).toString(), name);
    const QString original = corpusPath(QStringLiteral("real/jpeg/") + name);
    QVERIFY2(QFileInfo::exists(original), qPrintable(original));
    QCOMPARE(WebTestLab::sha256Of(download.value(QStringLiteral("file")).toString()), WebTestLab::sha256Of(original));
    QCOMPARE(WebTestLab::sha256Of(original), m_lab.photosOf(m_lab.album(QStringLiteral("Garden party"))).value(name));
}

void TestWebPage::albumZipHoldsTheOriginals()
{
    QVERIFY2(m_owner.ok(), "the owner's visit failed");
    const QJsonObject download = m_owner.result.value(QStringLiteral("zipDownload")).toObject();
    QVERIFY(download.value(QStringLiteral("suggested")).toString().endsWith(QLatin1String(".zip")));
    // Read back by Python's zipfile, an independent reader: every member stored as is.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 { QStringLiteral("-c"), QStringLiteral("import hashlib, json, sys, zipfile\n"
                                                        "z = zipfile.ZipFile(sys.argv[1])\n"
                                                        "print(json.dumps({i.filename: [hashlib.sha256(z.read(i)).hexdigest(), "
                                                        "i.compress_type] for i in z.infolist()}))"),
                   download.value(QStringLiteral("file")).toString() });
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QJsonObject members = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    const QHash<QString, QString> photos = m_lab.photosOf(m_lab.album(QStringLiteral("Garden party")));
    QCOMPARE(members.size(), photos.size());
    for (auto it = photos.cbegin(); it != photos.cend(); ++it) {
        const QJsonArray member = members.value(it.key()).toArray();
        QVERIFY2(!member.isEmpty(), qPrintable(it.key() + QStringLiteral(" is not in the zip: ") + WebTestLab::json(members)));
        QCOMPARE(member.at(0).toString(), it.value());
        QCOMPARE(member.at(1).toInt(), 0);   // ZIP_STORED
    }
}

void TestWebPage::viewerSeesOnlyShared()
{
    const qint64 garden = m_lab.album(QStringLiteral("Garden party"));
    const BrowserRun cora = browse(QStringLiteral("C3"), QStringLiteral("3456"),
                                   { { QStringLiteral("WEB_OPEN"), QString::number(garden) },
                                     { QStringLiteral("WEB_REFUSED"), QStringLiteral("%1,%2")
                                           .arg(m_lab.album(QStringLiteral("Holiday")))
                                           .arg(m_lab.album(QStringLiteral("Ben's pictures"))) } });
    QVERIFY2(cora.ok(), qPrintable(cora.why()));
    QCOMPARE(WebTestLab::albumIds(cora.result.value(QStringLiteral("albums"))), QSet<qint64> { garden });
    // Cora speaks German: the page does, once she is signed in.
    QCOMPARE(cora.result.value(QStringLiteral("who")).toString(), QStringLiteral("Cora Li (Kunde C3)"));
    const QJsonObject album = cora.result.value(QStringLiteral("albums")).toArray().at(0).toObject();
    QVERIFY2(album.value(QStringLiteral("expires")).toString().startsWith(QLatin1String("Hier aufbewahrt bis")),
             qPrintable(WebTestLab::json(album)));
    QCOMPARE(album.value(QStringLiteral("owner")).toString(), QStringLiteral("Geteilt von Anna Berg"));
    QCOMPARE(cora.result.value(QStringLiteral("opened")).toObject().value(QString::number(garden)).toArray().size(),
             m_lab.photosOf(garden).size());
    const QJsonObject refused = cora.result.value(QStringLiteral("refused")).toObject();
    QCOMPARE(refused.size(), 2);
    for (const QJsonValue &answer : refused) {
        checkRefused(answer.toObject());
        if (QTest::currentTestFailed())
            return;
    }
    WebTestLab::checkFaults(cora.result);
}

// Dan, another customer whose share of "Holiday" was revoked: nothing to see, and
// every album refused through the page.
void TestWebPage::othersAreRefused()
{
    QStringList all;
    for (const qint64 id : std::as_const(m_lab.albums))
        all.append(QString::number(id));
    const BrowserRun dan = browse(QStringLiteral("C4"), QStringLiteral("4567"), { { QStringLiteral("WEB_REFUSED"), all.join(QLatin1Char(',')) } });
    QVERIFY2(dan.ok(), qPrintable(dan.why()));
    QVERIFY2(dan.result.value(QStringLiteral("albums")).toArray().isEmpty(), qPrintable(WebTestLab::json(dan.result)));
    const QJsonObject refused = dan.result.value(QStringLiteral("refused")).toObject();
    QCOMPARE(refused.size(), all.size());
    for (const QJsonValue &answer : refused) {
        checkRefused(answer.toObject());
        if (QTest::currentTestFailed())
            return;
    }
    WebTestLab::checkFaults(dan.result);
}

QTEST_MAIN(TestWebPage)
#include "tst_webpage.moc"
