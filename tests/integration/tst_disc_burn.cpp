// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Recording onto a disc (issue 4), end to end: keepsakectl burns to stdio: image
// files, and independent readers (xorriso, isoinfo, 7z, headless Chromium) check the
// result; faults (too small, write error, cancel at 30 %, a flipped byte, another
// customer's disc) leave every album expired.
#include "TestSupport.h"
#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "disc/BurnJob.h"
#include "lab/Lab.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keepsake;

namespace {

struct Run { int code = -1; QString out; };

Run run(const QString &program, const QStringList &args, const QString &dir = {},
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    if (!dir.isEmpty())
        process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    process.waitForFinished(300000);
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
             QString::fromUtf8(process.readAll()) };
}

QString sha256(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (file.open(QIODevice::ReadOnly))
        hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

class TestDiscBurn : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;

    Run ctl(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        return run(QStringLiteral(KEEPSAKE_CTL), QStringList { QStringLiteral("--data-dir"), m_data } + args, {}, env);
    }

    QString image(const QString &name) const { return m_dir.filePath(name); }

    // Every album of the customer into `expired`, as the expiry sweep would leave them.
    void expireAll()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, {}), clock);
        QVERIFY2(lab.ok(), qPrintable(lab.ok() ? QString() : lab.error().message()));
        SqlQuery update((*lab)->catalog().db(),
                        QStringLiteral("UPDATE albums SET state = 'expired' WHERE state IN ('active', 'expiring')"));
        QVERIFY(update.exec().ok());
    }

    QStringList states()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, {}), clock);
        SqlQuery query((*lab)->catalog().db(), QStringLiteral("SELECT DISTINCT state FROM albums ORDER BY state"));
        QStringList result;
        if (query.exec().ok())
            while (query.next())
                result << query.text(0);
        return result;
    }

    void freshLab(const QStringList &folders)
    {
        m_data = m_dir.filePath(QStringLiteral("data-%1").arg(QRandomGenerator::global()->generate()));
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
        auto lab = Lab::open(LabLocation::resolve(m_data, {}), clock);
        return lab.ok() ? std::move(lab).value() : nullptr;
    }

private Q_SLOTS:
    void burnReadsBackEverywhere();
    void appendChecksTheCustomer();
    void tooSmallLeavesAlbumsExpired();
    void writeErrorLeavesAlbumsExpired();
    void cancelAt30PercentLeavesAlbumsExpired();
    void flippedByteIsFoundByVerification();
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

QTEST_GUILESS_MAIN(TestDiscBurn)
#include "tst_disc_burn.moc"
