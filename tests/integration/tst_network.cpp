// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Devices of a chain (CLI.md, "Network"): two devices on one catalog, each serving on a
// loopback port with its own data folder, and a paired counter terminal handing cards
// in through the first. Photos go to the device their storage information names (the
// camera's registration, the owner's home device, else the receiver); a cut upload
// resumes; the same card again sends nothing; untrusted requests are refused. How the
// forward queue delivers through failures is tst_forwardqueue's. Runs on SQLite and
// (as tst_network_postgres) on a fresh PostgreSQL database.
#include "NetworkChain.h"
#include "TestSupport.h"

#include "base/Time.h"
#include "lab/DeviceIdentity.h"
#include "net/DeviceClient.h"
#include "net/ServiceProtocol.h"

#include <QCryptographicHash>
#include <QImage>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QUrlQuery>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestNetwork : public TwoDeviceTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void onlyHealthWithoutToken();
    void wrongFingerprintSendsNothing();
    void photosGoToTheirHomeDevice();
    void keptWhereReceivedWithoutHome();
    void cameraRegistrationBeatsHome();
    void sameCardAgainSendsNothing();
    void nearDuplicateNamedOverTheNetwork();
    void cutUploadResumes();
    void cutMidFileResumesWhereTheDeviceStands();
    void pathOutsideTheCardRefused();
    void anotherCustomersSessionRefused();
    void kioskSessionViewsAndCaptions();
    void kioskGetsOnlyItsCustomersReceipt();
    void oversizedRequestCut();
    void deviceRoutesNeedADevice();
    void unknownCertificateIsNoDevice();
    void revokedTokenRefused();
    void failedSignInsPauseTheAddress();

private:
    DeviceEndpoint endpoint(const QString &token) const;

    QString m_kioskToken;   // kiosk terminal K2 on S1
};

void TestNetwork::initTestCase()
{
    QVERIFY(startChain());
    const CtlRun k2 = m_s1->run({ QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K2"),
                                        QStringLiteral("--kind"), QStringLiteral("kiosk") });
    m_kioskToken = k2.first().value(QStringLiteral("token")).toString();
    QVERIFY2(!m_kioskToken.isEmpty(), qPrintable(k2.why()));
    const QList<QStringList> customers {
        { QStringLiteral("C1"), QStringLiteral("Home at S2"), QStringLiteral("--home"), QStringLiteral("S2") },
        { QStringLiteral("C2"), QStringLiteral("No home") },
        { QStringLiteral("C3"), QStringLiteral("Kiosk customer"), QStringLiteral("--pin"), QStringLiteral("4321") },
        { QStringLiteral("C4"), QStringLiteral("Home at S1"), QStringLiteral("--home"), QStringLiteral("S1") },
    };
    for (const QStringList &c : customers) {
        QStringList args { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), c.at(0),
                           QStringLiteral("--name"), c.at(1) };
        const CtlRun added = m_s1->run(args + c.mid(2));
        QVERIFY2(added.code == 0, qPrintable(added.why()));
    }
}

void TestNetwork::cleanupTestCase()
{
    QVERIFY(stopChain());
}

DeviceEndpoint TestNetwork::endpoint(const QString &token) const
{
    DeviceEndpoint endpoint;
    endpoint.url = QUrl(m_s1->url());
    endpoint.fingerprint = m_s1->fingerprint;
    endpoint.token = token;
    return endpoint;
}

void TestNetwork::onlyHealthWithoutToken()
{
    DeviceClient anonymous(endpoint(QString()));
    const Result<QJsonValue> albums = anonymous.get(QStringLiteral("customers/C1/albums"));
    QVERIFY(!albums);
    QCOMPARE(albums.error().kind(), Error::Kind::Refused);
    DeviceClient forged(endpoint(QStringLiteral("not-a-token")));
    QCOMPARE(forged.get(QStringLiteral("status")).error().kind(), Error::Kind::Refused);
    DeviceClient counter(endpoint(m_token));
    QVERIFY(counter.get(QStringLiteral("status")));
}

void TestNetwork::wrongFingerprintSendsNothing()
{
    QStringList args = client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                                corpusPath(QStringLiteral("real/png")) });
    args[args.indexOf(QStringLiteral("--fingerprint")) + 1] = QString(64, QLatin1Char('0'));
    const CtlRun refused = ctl(args);
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains(QLatin1String("fingerprint")), qPrintable(refused.why()));
    QVERIFY(m_s1->run({ QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("C2") }).records().isEmpty());
}

void TestNetwork::photosGoToTheirHomeDevice()
{
    const CtlRun in = ctl(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                   corpusPath(QStringLiteral("dups/exact")) }));
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    QVERIFY(in.summary().value(QStringLiteral("bytes_sent")).toInteger() > 0);
    QVERIFY(drained());
    const QList<QJsonObject> photos = photosOf(QStringLiteral("C1"));
    QCOMPARE(photos.size(), uniqueCorpusFiles(QStringLiteral("dups/exact")));
    const QSet<QString> onS1 = heldBy(*m_s1);
    const QSet<QString> onS2 = heldBy(*m_s2);
    for (const QJsonObject &photo : photos) {
        const QString sha = photo.value(QStringLiteral("sha256")).toString();
        QCOMPARE(photo.value(QStringLiteral("device")).toString(), QStringLiteral("S2"));
        QCOMPARE(photo.value(QStringLiteral("queued")).toBool(), false);
        QVERIFY2(onS2.contains(sha), qPrintable(sha));
        QVERIFY2(!onS1.contains(sha), qPrintable(sha));
    }
}

void TestNetwork::keptWhereReceivedWithoutHome()
{
    const CtlRun in = ctl(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                                   corpusPath(QStringLiteral("real/png")) }));
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    const QSet<QString> onS1 = heldBy(*m_s1);
    for (const QJsonObject &photo : photosOf(QStringLiteral("C2"))) {
        QCOMPARE(photo.value(QStringLiteral("device")).toString(), QStringLiteral("S1"));
        QVERIFY(onS1.contains(photo.value(QStringLiteral("sha256")).toString()));
    }
}

void TestNetwork::cameraRegistrationBeatsHome()
{
    const CtlRun camera = m_s1->run({ QStringLiteral("camera"), QStringLiteral("add"), QStringLiteral("--serial"),
                                      QStringLiteral("380319450"), QStringLiteral("--make"), QStringLiteral("Canon"),
                                      QStringLiteral("--device"), QStringLiteral("S2") });
    QVERIFY2(camera.code == 0, qPrintable(camera.why()));
    const CtlRun in = ctl(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C4"),
                                   corpusPath(QStringLiteral("dups/exact")) }));
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    QVERIFY(drained());
    int onS2 = 0;
    for (const QJsonObject &photo : photosOf(QStringLiteral("C4"))) {
        const bool canon7d = photo.value(QStringLiteral("camera")).toString().contains(QLatin1String("7D"));
        QCOMPARE(photo.value(QStringLiteral("device")).toString(), canon7d ? QStringLiteral("S2") : QStringLiteral("S1"));
        onS2 += canon7d;
    }
    QVERIFY(onS2 >= 1);
}

void TestNetwork::sameCardAgainSendsNothing()
{
    const CtlRun again = ctl(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                      corpusPath(QStringLiteral("dups/exact")) }));
    QVERIFY2(again.code == 0, qPrintable(again.why()));
    QCOMPARE(again.summary().value(QStringLiteral("bytes_sent")).toInteger(), 0);
    QCOMPARE(again.summary().value(QStringLiteral("already_received")).toInt(),
             int(corpusFiles(QStringLiteral("dups/exact")).size()));
}

// A picture and, later on the card, the same picture at half size under another name:
// the device names the first in the second's record, and the client gets it whole
// (keepsakectl prints the record it parsed), as a local hand-in would give it.
void TestNetwork::nearDuplicateNamedOverTheNetwork()
{
    QVERIFY(m_s1->run({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C6"),
                        QStringLiteral("--name"), QStringLiteral("Near duplicates") }).code == 0);
    QTemporaryDir card;
    const QString original = corpusPath(QStringLiteral("real/jpeg/Olympus_PEN_E-P3.jpg"));
    QVERIFY(QFile::copy(original, card.filePath(QStringLiteral("a.jpg"))));
    const QImage picture(original);
    QVERIFY(picture.scaled(picture.size() / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .save(card.filePath(QStringLiteral("b.jpg")), "JPEG", 80));
    const CtlRun in = ctl(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C6"),
                                   card.path() }));
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    QJsonObject first, second;
    for (const QJsonObject &record : in.records())
        (record.value(QStringLiteral("path")).toString() == QLatin1String("a.jpg") ? first : second) = record;
    QCOMPARE(second.value(QStringLiteral("path")).toString(), QStringLiteral("b.jpg"));
    QVERIFY(first.value(QStringLiteral("similar_to")).isNull());
    QCOMPARE(second.value(QStringLiteral("outcome")).toString(), QStringLiteral("new"));
    QCOMPARE(second.value(QStringLiteral("similar_to")).toInteger(), first.value(QStringLiteral("photo")).toInteger());
    const QJsonObject similar = second.value(QStringLiteral("similar")).toObject();
    QCOMPARE(similar.value(QStringLiteral("name")).toString(), QStringLiteral("a.jpg"));
    QVERIFY(QDateTime::fromString(similar.value(QStringLiteral("handed_in")).toString(), Qt::ISODate).isValid());
}

// The connection is cut in the middle of the first photo's bytes; the client asks the
// device where it stands and sends the rest: every photo once, verified.
void TestNetwork::cutUploadResumes()
{
    CuttingRelay relay(m_s1->port, 3 << 20);
    const CtlRun in = ctlBeside(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                                         corpusPath(QStringLiteral("real/jpeg")) }, relay.port()));
    QVERIFY2(in.code == 0 || in.code == 3, qPrintable(in.why()));
    QVERIFY(relay.cut());
    const QList<QJsonObject> photos = photosOf(QStringLiteral("C2"));
    QSet<QString> shas;
    for (const QJsonObject &photo : photos)
        shas.insert(photo.value(QStringLiteral("sha256")).toString());
    QCOMPARE(shas.size(), photos.size());   // none stored twice
    const CtlRun again = ctl(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                                      corpusPath(QStringLiteral("real/jpeg")) }));
    QCOMPARE(again.summary().value(QStringLiteral("bytes_sent")).toInteger(), 0);
}

// A photo of three pieces, its connection cut in the second: the device says how much
// of it it holds, and the client sends only the rest (before, the device's answer left
// out where it stood, the client began again at 0 and the device refused that five
// times, failing the hand-in).
void TestNetwork::cutMidFileResumesWhereTheDeviceStands()
{
    const QString card = m_dir.filePath(QStringLiteral("large-card"));
    QVERIFY(QDir().mkpath(card));
    QImage noise(4000, 3000, QImage::Format_RGB32);
    QRandomGenerator random(13);
    for (int y = 0; y < noise.height(); ++y)
        random.fillRange(reinterpret_cast<quint32 *>(noise.scanLine(y)), noise.width());
    const QString photo = QDir(card).filePath(QStringLiteral("LARGE.JPG"));
    QVERIFY(noise.save(photo, "JPEG", 100));
    const qint64 size = QFileInfo(photo).size();
    QVERIFY2(size > 2 * ServiceProtocol::ChunkBytes, qPrintable(QString::number(size)));
    QFile file(photo);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex());

    CuttingRelay relay(m_s1->port, ServiceProtocol::ChunkBytes + ServiceProtocol::ChunkBytes / 2);
    const CtlRun in = ctlBeside(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                                         card }, relay.port()));
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    QVERIFY(relay.cut());
    QCOMPARE(in.summary().value(QStringLiteral("new")).toInt(), 1);
    QCOMPARE(in.summary().value(QStringLiteral("bytes_sent")).toInteger(), size);   // each byte once
    int found = 0;
    for (const QJsonObject &stored : photosOf(QStringLiteral("C2")))
        found += stored.value(QStringLiteral("sha256")).toString() == sha ? 1 : 0;
    QCOMPARE(found, 1);
}

void TestNetwork::pathOutsideTheCardRefused()
{
    DeviceClient counter(endpoint(m_token));
    const Result<QJsonValue> opened = counter.post(QStringLiteral("handins"), { { QStringLiteral("customer"), QStringLiteral("C2") } });
    QVERIFY(opened);
    const QString id = opened->toObject().value(QStringLiteral("handin")).toString();
    const QString evil = QStringLiteral("../../etc/passwd");
    const Result<QJsonValue> offered = counter.post(QStringLiteral("handins/%1/offers").arg(id), {
        { QStringLiteral("files"), QJsonArray { QJsonObject { { QStringLiteral("path"), evil }, { QStringLiteral("size"), 5 },
                                                              { QStringLiteral("sha256"), QString(64, QLatin1Char('a')) } } } } });
    QVERIFY(offered);
    QCOMPARE(offered->toObject().value(QStringLiteral("files")).toArray().first().toObject()
                 .value(QStringLiteral("answer")).toString(), QStringLiteral("refused"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("path"), evil);
    query.addQueryItem(QStringLiteral("offset"), QStringLiteral("0"));
    const Result<QJsonValue> put = counter.put(QStringLiteral("handins/%1/files").arg(id), query, "root:x:0:0");
    QVERIFY(!put);
    QCOMPARE(put.error().kind(), Error::Kind::Usage);
    QVERIFY(!QFile::exists(QDir(m_s1->dataDir).filePath(QStringLiteral("spool/etc/passwd"))));
    QVERIFY(!QFile::exists(QDir(m_s1->dataDir).filePath(QStringLiteral("etc/passwd"))));
}

void TestNetwork::anotherCustomersSessionRefused()
{
    DeviceClient kiosk(endpoint(m_kioskToken));
    QCOMPARE(kiosk.get(QStringLiteral("customers/C3/albums")).error().kind(), Error::Kind::Refused);
    const Result<QJsonValue> session = kiosk.post(QStringLiteral("sessions"), { { QStringLiteral("code"), QStringLiteral("C3") },
                                                                               { QStringLiteral("pin"), QStringLiteral("4321") } });
    QVERIFY(session);
    kiosk.setSession(session->toObject().value(QStringLiteral("session")).toString());
    QVERIFY(kiosk.get(QStringLiteral("customers/C3/albums")));
    const Result<QJsonValue> other = kiosk.get(QStringLiteral("customers/C1/albums"));
    QVERIFY(!other);
    QCOMPARE(other.error().kind(), Error::Kind::Refused);
    const Result<QJsonValue> wrongPin = DeviceClient(endpoint(m_kioskToken)).post(
        QStringLiteral("sessions"), { { QStringLiteral("code"), QStringLiteral("C3") }, { QStringLiteral("pin"), QStringLiteral("0000") } });
    QVERIFY(!wrongPin);
}

// A kiosk's signed-in customer opens their album (POST albums/{id}/views): a last-view
// rule dates it from today (handed in ten days ago, its date lies outside the notice
// window, where the device's own sweep every 5 s leaves it alone). They caption a photo (POST photos/{id}/caption). Without a
// signed-in customer, or as another customer, both are refused and nothing changes.
void TestNetwork::kioskSessionViewsAndCaptions()
{
    QCOMPARE(m_s1->run({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C9"),
                         QStringLiteral("--name"), QStringLiteral("Stranger"), QStringLiteral("--pin"), QStringLiteral("5555") }).code, 0);
    const CtlRun past = m_s1->runShifted(QStringLiteral("-10d"), { QStringLiteral("ingest"), QStringLiteral("--customer"),
                                                                   QStringLiteral("C3"), corpusPath(QStringLiteral("real/png/imagemagick.png")) });
    QVERIFY2(past.code == 0, qPrintable(past.why()));
    const qint64 album = past.first().value(QStringLiteral("album")).toInteger();
    const qint64 photo = past.first().value(QStringLiteral("photo")).toInteger();
    QVERIFY(album > 0 && photo > 0);
    QCOMPARE(m_s1->run({ QStringLiteral("rule"), QStringLiteral("add"), QStringLiteral("Viewed 30 days"), QStringLiteral("--keep-days"),
                         QStringLiteral("30"), QStringLiteral("--after"), QStringLiteral("last-view") }).code, 0);
    QCOMPARE(m_s1->run({ QStringLiteral("album"), QStringLiteral("set-rule"), QStringLiteral("--album"), QString::number(album),
                         QStringLiteral("--rule"), QStringLiteral("Viewed 30 days") }).code, 0);
    auto expires = [&] {
        for (const QJsonObject &a : m_s1->run({ QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("C3") }).records()) {
            if (a.value(QStringLiteral("id")).toInteger() == album)
                return a.value(QStringLiteral("expires")).toString();
        }
        return QString();
    };
    const QDate today = QDate::currentDate();
    QCOMPARE(expires(), toCatalogDate(today.addDays(20)));
    auto signedIn = [](DeviceClient &kiosk, const QString &code, const QString &pin) {
        const Result<QJsonValue> session = kiosk.post(QStringLiteral("sessions"), { { QStringLiteral("code"), code },
                                                                                   { QStringLiteral("pin"), pin } });
        kiosk.setSession(session ? session->toObject().value(QStringLiteral("session")).toString() : QString());
        return bool(session);
    };
    const QString views = QStringLiteral("albums/%1/views").arg(album);
    const QString caption = QStringLiteral("photos/%1/caption").arg(photo);
    const QJsonObject text { { QStringLiteral("caption"), QStringLiteral("Grandma's garden") } };
    DeviceClient nobody(endpoint(m_kioskToken));
    QCOMPARE(nobody.post(views, {}).error().kind(), Error::Kind::Refused);
    DeviceClient stranger(endpoint(m_kioskToken));
    QVERIFY(signedIn(stranger, QStringLiteral("C9"), QStringLiteral("5555")));
    QCOMPARE(stranger.post(views, {}).error().kind(), Error::Kind::Refused);
    QCOMPARE(stranger.post(caption, text).error().kind(), Error::Kind::Refused);
    QCOMPARE(expires(), toCatalogDate(today.addDays(20)));

    DeviceClient owner(endpoint(m_kioskToken));
    QVERIFY(signedIn(owner, QStringLiteral("C3"), QStringLiteral("4321")));
    const Result<QJsonValue> seen = owner.post(views, {});
    QVERIFY2(seen, qPrintable(seen ? QString() : seen.error().message()));
    QCOMPARE(seen->toObject().value(QStringLiteral("moved")).toBool(), true);
    QCOMPARE(seen->toObject().value(QStringLiteral("expires")).toString(), toCatalogDate(today.addDays(30)));
    QCOMPARE(expires(), toCatalogDate(today.addDays(30)));
    QVERIFY(owner.post(caption, text));
    const Result<QJsonValue> view = owner.get(QStringLiteral("customers/C3/view"));
    QVERIFY(view);
    const QJsonArray photos = view->toObject().value(QStringLiteral("photos")).toArray();
    QVERIFY(std::any_of(photos.begin(), photos.end(), [photo](const QJsonValue &p) {
        return p.toObject().value(QStringLiteral("id")).toInteger() == photo
            && p.toObject().value(QStringLiteral("caption")).toString() == QLatin1String("Grandma's garden");
    }));
}

// The receipt of a hand-in as a PDF, for the kiosk's printer: to the customer who
// handed it in, signed in at a kiosk; not to another customer, nor without a session.
void TestNetwork::kioskGetsOnlyItsCustomersReceipt()
{
    const CtlRun in = m_s1->run({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C3"),
                                  corpusPath(QStringLiteral("real/png/photoprism_example.png")) });
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    const QString path = QStringLiteral("handins/%1/receipt").arg(in.summary().value(QStringLiteral("handin")).toInteger());
    DeviceClient nobody(endpoint(m_kioskToken));
    QCOMPARE(nobody.download(path).error().kind(), Error::Kind::Refused);
    for (const auto &[code, pin] : { std::pair { QStringLiteral("C9"), QStringLiteral("5555") },
                                     std::pair { QStringLiteral("C3"), QStringLiteral("4321") } }) {
        DeviceClient kiosk(endpoint(m_kioskToken));
        const Result<QJsonValue> session = kiosk.post(QStringLiteral("sessions"), { { QStringLiteral("code"), code },
                                                                                   { QStringLiteral("pin"), pin } });
        QVERIFY(session);
        kiosk.setSession(session->toObject().value(QStringLiteral("session")).toString());
        const Result<QByteArray> pdf = kiosk.download(path);
        if (code == QLatin1String("C9")) {
            QVERIFY(!pdf);
            QCOMPARE(pdf.error().kind(), Error::Kind::Refused);
        } else {
            QVERIFY2(pdf && pdf->startsWith("%PDF"), qPrintable(pdf ? QString() : pdf.error().message()));
        }
    }
}

// QHttpServer 6.4 keeps a request's body in memory: the guard cuts a connection that
// sends more than a piece and its headers before it is answered; the device goes on.
void TestNetwork::oversizedRequestCut()
{
    DeviceClient counter(endpoint(m_token));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("path"), QStringLiteral("big.jpg"));
    query.addQueryItem(QStringLiteral("offset"), QStringLiteral("0"));
    const Result<QJsonValue> big = counter.put(QStringLiteral("handins/none/files"), query,
                                               QByteArray(ServiceProtocol::MaxRequestBytes + (1 << 20), 'x'));
    QVERIFY(!big);
    QCOMPARE(big.error().kind(), Error::Kind::Failure);
    QVERIFY(DeviceClient(endpoint(m_token)).get(QStringLiteral("status")));
}

void TestNetwork::deviceRoutesNeedADevice()
{
    const QString sha(64, QLatin1Char('a'));
    const Result<QJsonValue> asked = DeviceClient(endpoint(m_token)).get(QStringLiteral("files/%1/received").arg(sha));
    QVERIFY(!asked);
    QCOMPARE(asked.error().kind(), Error::Kind::Refused);
}

// A certificate the catalog does not name is nobody: 401, whatever it says it is.
void TestNetwork::unknownCertificateIsNoDevice()
{
    const QString folder = m_dir.filePath(QStringLiteral("stranger"));
    const Result<DeviceIdentity> stranger = DeviceIdentity::create(folder, QStringLiteral("S2"), QStringLiteral("127.0.0.1"));
    QVERIFY(stranger);
    DeviceEndpoint pretend = endpoint(QString());
    pretend.certificatePem = stranger->certificatePem();
    pretend.keyPem = stranger->keyPem();
    const Result<QJsonValue> asked = DeviceClient(pretend).get(QStringLiteral("files/%1/received").arg(QString(64, QLatin1Char('a'))));
    QVERIFY(!asked);
    QCOMPARE(asked.error().kind(), Error::Kind::Refused);
}

void TestNetwork::revokedTokenRefused()
{
    QVERIFY(m_s1->run({ QStringLiteral("terminal"), QStringLiteral("remove"), QStringLiteral("K1") }).code == 0);
    const CtlRun refused = ctl(client({ QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("C1") }));
    QCOMPARE(refused.code, 4);
}

// Guessing tokens from one address stops there for a minute (429), valid ones too.
// Last: the address stays paused for the rest of the minute.
void TestNetwork::failedSignInsPauseTheAddress()
{
    DeviceClient guesser(endpoint(QStringLiteral("guess")));
    for (int i = 0; i < 40; ++i)
        (void)guesser.get(QStringLiteral("status"));
    const Result<QJsonValue> paused = DeviceClient(endpoint(m_kioskToken)).get(QStringLiteral("queue"));
    QVERIFY(!paused);
    QVERIFY2(paused.error().message().contains(QLatin1String("Too many")), qPrintable(paused.error().message()));
}

QTEST_MAIN(TestNetwork)
#include "tst_network.moc"
