// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Recording onto a disc (issue 4), end to end: keepsakectl burns to stdio: image
// files, and independent readers (xorriso, isoinfo, 7z, headless Chromium) check the
// result; faults (too small, write error, cancel at 30 %, a flipped byte, another
// customer's disc) leave every album expired. Several discs: an album larger than a
// disc split into parts, each image verified on its own, an album recorded only once
// its last part is verified. A burn on a JobRunner with progress and cancel.
// Runs against SQLite and (as tst_disc_burn_postgres) PostgreSQL.
#include "DiscTestLab.h"

#include "base/JobRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

class TestDiscBurn : public DiscTestLab
{
    Q_OBJECT

private Q_SLOTS:
    void burnReadsBackEverywhere();
    void appendChecksTheCustomer();
    void tooSmallLeavesAlbumsExpired();
    void writeErrorLeavesAlbumsExpired();
    void cancelAt30PercentLeavesAlbumsExpired();
    void flippedByteIsFoundByVerification();
    void severalDiscsIntoImageFiles();
    void splitAlbumRecordedWhenLastPartVerified();
    void alteredManifestIsRefusedAsAltered();
    void printFailureKeepsTheRecording();
    void jobRunnerBurnsAndCancels();
};

void TestDiscBurn::burnReadsBackEverywhere()
{
    freshLab({ QStringLiteral("dups/exact"), QStringLiteral("real/tiff") });
    const QString iso = image(QStringLiteral("disc.iso"));
    const Run burned = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"),
                             QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(burned.code == 0, qPrintable(burned.out));
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });

    // A data folder that never made a disc shows it, says its signature cannot be
    // checked here, and makes no lab key by reading.
    const QString fresh = m_dir.filePath(QStringLiteral("fresh-lab"));
    const Run elsewhere = run(QStringLiteral(KEEPSAKE_CTL), { QStringLiteral("--data-dir"), fresh, QStringLiteral("--catalog"),
                                                              QStringLiteral("sqlite:") + fresh + QStringLiteral("/catalog.sqlite"),
                                                              QStringLiteral("--json"), QStringLiteral("disc"), QStringLiteral("show"),
                                                              QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(elsewhere.code == 0, qPrintable(elsewhere.out));
    QVERIFY(QFileInfo::exists(fresh + QStringLiteral("/catalog.sqlite")));
    QVERIFY(!QFileInfo::exists(fresh + QStringLiteral("/lab-key.pem")));
    QVERIFY2(elsewhere.out.contains(QLatin1String("\"signed_by_this_lab\":false")), qPrintable(elsewhere.out));
    QVERIFY2(elsewhere.out.contains(QLatin1String("\"signature_check\":\"no_lab_key\"")), qPrintable(elsewhere.out));

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
    QVERIFY(shown.out.contains(QLatin1String("\"signature_check\":\"this_lab\"")));
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

void TestDiscBurn::jobRunnerBurnsAndCancels()
{
    freshLab({ QStringLiteral("dups/exact") });
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    JobRunner runner;
    QSignalSpy finished(&runner, &JobRunner::finished);
    QThread *const testThread = QThread::currentThread();
    int progressHere = 0;
    int progressElsewhere = 0;
    int recorded = 0;
    const auto burnJob = [&](const QString &iso) {
        auto job = std::make_unique<BurnJob>(*lab, BurnOptions { QStringLiteral("C1"), {}, QStringLiteral("stdio:") + iso,
                                                                 {}, 0, false, {}, QStringLiteral("test") });
        connect(job.get(), &BurnJob::progress, this, [&](BurnJob::Phase, qint64, qint64, double, int) {
            ++(QThread::currentThread() == testThread ? progressHere : progressElsewhere);
        });
        connect(job.get(), &BurnJob::discRecorded, this, [&] { ++recorded; });
        return job;
    };
    std::optional<Result<BurnSummary>> outcome;
    const auto keep = [&](const Result<BurnSummary> &result) { outcome = result; };
    const QString iso = image(QStringLiteral("worker.iso"));
    QVERIFY(runner.start(burnJob(iso), keep));
    QVERIFY(runner.isRunning());
    QVERIFY(!runner.start(burnJob(iso), keep));
    QVERIFY(finished.wait(120000));
    QVERIFY(outcome.has_value());
    QVERIFY2(*outcome, *outcome ? "" : qPrintable(outcome->error().message()));
    QVERIFY(!runner.isRunning());
    QVERIFY(progressHere > 0);
    QCOMPARE(progressElsewhere, 0);
    QCOMPARE(recorded, 1);
    const BurnSummary summary = **outcome;
    QCOMPARE(summary.discs.size(), 1);
    QVERIFY(!summary.recordedAlbums.isEmpty());
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });

    // A second burn, cancelled from this thread once the plan has arrived here.
    const int ingested = ctl({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), Test::corpusPath(QStringLiteral("real")) }).code;
    QVERIFY(ingested == 0 || ingested == 3);
    expireAll();
    const QString cancelled = image(QStringLiteral("worker-cancel.iso"));
    auto job = burnJob(cancelled);
    connect(job.get(), &BurnJob::planned, &runner, &JobRunner::cancel);
    outcome.reset();
    QVERIFY(runner.start(std::move(job), keep));
    QVERIFY(finished.wait(120000));
    QVERIFY(outcome.has_value() && !*outcome);
    QCOMPARE(outcome->error().kind(), Error::Kind::Cancelled);
    QCOMPARE(finished.last().first().toBool(), true);
    QVERIFY(!QFile::exists(cancelled));
    QCOMPARE(states(), (QStringList { QStringLiteral("expired"), QStringLiteral("recorded") }));
}

QTEST_MAIN(TestDiscBurn)   // a QGuiApplication: the prints after a burn draw text
#include "tst_disc_burn.moc"
