// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A chain on one catalog (issue 13): two devices S1 and S2 serving on loopback ports,
// each with its own data folder. Photos kept at S1 are burned at S2: read from S1 in
// pieces into S2's staging, checked by SHA-256, recorded and verified; with S1 stopped
// the burn at S2 stops naming the photo, its album and S1, and the albums stay
// expired. A disc burned at S1 is appended to at S2 (the chain's keys). A photo
// forwarded to S2 gets its thumbnail there, and S1 fetches that thumbnail on demand.
// Runs on SQLite and (as tst_chainburn_postgres) on a fresh PostgreSQL database.
#include "NetworkChain.h"
#include "TestSupport.h"

#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/CatalogUrl.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"
#include "lab/PhotoThumbnails.h"
#include "metadata/Thumbnailer.h"
#include "net/ChainFiles.h"
#include "net/DeviceClient.h"
#include "store/Sha256.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QImage>
#include <QRandomGenerator>
#include <QJsonArray>
#include <QSet>
#include <QUrlQuery>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestChainBurn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void burnStopsWhenTheKeepingDeviceIsDown();
    void burnAtS2ReadsThePhotosKeptAtS1();
    void discBurnedAtS1IsAppendedToAtS2();
    void damagedCopyAtS1StopsTheBurn();
    void forwardedPhotoGetsItsThumbnailWhereItLands();
    void thumbnailRouteIsForDevicesOnly();
    void kioskAtS2SeesThumbnailsKeptAtS1();

private:
    // Every album of the customer with photos, expired as the sweep leaves them.
    void expire(const QString &customer);
    QStringList states(const QString &customer);
    // The customer's photos as `photos --json` lists them on S2: SHA-256 by name.
    QHash<QString, QString> catalogHashes(const QString &customer) const;
    // The image's files (Rock Ridge names) extracted into a folder; its manifest's photos.
    QList<QJsonObject> extract(const QString &iso, const QString &folder);
    static int run(const QString &program, const QStringList &args, QString *output = nullptr);
    QString image(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_catalogUrl;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<ChainDevice> m_s1;
    std::unique_ptr<ChainDevice> m_s2;
};

int TestChainBurn::run(const QString &program, const QStringList &args, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForStarted(30000) || !process.waitForFinished(300000))
        return -1;
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void TestChainBurn::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_catalogUrl = testCatalogUrl(m_dir.path());
    m_s1 = std::make_unique<ChainDevice>(QStringLiteral("S1"), m_dir.filePath(QStringLiteral("s1")), m_catalogUrl);
    m_s2 = std::make_unique<ChainDevice>(QStringLiteral("S2"), m_dir.filePath(QStringLiteral("s2")), m_catalogUrl);
    QVERIFY(m_s1->init());
    QVERIFY(m_s2->init());
    QVERIFY(m_s1->start());
    QVERIFY(m_s2->start());
    const QList<QStringList> customers {
        { QStringLiteral("C1"), QStringLiteral("Anna Berg"), QStringLiteral("S1") },
        { QStringLiteral("C2"), QStringLiteral("Ben Kato"), QStringLiteral("S1") },
        { QStringLiteral("C3"), QStringLiteral("Cleo Park"), QStringLiteral("S2") },
        { QStringLiteral("C4"), QStringLiteral("Dana Ito"), QStringLiteral("S1") },
        { QStringLiteral("C5"), QStringLiteral("Emil Roth"), QStringLiteral("S1"), QStringLiteral("--pin"), QStringLiteral("2468") },
    };
    for (const QStringList &c : customers) {
        const CtlRun added = m_s1->run(QStringList { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"),
                                                     c.at(0), QStringLiteral("--name"), c.at(1), QStringLiteral("--home"), c.at(2) }
                                       + c.mid(3));
        QVERIFY2(added.code == 0, qPrintable(added.why()));
    }
    // Handed in at S1, kept at S1 (their home); one photo larger than two pieces of a fetch.
    const QString card = m_dir.filePath(QStringLiteral("card"));
    QVERIFY(QDir().mkpath(card));
    QImage noise(3000, 2000, QImage::Format_RGB888);
    QRandomGenerator random(13);
    for (int y = 0; y < noise.height(); ++y)
        for (qsizetype x = 0; x < noise.bytesPerLine(); ++x)
            noise.scanLine(y)[x] = uchar(random.bounded(256));
    QVERIFY(noise.save(QDir(card).filePath(QStringLiteral("LARGE_0001.PNG")), "PNG", 0));
    QVERIFY(QFileInfo(QDir(card).filePath(QStringLiteral("LARGE_0001.PNG"))).size() > 2 * (qint64(8) << 20));
    const CtlRun in = m_s1->run({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                  corpusPath(QStringLiteral("dups/exact")), corpusPath(QStringLiteral("real/tiff")), card });
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    const Result<CatalogUrl> url = CatalogUrl::parse(m_catalogUrl);
    QVERIFY(url.ok());
    Result<std::unique_ptr<Catalog>> catalog = Catalog::open(*url);
    QVERIFY(catalog.ok());
    m_catalog = std::move(catalog).value();
}

void TestChainBurn::cleanupTestCase()
{
    if (m_s1)
        QVERIFY(m_s1->stop());
    if (m_s2)
        QVERIFY(m_s2->stop());
}

void TestChainBurn::expire(const QString &customer)
{
    SqlQuery update(m_catalog->db(), QStringLiteral(
        "UPDATE albums SET state = 'expired' WHERE state IN ('active', 'expiring') "
        "AND owner_id = (SELECT id FROM customers WHERE code = :code)"));
    update.bind(QStringLiteral(":code"), customer);
    QVERIFY(update.exec().ok());
}

QStringList TestChainBurn::states(const QString &customer)
{
    SqlQuery query(m_catalog->db(), QStringLiteral(
        "SELECT DISTINCT a.state FROM albums a JOIN customers c ON c.id = a.owner_id WHERE c.code = :code "
        "AND EXISTS (SELECT 1 FROM photos p WHERE p.album_id = a.id) ORDER BY a.state"));
    query.bind(QStringLiteral(":code"), customer);
    QStringList result;
    if (query.exec().ok())
        while (query.next())
            result << query.text(0);
    return result;
}

QHash<QString, QString> TestChainBurn::catalogHashes(const QString &customer) const
{
    QHash<QString, QString> hashes;
    const CtlRun albums = m_s2->run({ QStringLiteral("albums"), QStringLiteral("--customer"), customer, QStringLiteral("--all") });
    for (const QJsonObject &album : albums.records()) {
        const QString id = QString::number(album.value(QStringLiteral("id")).toInteger());
        for (const QJsonObject &photo : m_s2->run({ QStringLiteral("photos"), QStringLiteral("--album"), id }).records())
            hashes.insert(photo.value(QStringLiteral("name")).toString(), photo.value(QStringLiteral("sha256")).toString());
    }
    return hashes;
}

QList<QJsonObject> TestChainBurn::extract(const QString &iso, const QString &folder)
{
    QString output;
    const int code = run(QStringLiteral("xorriso"), { QStringLiteral("-osirrox"), QStringLiteral("on"), QStringLiteral("-indev"),
                                                      iso, QStringLiteral("-extract"), QStringLiteral("/"), folder }, &output);
    if (code != 0)
        qWarning().noquote() << output;
    QFile manifest(QDir(folder).filePath(QStringLiteral("KEEPSAKE.JSON")));
    QList<QJsonObject> photos;
    if (!manifest.open(QIODevice::ReadOnly))
        return photos;
    const QJsonArray sessions = QJsonDocument::fromJson(manifest.readAll()).object().value(QStringLiteral("sessions")).toArray();
    for (const QJsonValue &session : sessions)
        for (const QJsonValue &album : session.toObject().value(QStringLiteral("albums")).toArray())
            for (const QJsonValue &photo : album.toObject().value(QStringLiteral("photos")).toArray())
                photos.append(photo.toObject());
    return photos;
}

// S1 keeps the photos and is stopped: the burn at S2 names the photo, its album and
// S1, records nothing, leaves no image, and the albums stay expired.
void TestChainBurn::burnStopsWhenTheKeepingDeviceIsDown()
{
    expire(QStringLiteral("C1"));
    QCOMPARE(states(QStringLiteral("C1")), QStringList { QStringLiteral("expired") });
    QVERIFY(m_s1->stop());
    const QString iso = image(QStringLiteral("down.iso"));
    const CtlRun refused = m_s2->run({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                       QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY(m_s1->start());
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains(QLatin1String("device S1")), qPrintable(refused.why()));
    QVERIFY2(refused.err.contains(QLatin1String("album '")), qPrintable(refused.why()));
    QVERIFY2(refused.err.contains(QLatin1String("stay expired")), qPrintable(refused.why()));
    const QHash<QString, QString> photos = catalogHashes(QStringLiteral("C1"));
    QVERIFY(!photos.isEmpty());
    const bool namesAPhoto = std::any_of(photos.keyBegin(), photos.keyEnd(),
                                         [&refused](const QString &name) { return refused.err.contains(name); });
    QVERIFY2(namesAPhoto, qPrintable(refused.why()));
    QCOMPARE(states(QStringLiteral("C1")), QStringList { QStringLiteral("expired") });
    QVERIFY(!QFileInfo::exists(iso));
    QVERIFY(m_s2->run({ QStringLiteral("disc"), QStringLiteral("show"), QStringLiteral("--drive"),
                        QStringLiteral("stdio:") + iso }).code != 0);
}

// S1 serving again: the burn at S2 records C1's albums; the image verifies, and every
// photo on it has the catalog's SHA-256. S2's store holds none of them afterwards.
void TestChainBurn::burnAtS2ReadsThePhotosKeptAtS1()
{
    expire(QStringLiteral("C1"));
    const QString iso = image(QStringLiteral("c1.iso"));
    const CtlRun burned = m_s2->run({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                      QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(burned.code == 0, qPrintable(burned.why()));
    QCOMPARE(states(QStringLiteral("C1")), QStringList { QStringLiteral("recorded") });

    QString output;
    QCOMPARE(run(QStringLiteral("xorriso"), { QStringLiteral("-md5"), QStringLiteral("on"), QStringLiteral("-indev"), iso,
                                              QStringLiteral("-check_md5"), QStringLiteral("FAILURE"), QStringLiteral("--"),
                                              QStringLiteral("-check_md5_r"), QStringLiteral("FAILURE"), QStringLiteral("/"),
                                              QStringLiteral("--") }, &output), 0);
    const CtlRun verified = m_s2->run({ QStringLiteral("verify"), QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(verified.code == 0, qPrintable(verified.why()));

    const QHash<QString, QString> catalog = catalogHashes(QStringLiteral("C1"));
    const QString folder = m_dir.filePath(QStringLiteral("c1"));
    const QList<QJsonObject> onDisc = extract(iso, folder);
    QCOMPARE(onDisc.size(), catalog.size());
    QVERIFY(catalog.contains(QStringLiteral("LARGE_0001.PNG")));
    for (const QJsonObject &photo : onDisc) {
        const QString name = photo.value(QStringLiteral("name")).toString();
        const Result<QString> sha = Sha256::ofFile(QDir(folder).filePath(photo.value(QStringLiteral("path")).toString()));
        QVERIFY2(sha.ok(), qPrintable(name));
        QCOMPARE(*sha, catalog.value(name));
        QCOMPARE(photo.value(QStringLiteral("sha256")).toString(), catalog.value(name));
        QVERIFY2(!QFileInfo::exists(QDir(m_s2->dataDir).filePath(QStringLiteral("store/%1/%2/%3")
                     .arg(sha->left(2), sha->mid(2, 2), *sha))), qPrintable(name));
    }
    const CtlRun checked = m_s2->run({ QStringLiteral("check") });
    QVERIFY2(checked.code == 0, qPrintable(checked.why()));
    QVERIFY2(m_s1->run({ QStringLiteral("check") }).code == 0, "S1's store and the catalog agree");
}

// C2's first disc is burned at S1; the albums C2 hands in later are appended to it at
// S2, whose own lab key differs: the chain's keys accept S1's disc.
void TestChainBurn::discBurnedAtS1IsAppendedToAtS2()
{
    const CtlRun first = m_s1->run({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                                     corpusPath(QStringLiteral("real/png")) });
    QVERIFY2(first.code == 0, qPrintable(first.why()));
    expire(QStringLiteral("C2"));
    const QString iso = image(QStringLiteral("c2.iso"));
    const CtlRun atS1 = m_s1->run({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C2"),
                                    QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(atS1.code == 0, qPrintable(atS1.why()));

    const CtlRun second = m_s1->run({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                                      corpusPath(QStringLiteral("real/tiff")) });
    QVERIFY2(second.code == 0, qPrintable(second.why()));
    expire(QStringLiteral("C2"));
    QCOMPARE(states(QStringLiteral("C2")), (QStringList { QStringLiteral("expired"), QStringLiteral("recorded") }));
    const CtlRun atS2 = m_s2->run({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C2"),
                                    QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(atS2.code == 0, qPrintable(atS2.why()));
    QCOMPARE(atS2.summary().value(QStringLiteral("session")).toInt(), 2);
    QCOMPARE(atS2.first().value(QStringLiteral("appended")).toBool(), true);
    QCOMPARE(states(QStringLiteral("C2")), QStringList { QStringLiteral("recorded") });

    const CtlRun verified = m_s2->run({ QStringLiteral("verify"), QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(verified.code == 0, qPrintable(verified.why()));
    const QHash<QString, QString> catalog = catalogHashes(QStringLiteral("C2"));
    const QString folder = m_dir.filePath(QStringLiteral("c2"));
    const QList<QJsonObject> onDisc = extract(iso, folder);
    QCOMPARE(onDisc.size(), catalog.size());   // both sessions
    for (const QJsonObject &photo : onDisc) {
        const Result<QString> sha = Sha256::ofFile(QDir(folder).filePath(photo.value(QStringLiteral("path")).toString()));
        QVERIFY(sha.ok());
        QCOMPARE(*sha, catalog.value(photo.value(QStringLiteral("name")).toString()));
    }
}

// A photo whose bytes at S1 no longer match its SHA-256 never goes onto a disc burned
// at S2: the copy is refused, the burn stops naming it and S1.
void TestChainBurn::damagedCopyAtS1StopsTheBurn()
{
    const CtlRun in = m_s1->run({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C4"),
                                  corpusPath(QStringLiteral("real/png")) });
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    expire(QStringLiteral("C4"));
    const QHash<QString, QString> photos = catalogHashes(QStringLiteral("C4"));
    QVERIFY(!photos.isEmpty());
    const QString name = photos.cbegin().key();
    const QString sha = photos.cbegin().value();
    QFile stored(QDir(m_s1->dataDir).filePath(QStringLiteral("store/%1/%2/%3").arg(sha.left(2), sha.mid(2, 2), sha)));
    QVERIFY(stored.open(QIODevice::ReadWrite));
    const QByteArray original = stored.readAll();
    QByteArray flipped = original;
    flipped[flipped.size() / 2] = char(flipped.at(flipped.size() / 2) ^ 0x01);
    QVERIFY(stored.seek(0) && stored.write(flipped) == flipped.size() && stored.flush());

    const QString iso = image(QStringLiteral("damaged.iso"));
    const CtlRun refused = m_s2->run({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C4"),
                                       QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY(stored.seek(0) && stored.write(original) == original.size() && stored.flush());
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains(name) && refused.err.contains(QLatin1String("device S1"))
                 && refused.err.contains(QLatin1String("SHA-256")), qPrintable(refused.why()));
    QCOMPARE(states(QStringLiteral("C4")), QStringList { QStringLiteral("expired") });
    QVERIFY(!QFileInfo::exists(iso));
}

// C3's home is S2: handed in at S1, forwarded to S2, which makes the thumbnails there.
// S1, whose copy went, fetches a thumbnail from S2 when it shows the photo.
void TestChainBurn::forwardedPhotoGetsItsThumbnailWhereItLands()
{
    const CtlRun in = m_s1->run({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C3"),
                                  corpusPath(QStringLiteral("dups/same_picture")) });
    QVERIFY2(in.code == 0 || in.code == 3, qPrintable(in.why()));
    QVERIFY(QTest::qWaitFor([this] { return m_s1->run({ QStringLiteral("queue") }).records().isEmpty(); }, 120000));
    const QHash<QString, QString> photos = catalogHashes(QStringLiteral("C3"));
    QVERIFY(!photos.isEmpty());
    const Thumbnailer onS2(QDir(m_s2->dataDir).filePath(QStringLiteral("thumbs")));
    for (const QString &sha : photos) {
        QVERIFY2(QFileInfo::exists(QDir(m_s2->dataDir).filePath(QStringLiteral("store/%1/%2/%3")
                     .arg(sha.left(2), sha.mid(2, 2), sha))), qPrintable(sha));
        QTRY_VERIFY_WITH_TIMEOUT(onS2.has(sha), 60000);
    }

    // S1 as a program showing C3's photos: its own thumbnails gone, fetched from S2.
    ManualClock clock(QDateTime::currentDateTimeUtc());
    Result<std::unique_ptr<Lab>> opened = Lab::open(LabLocation::resolve(m_s1->dataDir, m_catalogUrl), clock);
    QVERIFY(opened.ok());
    Lab &s1 = **opened;
    ChainFiles::install(s1);
    QVERIFY(s1.remoteFiles());
    const QString sha = *photos.cbegin();
    QVERIFY(!QFileInfo::exists(QDir(m_s1->dataDir).filePath(QStringLiteral("store/%1/%2/%3").arg(sha.left(2), sha.mid(2, 2), sha))));
    QFile::remove(s1.thumbnails().path(sha, Thumbnailer::Size::Grid));
    QFile::remove(s1.thumbnails().path(sha, Thumbnailer::Size::Print));
    const Result<QString> fetched = PhotoThumbnails(s1).ensure(sha, Thumbnailer::Size::Grid);
    QVERIFY2(fetched.ok(), qPrintable(fetched.ok() ? QString() : fetched.error().message()));
    QCOMPARE(*fetched, s1.thumbnails().path(sha, Thumbnailer::Size::Grid));
    QFile mine(*fetched);
    QFile theirs(onS2.path(sha, Thumbnailer::Size::Grid));
    QVERIFY(mine.open(QIODevice::ReadOnly) && theirs.open(QIODevice::ReadOnly));
    QCOMPARE(mine.readAll(), theirs.readAll());
    QVERIFY(!PhotoThumbnails(s1).load(sha, Thumbnailer::Size::Print).isNull());

    // S2 without the thumbnails of a file it keeps: it makes them when asked, off its
    // service's thread, and S1 gets them once they are there.
    const QString other = photos.size() > 1 ? *std::next(photos.cbegin()) : sha;
    for (const Thumbnailer::Size size : { Thumbnailer::Size::Grid, Thumbnailer::Size::Print }) {
        QFile::remove(onS2.path(other, size));
        QFile::remove(s1.thumbnails().path(other, size));
    }
    const Result<QString> remade = PhotoThumbnails(s1).ensure(other, Thumbnailer::Size::Print);
    QVERIFY2(remade.ok(), qPrintable(remade.ok() ? QString() : remade.error().message()));
    QVERIFY(onS2.has(other));
    QVERIFY(!QImage(*remade).isNull());

    // S2 with one size of the two: it answers once it has made the other as well.
    QVERIFY(QFile::remove(onS2.path(other, Thumbnailer::Size::Grid)));
    QVERIFY(QFile::remove(s1.thumbnails().path(other, Thumbnailer::Size::Print)));
    const Result<QString> completed = PhotoThumbnails(s1).ensure(other, Thumbnailer::Size::Print);
    QVERIFY2(completed.ok(), qPrintable(completed.ok() ? QString() : completed.error().message()));
    QVERIFY(onS2.has(other));
}

// GET thumbnails/{sha256} answers the chain's devices only, and takes nothing but a SHA-256.
void TestChainBurn::thumbnailRouteIsForDevicesOnly()
{
    const QHash<QString, QString> photos = catalogHashes(QStringLiteral("C3"));
    QVERIFY(!photos.isEmpty());
    const QString sha = *photos.cbegin();
    DeviceClient anonymous(DeviceEndpoint { QUrl(m_s2->url()), m_s2->fingerprint, {}, {}, {}, {} });
    QCOMPARE(anonymous.download(QStringLiteral("thumbnails/") + sha).error().kind(), Error::Kind::Refused);
    const Result<DeviceIdentity> identity = DeviceIdentity::load(m_s1->dataDir);
    QVERIFY(identity.ok());
    DeviceClient device(DeviceEndpoint { QUrl(m_s2->url()), m_s2->fingerprint, {}, {}, identity->certificatePem(),
                                         identity->keyPem() });
    const Result<QByteArray> jpeg = device.download(QStringLiteral("thumbnails/") + sha);
    QVERIFY(jpeg.ok() && jpeg->startsWith("\xff\xd8"));
    QCOMPARE(device.download(QStringLiteral("thumbnails/") + sha, QUrlQuery(QStringLiteral("size=poster"))).error().kind(),
             Error::Kind::Usage);
    QCOMPARE(device.download(QStringLiteral("thumbnails/not-a-hash")).error().kind(), Error::Kind::Usage);
    QCOMPARE(device.download(QStringLiteral("thumbnails/") + QString(64, QLatin1Char('0'))).error().kind(),
             Error::Kind::NotFound);
}

// A kiosk paired with S2 shows a customer whose photos S1 keeps: S2 fetches each
// thumbnail from S1 off its service's thread (202 meanwhile) and keeps it.
void TestChainBurn::kioskAtS2SeesThumbnailsKeptAtS1()
{
    const CtlRun in = m_s1->run({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C5"),
                                  corpusPath(QStringLiteral("real/png")) });
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    const CtlRun albums = m_s2->run({ QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("C5") });
    QVERIFY(!albums.records().isEmpty());
    const QString albumId = QString::number(albums.first().value(QStringLiteral("id")).toInteger());
    const QJsonObject photo = m_s2->run({ QStringLiteral("photos"), QStringLiteral("--album"), albumId }).first();
    const QString sha = photo.value(QStringLiteral("sha256")).toString();
    QCOMPARE(photo.value(QStringLiteral("device")).toString(), QStringLiteral("S1"));
    const Thumbnailer onS2(QDir(m_s2->dataDir).filePath(QStringLiteral("thumbs")));
    QFile::remove(onS2.path(sha, Thumbnailer::Size::Grid));   // a burn at S2 may have made it before

    const CtlRun paired = m_s2->run({ QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K5"),
                                      QStringLiteral("--kind"), QStringLiteral("kiosk") });
    QVERIFY2(paired.code == 0, qPrintable(paired.why()));
    DeviceClient kiosk(DeviceEndpoint { QUrl(m_s2->url()), m_s2->fingerprint,
                                        paired.first().value(QStringLiteral("token")).toString(), {}, {}, {} });
    const Result<QJsonValue> session = kiosk.post(QStringLiteral("sessions"), { { QStringLiteral("code"), QStringLiteral("C5") },
                                                                               { QStringLiteral("pin"), QStringLiteral("2468") } });
    QVERIFY(session.ok());
    kiosk.setSession(session->toObject().value(QStringLiteral("session")).toString());
    const QString path = QStringLiteral("photos/%1/thumbnail").arg(photo.value(QStringLiteral("id")).toInteger());
    QByteArray jpeg;
    QVERIFY(QTest::qWaitFor([&] {
        const Result<QByteArray> answer = kiosk.download(path);
        jpeg = answer.ok() ? *answer : QByteArray();
        return jpeg.startsWith("\xff\xd8");
    }, 30000));
    QVERIFY(!QImage::fromData(jpeg, "JPEG").isNull());
    QVERIFY(QFileInfo::exists(onS2.path(sha, Thumbnailer::Size::Grid)));
    QVERIFY(!QFileInfo::exists(QDir(m_s2->dataDir).filePath(QStringLiteral("store/%1/%2/%3").arg(sha.left(2), sha.mid(2, 2), sha))));
}

QTEST_GUILESS_MAIN(TestChainBurn)
#include "tst_chainburn.moc"
