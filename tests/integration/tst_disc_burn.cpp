// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Recording onto a disc (issue 4), end to end: keepsakectl burns to stdio: image
// files, and independent readers (xorriso, isoinfo, 7z, headless Chromium) check the
// result; faults (too small, write error, cancel at 30 %, a flipped byte, another
// customer's disc) leave every album expired. Several discs: an album larger than a
// disc split into parts, each image verified on its own, an album recorded only once
// its last part is verified. A burn on BurnWorker's thread with progress and cancel.
// Runs against SQLite and (as tst_disc_burn_postgres) PostgreSQL.
#include "TestSupport.h"
#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "disc/BurnJob.h"
#include "disc/BurnWorker.h"
#include "disc/DiscLayout.h"
#include "disc/DiscPlanner.h"
#include "disc/DiscRecord.h"
#include "lab/Lab.h"
#include "store/BlobStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keepsake;

namespace {

// A program's exit code and output. Crashed or killed: Crashed; never started or
// still running after five minutes: NotRun, with the reason as its output.
struct Run
{
    static constexpr int Crashed = -1;
    static constexpr int NotRun = -2;
    int code = NotRun;
    QString out;
};

Run run(const QString &program, const QStringList &args, const QString &dir = {},
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    if (!dir.isEmpty())
        process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForStarted(30000))
        return { Run::NotRun, QStringLiteral("%1 did not start: %2").arg(program, process.errorString()) };
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        return { Run::NotRun, QStringLiteral("%1 did not finish within 5 minutes").arg(program) };
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : Run::Crashed,
             QString::fromUtf8(process.readAll()) };
}

QString digest(const QString &path, QCryptographicHash::Algorithm algorithm)
{
    QFile file(path);
    QCryptographicHash hash(algorithm);
    if (file.open(QIODevice::ReadOnly))
        hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

QString sha256(const QString &path)
{
    return digest(path, QCryptographicHash::Sha256);
}

QStringList xorrisoCheck(const QString &iso)
{
    return { QStringLiteral("-md5"), QStringLiteral("on"), QStringLiteral("-indev"), iso, QStringLiteral("-check_md5"),
             QStringLiteral("FAILURE"), QStringLiteral("--"), QStringLiteral("-check_md5_r"), QStringLiteral("FAILURE"),
             QStringLiteral("/"), QStringLiteral("--") };
}

} // namespace

class TestDiscBurn : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;
    QString m_catalog;

    Run ctl(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        return run(QStringLiteral(KEEPSAKE_CTL),
                   QStringList { QStringLiteral("--data-dir"), m_data, QStringLiteral("--catalog"), m_catalog } + args, {}, env);
    }

    QString image(const QString &name) const { return m_dir.filePath(name); }

    // Every album of the customer into `expired`, as the expiry sweep would leave them.
    void expireAll()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        QVERIFY2(lab.ok(), qPrintable(lab.ok() ? QString() : lab.error().message()));
        SqlQuery update((*lab)->catalog().db(),
                        QStringLiteral("UPDATE albums SET state = 'expired' WHERE state IN ('active', 'expiring')"));
        QVERIFY(update.exec().ok());
    }

    QString albumState(qint64 albumId)
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        SqlQuery query((*lab)->catalog().db(), QStringLiteral("SELECT state FROM albums WHERE id = :id"));
        query.bind(QStringLiteral(":id"), albumId);
        return query.exec().ok() && query.next() ? query.text(0) : QString();
    }

    // One large album: two of every three photos moved into the album of the first.
    void mergeAlbums()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        QVERIFY(lab.ok());
        SqlQuery merge((*lab)->catalog().db(), QStringLiteral(
            "UPDATE photos SET album_id = (SELECT album_id FROM photos WHERE id = (SELECT MIN(id) FROM photos)) "
            "WHERE id % 3 <> 0"));
        QVERIFY(merge.exec().ok());
    }

    // A capacity that splits the customer's largest album (by the planner's estimate)
    // in two while every photo still fits a disc alone; that album's ID.
    std::pair<qint64, qint64> splittingCapacity()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        const Albums albums((*lab)->catalog());
        qint64 biggest = 0, biggestBytes = 0, largestPhoto = 0;
        const QList<AlbumSummary> all = albums.customerView(Customers((*lab)->catalog()).byCode(QStringLiteral("C1"))->id, true).value();
        for (const AlbumSummary &album : all) {
            const QList<PhotoRecord> photos = albums.photos(album.id).value();
            for (const PhotoRecord &photo : photos)
                largestPhoto = qMax(largestPhoto, DiscLayout::estimate(photo));
            if (photos.size() >= 3 && DiscLayout::estimate(photos) > biggestBytes) {
                biggestBytes = DiscLayout::estimate(photos);
                biggest = album.id;
            }
        }
        const qint64 capacity = DiscPlanner::SessionOverhead + DiscPlanner::AlbumOverhead
                                + qMax(largestPhoto, biggestBytes * 6 / 10) + 1;
        return { capacity, biggest };
    }

    QStringList states()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        SqlQuery query((*lab)->catalog().db(), QStringLiteral("SELECT DISTINCT state FROM albums a WHERE EXISTS "
                                                                               "(SELECT 1 FROM photos p WHERE p.album_id = a.id) ORDER BY state"));
        QStringList result;
        if (query.exec().ok())
            while (query.next())
                result << query.text(0);
        return result;
    }

    void freshLab(const QStringList &folders)
    {
        m_data = m_dir.filePath(QStringLiteral("data-%1").arg(QRandomGenerator::global()->generate()));
        QDir().mkpath(m_data);
        m_catalog = Test::testCatalogUrl(m_data);
        QCOMPARE(ctl({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C1"),
                       QStringLiteral("--name"), QStringLiteral("Ünïcode Kunde") }).code, 0);
        QStringList args { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1") };
        for (const QString &folder : folders)
            args << Test::corpusPath(folder);
        const int ingested = ctl(args).code;   // 3: some files of real/ are rejected, by design
        QVERIFY(ingested == 0 || ingested == 3);
        expireAll();
    }

    std::unique_ptr<Lab> openLab(const Clock &clock)
    {
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        return lab.ok() ? std::move(lab).value() : nullptr;
    }

private Q_SLOTS:
    void burnReadsBackEverywhere();
    void appendChecksTheCustomer();
    void tooSmallLeavesAlbumsExpired();
    void writeErrorLeavesAlbumsExpired();
    void crashLeavesAlbumsExpired_data();
    void crashLeavesAlbumsExpired();
    void programThatNeverStartedIsNoSuccess();
    void damagedStoredPhotoIsRefused();
    void discIdsReservedBeforeWriting();
    void cancelAt30PercentLeavesAlbumsExpired();
    void flippedByteIsFoundByVerification();
    void severalDiscsIntoImageFiles();
    void splitAlbumRecordedWhenLastPartVerified();
    void alteredManifestIsRefusedAsAltered();
    void printFailureKeepsTheRecording();
    void workerThreadBurnsAndCancels();
};

void TestDiscBurn::burnReadsBackEverywhere()
{
    freshLab({ QStringLiteral("dups/exact"), QStringLiteral("real/tiff") });
    const QString iso = image(QStringLiteral("disc.iso"));
    const Run burned = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"),
                             QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(burned.code == 0, qPrintable(burned.out));
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });

    const Run xorriso = run(QStringLiteral("xorriso"), { QStringLiteral("-md5"), QStringLiteral("on"), QStringLiteral("-indev"), iso,
                                                         QStringLiteral("-check_md5"), QStringLiteral("FAILURE"), QStringLiteral("--"),
                                                         QStringLiteral("-check_md5_r"), QStringLiteral("FAILURE"), QStringLiteral("/"),
                                                         QStringLiteral("--") });
    QVERIFY2(xorriso.code == 0, qPrintable(xorriso.out));
    QVERIFY(xorriso.out.contains(QLatin1String("File contents and their MD5 checksums match")));

    // Rock Ridge keeps full UTF-8 names; Joliet names are unique in every folder.
    const Run rock = run(QStringLiteral("isoinfo"), { QStringLiteral("-R"), QStringLiteral("-f"), QStringLiteral("-i"), iso });
    QVERIFY(rock.out.contains(QStringLiteral("Urlaub_Straße_2011_фото.jpg")));
    QVERIFY(rock.out.contains(QStringLiteral("holiday_photo_with_a_very_long_file_name_exceeding_joliet_64_char_limit_final_v2.jpg")));
    QVERIFY(rock.out.contains(QStringLiteral("Urlaub_Straße_2011_фото.jpg.xmp")));
    const Run joliet = run(QStringLiteral("isoinfo"), { QStringLiteral("-J"), QStringLiteral("-f"), QStringLiteral("-i"), iso });
    const QStringList jolietNames = joliet.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(jolietNames.size() > 20);
    QCOMPARE(QSet<QString>(jolietNames.cbegin(), jolietNames.cend()).size(), jolietNames.size());

    // 7z (Joliet) extracts every photo byte for byte.
    const QString extracted = m_dir.filePath(QStringLiteral("x"));
    QDir().mkpath(extracted);
    QCOMPARE(run(QStringLiteral("7z"), { QStringLiteral("x"), QStringLiteral("-y"), iso }, extracted).code, 0);
    QSet<QString> onDisc;
    QDirIterator it(extracted, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        onDisc.insert(sha256(it.next()));
    for (const QString &file : Test::corpusFiles(QStringLiteral("dups/exact")) + Test::corpusFiles(QStringLiteral("real/tiff")))
        QVERIFY2(onDisc.contains(sha256(Test::corpusPath(file))), qPrintable(file));

    // KEEPSAKE.JSON lists each photo's SHA-256 and MD5, and both match the bytes on the disc.
    QSet<QString> md5s;
    QDirIterator files(extracted, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext())
        md5s.insert(digest(files.next(), QCryptographicHash::Md5));
    QFile manifestFile(extracted + QStringLiteral("/KEEPSAKE.JSON"));
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    int listed = 0;
    const QJsonArray sessions = QJsonDocument::fromJson(manifestFile.readAll()).object().value(QStringLiteral("sessions")).toArray();
    for (const QJsonValue &session : sessions)
        for (const QJsonValue &album : session.toObject().value(QStringLiteral("albums")).toArray())
            for (const QJsonValue &photo : album.toObject().value(QStringLiteral("photos")).toArray()) {
                const QJsonObject p = photo.toObject();
                QVERIFY2(md5s.contains(p.value(QStringLiteral("md5")).toString()), qPrintable(p.value(QStringLiteral("name")).toString()));
                QVERIFY(onDisc.contains(p.value(QStringLiteral("sha256")).toString()));
                ++listed;
            }
    QVERIFY(listed >= 10);
    const Run verified = ctl({ QStringLiteral("--json"), QStringLiteral("verify"), QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(verified.code == 0, qPrintable(verified.out));
    QVERIFY2(verified.out.contains(QStringLiteral("\"manifest_md5s\":%1").arg(listed)), qPrintable(verified.out));

    // The viewer opens on the album covers in a browser, offline.
    QVERIFY(QFile::exists(extracted + QStringLiteral("/index.html")));
    QTemporaryDir profile;
    const Run dom = run(QStringLiteral("chromium"),
                        { QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
                          QStringLiteral("--no-first-run"), QStringLiteral("--disable-background-networking"),
                          QStringLiteral("--disable-component-update"), QStringLiteral("--disable-sync"),
                          QStringLiteral("--user-data-dir=") + profile.path(), QStringLiteral("--dump-dom"),
                          QUrl::fromLocalFile(extracted + QStringLiteral("/index.html")).toString() });
    QVERIFY2(dom.code == 0, qPrintable(dom.out.right(2000)));
    const QRegularExpression cover(QStringLiteral("<a class=\"cover\"[^>]*><img src=\"([^\"]+)\""));
    int covers = 0;
    for (auto match = cover.globalMatch(dom.out); match.hasNext(); ++covers) {
        const QString src = QUrl::fromPercentEncoding(match.next().captured(1).toUtf8());
        QVERIFY2(QFile::exists(extracted + QLatin1Char('/') + src), qPrintable(src));
    }
    QVERIFY(covers >= 10);
    QVERIFY(!dom.out.contains(QLatin1String("id=\"albums\" class=\"covers\" hidden")));
}

void TestDiscBurn::appendChecksTheCustomer()
{
    freshLab({ QStringLiteral("dups/exact") });
    const QString iso = image(QStringLiteral("append.iso"));
    const QString drive = QStringLiteral("stdio:") + iso;
    QCOMPARE(ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive"), drive }).code, 0);
    QCOMPARE(ctl({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C2"),
                   QStringLiteral("--name"), QStringLiteral("Other") }).code, 0);
    QCOMPARE(ctl({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    expireAll();
    const QString before = sha256(iso);
    const Run foreign = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--drive"), drive });
    QVERIFY2(foreign.code == 4, qPrintable(foreign.out));
    QVERIFY(foreign.out.contains(QLatin1String("belongs to customer C1")));
    QCOMPARE(sha256(iso), before);

    // A disc Keepsake did not make is refused as well.
    const QString other = image(QStringLiteral("foreign.iso"));
    QCOMPARE(run(QStringLiteral("xorriso"), { QStringLiteral("-outdev"), QStringLiteral("stdio:") + other, QStringLiteral("-map"),
                                              Test::corpusPath(QStringLiteral("real/png")), QStringLiteral("/") }).code, 0);
    QCOMPARE(ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--drive"),
                   QStringLiteral("stdio:") + other }).code, 4);

    // The owner's own disc takes a new session; both sessions verify and show.
    QCOMPARE(ctl({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), Test::corpusPath(QStringLiteral("real/tiff")) }).code, 0);
    expireAll();
    const Run own = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive"), drive });
    QVERIFY2(own.code == 0, qPrintable(own.out));
    QVERIFY(own.out.contains(QLatin1String("session 2")));
    QCOMPARE(ctl({ QStringLiteral("verify"), QStringLiteral("--drive"), drive }).code, 0);
    const Run shown = ctl({ QStringLiteral("--json"), QStringLiteral("disc"), QStringLiteral("show"), QStringLiteral("--drive"), drive });
    QVERIFY(shown.out.contains(QLatin1String("\"signed_by_this_lab\":true")));
    QCOMPARE(shown.out.count(QLatin1String("\"recorded_at\"")), 2);
    QCOMPARE(run(QStringLiteral("xorriso"), { QStringLiteral("-md5"), QStringLiteral("on"), QStringLiteral("-indev"), iso,
                                              QStringLiteral("-check_md5_r"), QStringLiteral("FAILURE"), QStringLiteral("/"), QStringLiteral("--") }).code, 0);
}

void TestDiscBurn::tooSmallLeavesAlbumsExpired()
{
    freshLab({ QStringLiteral("dups/exact") });
    const QString iso = image(QStringLiteral("small.iso"));
    const Run small = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--capacity"),
                            QStringLiteral("3000000"), QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(small.code == 1 || small.code == 2, qPrintable(small.out));
    QVERIFY(!QFile::exists(iso));
    QCOMPARE(states(), QStringList { QStringLiteral("expired") });
}

void TestDiscBurn::writeErrorLeavesAlbumsExpired()
{
    freshLab({ QStringLiteral("dups/exact") });
    const QString iso = image(QStringLiteral("eio.iso"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(KEEPSAKE_EIO_SHIM));
    env.insert(QStringLiteral("KEEPSAKE_FAIL_AFTER"), QStringLiteral("1000000"));
    const Run failed = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive"),
                             QStringLiteral("stdio:") + iso }, env);
    QVERIFY2(failed.code == 1, qPrintable(failed.out));
    QVERIFY(failed.out.contains(QLatin1String("failed")));
    QVERIFY(!QFile::exists(iso));
    QCOMPARE(states(), QStringList { QStringLiteral("expired") });
}

// A burn that dies — a helper thread taking the process down while the disc is staged,
// or the process killed while the image is written — leaves every album expired, and
// the same burn run again records them.
void TestDiscBurn::crashLeavesAlbumsExpired_data()
{
    QTest::addColumn<QString>("match");
    QTest::addColumn<QString>("after");
    QTest::newRow("staging a sidecar") << QStringLiteral("/tmp/burn-") << QStringLiteral("0");
    QTest::newRow("writing the image") << QStringLiteral("crash.iso") << QStringLiteral("1000000");
}

void TestDiscBurn::crashLeavesAlbumsExpired()
{
    QFETCH(QString, match);
    QFETCH(QString, after);
    freshLab({ QStringLiteral("dups/exact") });
    const QString iso = image(QStringLiteral("crash.iso"));
    QFile::remove(iso);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(KEEPSAKE_EIO_SHIM));
    env.insert(QStringLiteral("KEEPSAKE_KILL_MATCH"), match);
    env.insert(QStringLiteral("KEEPSAKE_KILL_AFTER"), after);
    const QStringList burn { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive"),
                             QStringLiteral("stdio:") + iso };
    const Run killed = ctl(burn, env);
    QVERIFY2(killed.code == Run::Crashed, qPrintable(QStringLiteral("exit %1: %2").arg(killed.code).arg(killed.out)));
    QCOMPARE(states(), QStringList { QStringLiteral("expired") });

    QFile::remove(iso);   // a half-written image file is the lab's to throw away
    const Run again = ctl(burn);
    QVERIFY2(again.code == 0, qPrintable(again.out));
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });
}

void TestDiscBurn::programThatNeverStartedIsNoSuccess()
{
    const Run missing = run(m_dir.filePath(QStringLiteral("no-such-program")), {});
    QCOMPARE(missing.code, Run::NotRun);
    QVERIFY2(missing.out.contains(QLatin1String("did not start")), qPrintable(missing.out));
}

// A stored photo whose bytes no longer match its SHA-256 never goes onto a disc: the
// burn stops naming the photo and its album (exit 1), nothing is written or recorded,
// and check reports the photo damaged.
void TestDiscBurn::damagedStoredPhotoIsRefused()
{
    freshLab({ QStringLiteral("dups/exact") });
    QString stored, name;
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = openLab(clock);
        QVERIFY(lab);
        SqlQuery photo(lab->catalog().db(), QStringLiteral("SELECT sha256, original_name FROM photos ORDER BY id LIMIT 1"));
        QVERIFY(photo.exec().ok() && photo.next());
        stored = lab->store().pathFor(photo.text(0));
        name = photo.text(1);
    }
    QFile file(stored);
    QVERIFY(file.setPermissions(file.permissions() | QFile::WriteOwner));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(file.size() / 2));
    char byte = 0;
    QVERIFY(file.getChar(&byte));
    QVERIFY(file.seek(file.size() / 2));
    QVERIFY(file.putChar(char(byte ^ 0xFF)));
    file.close();

    const QString iso = image(QStringLiteral("damaged.iso"));
    const Run refused = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive"),
                              QStringLiteral("stdio:") + iso });
    QVERIFY2(refused.code == 1, qPrintable(refused.out));
    QVERIFY2(refused.out.contains(name) && refused.out.contains(QLatin1String("damaged")), qPrintable(refused.out));
    QVERIFY(!QFile::exists(iso));
    QCOMPARE(states(), QStringList { QStringLiteral("expired") });
    const Run checked = ctl({ QStringLiteral("check") });
    QVERIFY2(checked.code == 3, qPrintable(checked.out));
}

// Two burners on one catalog (two counters of a chain on one PostgreSQL catalog, or two
// processes) ask for a disc ID before either disc is recorded: each gets its own.
void TestDiscBurn::discIdsReservedBeforeWriting()
{
    freshLab({ QStringLiteral("real/png") });
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto first = openLab(clock);
    auto second = openLab(clock);
    QVERIFY(first && second);
    const QDate today = clock.today();
    const Result<QString> a = DiscRecord::newDiscId(first->catalog(), QStringLiteral("Foto Berg"), today, clock.now());
    const Result<QString> b = DiscRecord::newDiscId(second->catalog(), QStringLiteral("Foto Berg"), today, clock.now());
    QVERIFY(a && b);
    QVERIFY2(*a != *b, qPrintable(*a));

    // And so do two whole burns side by side.
    QProcess one, two;
    const QStringList common { QStringLiteral("--data-dir"), m_data, QStringLiteral("--catalog"), m_catalog, QStringLiteral("--json"),
                               QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive") };
    QCOMPARE(ctl({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C2"),
                   QStringLiteral("--name"), QStringLiteral("Other") }).code, 0);
    QCOMPARE(ctl({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                   Test::corpusPath(QStringLiteral("real/tiff")) }).code, 0);
    expireAll();
    one.start(QStringLiteral(KEEPSAKE_CTL), common + QStringList { QStringLiteral("stdio:") + image(QStringLiteral("one.iso")) });
    QStringList other = common;
    other[other.indexOf(QStringLiteral("C1"))] = QStringLiteral("C2");
    two.start(QStringLiteral(KEEPSAKE_CTL), other + QStringList { QStringLiteral("stdio:") + image(QStringLiteral("two.iso")) });
    QVERIFY(one.waitForFinished(300000) && two.waitForFinished(300000));
    QCOMPARE(one.exitCode(), 0);
    QCOMPARE(two.exitCode(), 0);
    const QRegularExpression id(QStringLiteral("\"disc\":\"([^\"]+)\""));
    const QString oneId = id.match(QString::fromUtf8(one.readAllStandardOutput())).captured(1);
    const QString twoId = id.match(QString::fromUtf8(two.readAllStandardOutput())).captured(1);
    QVERIFY(!oneId.isEmpty() && !twoId.isEmpty());
    QVERIFY2(oneId != twoId, qPrintable(oneId));
}

void TestDiscBurn::cancelAt30PercentLeavesAlbumsExpired()
{
    freshLab({ QStringLiteral("real") });
    const QString iso = image(QStringLiteral("cancel.iso"));
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    BurnJob job(*lab, { QStringLiteral("C1"), {}, QStringLiteral("stdio:") + iso, {}, 0, false, {}, QStringLiteral("test") });
    qint64 cancelledAt = -1;
    connect(&job, &BurnJob::progress, this, [&](BurnJob::Phase phase, qint64 done, qint64 total, double, int) {
        if (phase == BurnJob::Phase::Writing && total > 0 && done * 10 >= total * 3 && cancelledAt < 0) {
            cancelledAt = done * 100 / total;
            job.cancelToken().cancel();
        }
    });
    const Result<BurnSummary> result = job.run();
    QVERIFY(cancelledAt >= 30);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), Error::Kind::Cancelled);
    QVERIFY(!QFile::exists(iso));
    QCOMPARE(states(), QStringList { QStringLiteral("expired") });
}

void TestDiscBurn::flippedByteIsFoundByVerification()
{
    freshLab({ QStringLiteral("dups/exact") });
    const QString iso = image(QStringLiteral("flip.iso"));
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    BurnJob job(*lab, { QStringLiteral("C1"), {}, QStringLiteral("stdio:") + iso, {}, 0, false, {}, QStringLiteral("test") });
    QFile photo(Test::corpusPath(QStringLiteral("dups/exact/IMG_0001.JPG")));
    QVERIFY(photo.open(QIODevice::ReadOnly));
    const QByteArray head = photo.read(4096);
    bool flipped = false;
    connect(&job, &BurnJob::written, this, [&] {
        QFile file(iso);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qsizetype at = file.readAll().indexOf(head);
        QVERIFY(at > 0);
        file.seek(at + 3000);
        char byte = 0;
        file.getChar(&byte);
        file.seek(at + 3000);
        file.putChar(char(byte ^ 0x01));
        flipped = true;
    }, Qt::DirectConnection);
    const Result<BurnSummary> result = job.run();
    QVERIFY(flipped);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message().contains(QLatin1String("checksum differs")), qPrintable(result.error().message()));
    QVERIFY(!QFile::exists(iso));
    QCOMPARE(states(), QStringList { QStringLiteral("expired") });
}

void TestDiscBurn::severalDiscsIntoImageFiles()
{
    freshLab({ QStringLiteral("real/jpeg"), QStringLiteral("dups/exact") });
    mergeAlbums();
    const auto [capacity, split] = splittingCapacity();
    QVERIFY(split > 0);
    const QString iso = image(QStringLiteral("many.iso"));
    const QStringList burn { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--capacity"),
                             QString::number(capacity), QStringLiteral("--drive"), QStringLiteral("stdio:") + iso };
    const Run plan = ctl(QStringList { QStringLiteral("--json") } + burn + QStringList { QStringLiteral("--dry-run") });
    QVERIFY2(plan.code == 0, qPrintable(plan.out));
    QVERIFY2(plan.out.contains(QLatin1String("\"parts\":")), qPrintable(plan.out));
    QVERIFY(plan.out.contains(QStringLiteral("\"drive\":\"stdio:%1\"").arg(image(QStringLiteral("many-2.iso")))));
    QVERIFY(!QFile::exists(iso));

    const Run burned = ctl(burn);
    QVERIFY2(burned.code == 0, qPrintable(burned.out));
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });
    QStringList images { iso };
    for (int n = 2; QFile::exists(image(QStringLiteral("many-%1.iso").arg(n))); ++n)
        images << image(QStringLiteral("many-%1.iso").arg(n));
    QVERIFY2(images.size() >= 2, qPrintable(burned.out));
    QStringList parts;
    for (const QString &disc : images) {
        QVERIFY(QFileInfo(disc).size() <= capacity);
        const Run checked = run(QStringLiteral("xorriso"), xorrisoCheck(disc));
        QVERIFY2(checked.code == 0, qPrintable(checked.out));
        QCOMPARE(ctl({ QStringLiteral("verify"), QStringLiteral("--drive"), QStringLiteral("stdio:") + disc }).code, 0);
        const Run rock = run(QStringLiteral("isoinfo"), { QStringLiteral("-R"), QStringLiteral("-f"), QStringLiteral("-i"), disc });
        const QRegularExpression part(QStringLiteral("^/[^/]*\\((\\d+ of \\d+)\\)$"), QRegularExpression::MultilineOption);
        for (auto match = part.globalMatch(rock.out); match.hasNext();)
            parts << match.next().captured(1);
        const Run shown = ctl({ QStringLiteral("--json"), QStringLiteral("disc"), QStringLiteral("show"), QStringLiteral("--drive"),
                                QStringLiteral("stdio:") + disc });
        QVERIFY(shown.out.contains(QLatin1String("\"signed_by_this_lab\":true")));
    }
    QVERIFY2(parts.size() >= 2, qPrintable(parts.join(QLatin1Char(','))));
    QStringList expected;
    for (qsizetype n = 1; n <= parts.size(); ++n)
        expected << QStringLiteral("%1 of %2").arg(n).arg(parts.size());
    QCOMPARE(parts, expected);   // the parts in disc order

    // A run needing several images refuses before writing anything when one of them exists.
    QVERIFY(QFile::remove(iso));
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = openLab(clock);
        QVERIFY(lab);
        SqlQuery again(lab->catalog().db(), QStringLiteral("UPDATE albums SET state = 'expired'"));
        QVERIFY(again.exec().ok());
    }
    const QString second = sha256(images.at(1));
    const Run refused = ctl(burn);
    QVERIFY2(refused.code == 1, qPrintable(refused.out));
    QVERIFY(refused.out.contains(QLatin1String("exists already")));
    QVERIFY(!QFile::exists(iso));
    QCOMPARE(sha256(images.at(1)), second);
    QCOMPARE(states(), QStringList { QStringLiteral("expired") });
}

void TestDiscBurn::splitAlbumRecordedWhenLastPartVerified()
{
    freshLab({ QStringLiteral("real/jpeg") });
    mergeAlbums();
    const auto [capacity, split] = splittingCapacity();
    QVERIFY(split > 0);
    const QString iso = image(QStringLiteral("part.iso"));
    QStringList burn { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--albums"),
                       QString::number(split), QStringLiteral("--capacity"), QString::number(capacity), QStringLiteral("--drive"),
                       QStringLiteral("stdio:") + iso };
    // Disc 1 (part 1) is written and verified; writing disc 2 fails.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(KEEPSAKE_EIO_SHIM));
    env.insert(QStringLiteral("KEEPSAKE_FAIL_AFTER"), QStringLiteral("100000"));
    env.insert(QStringLiteral("KEEPSAKE_FAIL_SUFFIX"), QStringLiteral("part-2.iso"));
    const Run failed = ctl(burn, env);
    QVERIFY2(failed.code == 1, qPrintable(failed.out));
    QVERIFY2(failed.out.contains(QLatin1String("Disc 2 of 2 was not recorded")), qPrintable(failed.out));
    QVERIFY(QFile::exists(iso));
    QVERIFY(!QFile::exists(image(QStringLiteral("part-2.iso"))));
    QCOMPARE(run(QStringLiteral("xorriso"), xorrisoCheck(iso)).code, 0);
    QCOMPARE(albumState(split), QStringLiteral("expired"));

    // The next run plans only the photos part 1 does not hold: part 2 of 2.
    const QString second = image(QStringLiteral("rest.iso"));
    burn.last() = QStringLiteral("stdio:") + second;
    const Run plan = ctl(QStringList { QStringLiteral("--json") } + burn + QStringList { QStringLiteral("--dry-run") });
    QVERIFY2(plan.out.contains(QLatin1String("\"part\":2,\"parts\":2")), qPrintable(plan.out));
    QCOMPARE(plan.out.count(QLatin1String("\"part\":")), 1);
    const Run rest = ctl(burn);
    QVERIFY2(rest.code == 0, qPrintable(rest.out));
    QCOMPARE(albumState(split), QStringLiteral("recorded"));
    QVERIFY(!QFile::exists(image(QStringLiteral("rest-2.iso"))));
    const Run rock = run(QStringLiteral("isoinfo"), { QStringLiteral("-R"), QStringLiteral("-f"), QStringLiteral("-i"), second });
    QVERIFY2(rock.out.contains(QLatin1String("(2 of 2)/album.json")), qPrintable(rock.out.left(2000)));
    // Together the two discs hold every photo of the album once.
    const Run first = run(QStringLiteral("isoinfo"), { QStringLiteral("-R"), QStringLiteral("-f"), QStringLiteral("-i"), iso });
    for (const QString &file : Test::corpusFiles(QStringLiteral("real/jpeg"))) {
        const QRegularExpression original(QStringLiteral("^/[^/]+/%1$").arg(QRegularExpression::escape(QFileInfo(file).fileName())),
                                          QRegularExpression::MultilineOption);
        QVERIFY(first.out.count(original) + rock.out.count(original) <= 1);
    }
}

void TestDiscBurn::alteredManifestIsRefusedAsAltered()
{
    freshLab({ QStringLiteral("dups/exact") });
    const QString iso = image(QStringLiteral("altered.iso"));
    const QString drive = QStringLiteral("stdio:") + iso;
    QCOMPARE(ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive"), drive }).code, 0);
    // One digit of a photo's size in KEEPSAKE.JSON changed: still a manifest, no longer the signed one.
    QFile file(iso);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    const QByteArray start("\"format\": \"keepsake-disc/1\"");
    int changed = 0;
    for (qsizetype at = bytes.indexOf(start); at > 0; at = bytes.indexOf(start, at + 1), ++changed) {
        const qsizetype size = bytes.indexOf("\"size\": ", at) + 8;
        QVERIFY(size > at);
        file.seek(size);
        file.putChar(bytes.at(size) == '9' ? '8' : char(bytes.at(size) + 1));
    }
    QVERIFY(changed > 0);
    file.close();
    QCOMPARE(ctl({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    expireAll();
    const QString before = sha256(iso);
    const Run refused = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive"), drive });
    QVERIFY2(refused.code == 4, qPrintable(refused.out));
    QVERIFY2(refused.out.contains(QLatin1String("altered or damaged")), qPrintable(refused.out));
    QVERIFY(!refused.out.contains(QLatin1String("another lab")));
    QCOMPARE(sha256(iso), before);
}

void TestDiscBurn::printFailureKeepsTheRecording()
{
    freshLab({ QStringLiteral("dups/exact") });
    const QString iso = image(QStringLiteral("print.iso"));
    const Run burned = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--printer"),
                             QStringLiteral("keepsake-no-such-printer"), QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(burned.code == 3, qPrintable(burned.out));
    QVERIFY(burned.out.contains(QLatin1String("the prints failed")));
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });
    QCOMPARE(run(QStringLiteral("xorriso"), xorrisoCheck(iso)).code, 0);
}

void TestDiscBurn::workerThreadBurnsAndCancels()
{
    freshLab({ QStringLiteral("dups/exact") });
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    BurnWorker worker(*lab);
    QSignalSpy finished(&worker, &BurnWorker::finished);
    QSignalSpy failed(&worker, &BurnWorker::failed);
    QSignalSpy recorded(&worker, &BurnWorker::discRecorded);
    QThread *const testThread = QThread::currentThread();
    int progressHere = 0;
    int progressElsewhere = 0;
    connect(&worker, &BurnWorker::progress, this, [&](BurnJob::Phase, qint64, qint64, double, int) {
        ++(QThread::currentThread() == testThread ? progressHere : progressElsewhere);
    });
    const QString iso = image(QStringLiteral("worker.iso"));
    QVERIFY(worker.start({ QStringLiteral("C1"), {}, QStringLiteral("stdio:") + iso, {}, 0, false, {}, QStringLiteral("test") }));
    QVERIFY(worker.isRunning());
    QVERIFY(!worker.start({ QStringLiteral("C1"), {}, QStringLiteral("stdio:") + iso, {}, 0, false, {}, QStringLiteral("test") }));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size() + failed.size(), 1, 120000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QVERIFY(!worker.isRunning());
    QVERIFY(progressHere > 0);
    QCOMPARE(progressElsewhere, 0);
    QCOMPARE(recorded.size(), 1);
    const BurnSummary summary = finished.first().first().value<BurnSummary>();
    QCOMPARE(summary.discs.size(), 1);
    QVERIFY(!summary.recordedAlbums.isEmpty());
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });

    // A second burn, cancelled from this thread once the plan has arrived here.
    const int ingested = ctl({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), Test::corpusPath(QStringLiteral("real")) }).code;
    QVERIFY(ingested == 0 || ingested == 3);
    expireAll();
    connect(&worker, &BurnWorker::planned, &worker, &BurnWorker::cancel);
    const QString cancelled = image(QStringLiteral("worker-cancel.iso"));
    QVERIFY(worker.start({ QStringLiteral("C1"), {}, QStringLiteral("stdio:") + cancelled, {}, 0, false, {}, QStringLiteral("test") }));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size() + failed.size(), 2, 120000);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).toBool(), true);
    QVERIFY(!QFile::exists(cancelled));
    QCOMPARE(states(), (QStringList { QStringLiteral("expired"), QStringLiteral("recorded") }));
}

QTEST_MAIN(TestDiscBurn)   // a QGuiApplication: the prints after a burn draw text
#include "tst_disc_burn.moc"
