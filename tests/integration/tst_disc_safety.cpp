// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A disc beside other jobs and faults: a burn killed while staging or writing leaves
// its albums expired and completes when run again; a damaged stored photo never goes
// onto a disc, whether the catalog knows its MD5 (caught after writing) or not (caught
// while staging), and an MD5 staging computes is kept; two burners on one catalog never share a disc ID. Runs against SQLite
// and (as tst_disc_safety_postgres) PostgreSQL.
#include "DiscTestLab.h"

#include "disc/DiscDrive.h"
#include "disc/DiscRecord.h"

#include <QCryptographicHash>
#include <QSemaphore>
#include <QThread>

#include <atomic>

class TestDiscSafety : public DiscTestLab
{
    Q_OBJECT

private Q_SLOTS:
    void crashLeavesAlbumsExpired_data();
    void crashLeavesAlbumsExpired();
    void programThatNeverStartedIsNoSuccess();
    void damagedStoredPhotoIsRefused();
    void resizedStoredPhotoIsRefusedBeforeWriting();
    void manifestTakesTheCatalogsMd5();
    void missingMd5IsComputedAndKept();
    void damagedPhotoWithoutMd5IsRefusedBeforeWriting();
    void discIdsReservedBeforeWriting();
    void drivesInOneProcessTakeTurns();
    void burnWaitsForLibburnsWriterThread();

private:
    struct Stored { QString path; QString name; QString sha256; };
    Stored firstStoredPhoto();
    static bool flipMiddleByte(const QString &path);
    void sql(const QString &statement);
    QString burnRefused(const QString &imageName);
};

TestDiscSafety::Stored TestDiscSafety::firstStoredPhoto()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    if (!lab)
        return {};
    SqlQuery photo(lab->catalog().db(), QStringLiteral("SELECT sha256, original_name FROM photos ORDER BY id LIMIT 1"));
    if (!photo.exec().ok() || !photo.next())
        return {};
    return { lab->store().pathFor(photo.text(0)), photo.text(1), photo.text(0) };
}

bool TestDiscSafety::flipMiddleByte(const QString &path)
{
    QFile file(path);
    char byte = 0;
    return file.setPermissions(file.permissions() | QFile::WriteOwner) && file.open(QIODevice::ReadWrite)
        && file.seek(file.size() / 2) && file.getChar(&byte) && file.seek(file.size() / 2)
        && file.putChar(char(byte ^ 0xFF));
}

void TestDiscSafety::sql(const QString &statement)
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    QVERIFY2(SqlQuery(lab->catalog().db(), statement).exec().ok(), qPrintable(statement));
}

// A burn expected to fail (exit 1) leaving no image and the albums expired: its output.
QString TestDiscSafety::burnRefused(const QString &imageName)
{
    const QString iso = image(imageName);
    const Run refused = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive"),
                              QStringLiteral("stdio:") + iso });
    if (refused.code != 1 || QFile::exists(iso) || states() != QStringList { QStringLiteral("expired") })
        return QStringLiteral("UNEXPECTED exit %1 (image left: %2): %3").arg(refused.code).arg(QFile::exists(iso)).arg(refused.out);
    return refused.out;
}

// A burn that dies — a helper thread taking the process down while the disc is staged,
// or the process killed while the image is written — leaves every album expired, and
// the same burn run again records them.
void TestDiscSafety::crashLeavesAlbumsExpired_data()
{
    QTest::addColumn<QString>("match");
    QTest::addColumn<QString>("after");
    QTest::newRow("staging a sidecar") << QStringLiteral("/tmp/burn-") << QStringLiteral("0");
    QTest::newRow("writing the image") << QStringLiteral("crash.iso") << QStringLiteral("1000000");
}

void TestDiscSafety::crashLeavesAlbumsExpired()
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

void TestDiscSafety::programThatNeverStartedIsNoSuccess()
{
    const Run missing = run(m_dir.filePath(QStringLiteral("no-such-program")), {});
    QCOMPARE(missing.code, Run::NotRun);
    QVERIFY2(missing.out.contains(QLatin1String("did not start")), qPrintable(missing.out));
}

// A stored photo whose bytes no longer match its SHA-256 never goes onto a disc: the
// burn stops naming the photo (exit 1), nothing is recorded and the image is removed,
// and check reports the photo damaged. The catalog knows its MD5 (blobs.md5, from the
// hand-in), so staging does not hash it: the damage is caught after writing, where the
// MD5 libisofs recorded from the bytes it wrote differs from the manifest's.
void TestDiscSafety::damagedStoredPhotoIsRefused()
{
    freshLab({ QStringLiteral("dups/exact") });
    const Stored stored = firstStoredPhoto();
    QVERIFY(!stored.path.isEmpty());
    QVERIFY(flipMiddleByte(stored.path));

    const QString out = burnRefused(QStringLiteral("damaged.iso"));
    QVERIFY2(out.contains(stored.name) && out.contains(QLatin1String("damaged")), qPrintable(out));
    const Run checked = ctl({ QStringLiteral("check") });
    QVERIFY2(checked.code == 3, qPrintable(checked.out));
}

// A stored photo whose size is no longer the one it was stored with is refused while
// staging, before anything is written: the message names the photo and its album.
void TestDiscSafety::resizedStoredPhotoIsRefusedBeforeWriting()
{
    freshLab({ QStringLiteral("dups/exact") });
    const Stored stored = firstStoredPhoto();
    QFile file(stored.path);
    QVERIFY(file.setPermissions(file.permissions() | QFile::WriteOwner));
    QVERIFY(file.resize(file.size() - 1));

    const QString out = burnRefused(QStringLiteral("resized.iso"));
    QVERIFY2(out.contains(stored.name) && out.contains(QLatin1String("(album '")) && out.contains(QLatin1String("damaged")),
             qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("does not hold")), qPrintable(out));   // not after writing
}

// The manifest lists the MD5 the catalog keeps, not one staging computes: a wrong one in
// blobs.md5 (the file intact) makes the after-write check fail naming the photo. This is
// what lets staging skip hashing photos whose MD5 the hand-in computed.
void TestDiscSafety::manifestTakesTheCatalogsMd5()
{
    freshLab({ QStringLiteral("dups/exact") });
    const Stored stored = firstStoredPhoto();
    sql(QStringLiteral("UPDATE blobs SET md5 = '00000000000000000000000000000000' WHERE sha256 = '%1'").arg(stored.sha256));

    const QString out = burnRefused(QStringLiteral("wrong-md5.iso"));
    QVERIFY2(out.contains(QLatin1String("does not hold")) && out.contains(stored.name)
                 && out.contains(QLatin1String("00000000000000000000000000000000")),
             qPrintable(out));
}

// Photos stored before the catalog kept MD5s (blobs.md5 NULL): staging computes the MD5
// in the read that makes the sidecar, checks the SHA-256 in it, and keeps the MD5 in
// the catalog; the disc is recorded and lists those MD5s.
void TestDiscSafety::missingMd5IsComputedAndKept()
{
    freshLab({ QStringLiteral("dups/exact") });
    sql(QStringLiteral("UPDATE blobs SET md5 = NULL"));
    const Run burned = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive"),
                             QStringLiteral("stdio:") + image(QStringLiteral("no-md5.iso")) });
    QVERIFY2(burned.code == 0, qPrintable(burned.out));
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });

    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    SqlQuery blobs(lab->catalog().db(), QStringLiteral("SELECT DISTINCT b.sha256, b.md5 FROM blobs b JOIN photos p ON p.sha256 = b.sha256"));
    QVERIFY(blobs.exec().ok());
    int kept = 0;
    while (blobs.next()) {
        QFile file(lab->store().pathFor(blobs.text(0)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(blobs.text(1), QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Md5).toHex()));
        ++kept;
    }
    QVERIFY(kept > 0);
}

// Without an MD5 in the catalog, staging hashes the photo and its SHA-256 check refuses
// a damaged one before anything is written, naming the photo and its album.
void TestDiscSafety::damagedPhotoWithoutMd5IsRefusedBeforeWriting()
{
    freshLab({ QStringLiteral("dups/exact") });
    sql(QStringLiteral("UPDATE blobs SET md5 = NULL"));
    const Stored stored = firstStoredPhoto();
    QVERIFY(flipMiddleByte(stored.path));

    const QString out = burnRefused(QStringLiteral("damaged-no-md5.iso"));
    QVERIFY2(out.contains(stored.name) && out.contains(QLatin1String("(album '")) && out.contains(QLatin1String("damaged")),
             qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("does not hold")), qPrintable(out));
}

// Two burners on one catalog (two counters of a chain on one PostgreSQL catalog, or two
// processes) ask for a disc ID before either disc is recorded: each gets its own.
void TestDiscSafety::discIdsReservedBeforeWriting()
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

// libburn and libisoburn keep process-wide lists that their own threads change
// (DiscLibraries.h): a second drive in the same process waits at the door until the
// first is released, and a thread that holds a drive cannot open another.
void TestDiscSafety::drivesInOneProcessTakeTurns()
{
    auto first = DiscDrive::open(QStringLiteral("stdio:") + image(QStringLiteral("first.iso")));
    QVERIFY2(first, first ? "" : qPrintable(first.error().message()));
    const auto again = DiscDrive::open(QStringLiteral("stdio:") + image(QStringLiteral("again.iso")));
    QVERIFY(!again);
    QVERIFY2(again.error().message().contains(QLatin1String("second drive")), qPrintable(again.error().message()));

    QSemaphore waiting;
    std::atomic<bool> opened { false };
    DiscLibraries::setWaitHook([&waiting] { waiting.release(); });
    QThread *second = QThread::create([this, &opened] {
        const auto drive = DiscDrive::open(QStringLiteral("stdio:") + image(QStringLiteral("second.iso")));
        opened = bool(drive);
    });
    second->start();
    QVERIFY2(waiting.tryAcquire(1, 60000), "the second drive did not wait for the first");
    QVERIFY(!opened);
    QString listed;   // listing the drives does not stall behind the drive in use
    QThread *lister = QThread::create([&listed] {
        const auto drives = DiscDrive::list();
        listed = drives ? QStringLiteral("listed") : drives.error().message();
    });
    lister->start();
    QVERIFY(lister->wait(60000));
    delete lister;
    QVERIFY2(listed.contains(QLatin1String("being recorded")), qPrintable(listed));
    first->reset();   // released: the second may go in
    QVERIFY(second->wait(60000));
    DiscLibraries::setWaitHook({});
    delete second;
    QVERIFY(opened);
}

// libburn marks a stdio: drive idle before its writer thread is done with the drive;
// the burn must wait for the thread itself (IsoAdapter.c, watch_write), or its next
// call into the drive shares the drive's buffer with the ending thread. The shim holds
// the writer thread at that point and ends the program (87) if the burn goes on.
void TestDiscSafety::burnWaitsForLibburnsWriterThread()
{
    freshLab({ QStringLiteral("real/png") });
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(KEEPSAKE_EIO_SHIM));
    env.insert(QStringLiteral("KEEPSAKE_PAUSE_WRITER"), QStringLiteral("1"));
    const Run burned = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--drive"),
                             QStringLiteral("stdio:") + image(QStringLiteral("paused.iso")) }, env);
    QVERIFY2(burned.code == 0, qPrintable(QStringLiteral("exit %1: %2").arg(burned.code).arg(burned.out)));
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });
}

QTEST_GUILESS_MAIN(TestDiscSafety)
#include "tst_disc_safety.moc"
