// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSupport.h"

#include "base/Clock.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/SqlQuery.h"
#include "ingest/IngestFeed.h"
#include "ingest/IngestJob.h"
#include "ingest/ThumbnailJob.h"
#include "lab/Lab.h"
#include "metadata/Thumbnailer.h"
#include "retention/ExpiryReason.h"
#include "store/BlobStore.h"
#include "lab/StoreCheck.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

#include <sys/stat.h>
#include <unistd.h>

using namespace Keepsake;

namespace {

struct Handin
{
    QHash<QString, IngestRecord> records;   // by path relative to the corpus
    IngestSummary summary;
    Error error;
    bool ok = false;
};

} // namespace

class TestIngest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void storesEveryValidPhotoOnce();
    void decidesEveryDuplicateAsTheTruthSays();
    void givesEveryBadFileAReason();
    void recognisesACardAgain();
    void storesAgainWhenAsked();
    void sortsIntoAlbumsByDateOrTitle();
    void makesThumbnailsUnlessTold();
    void releasesTheCardBeforeTheThumbnails();
    void keepsTheMd5OfEveryStoredFile();
    void keepsWhatWasFinishedWhenCancelled();
    void leavesNothingHalfStoredWhenTheStoreFails();
    void refusesUnknownCustomersAndMissingCards();
    void givesPhotosStoredBeforeTheirPictureHash();

private:
    Handin handIn(const QString &corpusFolder, const std::function<void(IngestOptions &)> &adjust = {},
                  const std::function<void(IngestJob &)> &prepare = {});
    qint64 count(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_catalogUrl;   // the same database when the lab opens again
    ManualClock m_clock { QDateTime(QDate(2026, 10, 7), QTime(10, 0), QTimeZone::utc()) };
    std::unique_ptr<Lab> m_lab;
};

void TestIngest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_catalogUrl = Test::testCatalogUrl(m_dir->path());
    m_lab = Test::labWithCustomerC1(m_dir->path(), m_catalogUrl, m_clock);
    QVERIFY(m_lab);
}

void TestIngest::cleanup()
{
    m_lab.reset();
    m_dir.reset();
}

Handin TestIngest::handIn(const QString &corpusFolder, const std::function<void(IngestOptions &)> &adjust,
                          const std::function<void(IngestJob &)> &prepare)
{
    IngestOptions options;
    options.customerCode = QStringLiteral("c1");
    options.sources = { Test::corpusPath(corpusFolder) };
    options.thumbnails = false;
    if (adjust)
        adjust(options);
    IngestJob job(*m_lab, options);
    Handin result;
    connect(&job, &IngestJob::fileDecided, this, [&](const IngestRecord &record) {
        result.records.insert(corpusFolder + QLatin1Char('/') + record.path, record);
    });
    if (prepare)
        prepare(job);
    const auto summary = job.run();
    result.ok = summary.ok();
    if (summary.ok())
        result.summary = *summary;
    else
        result.error = summary.error();
    return result;
}

qint64 TestIngest::count(const QString &sql)
{
    return Test::countOf(m_lab->catalog(), sql);
}

void TestIngest::storesEveryValidPhotoOnce()
{
    const Handin real = handIn(QStringLiteral("real"));
    QVERIFY(real.ok);
    const QStringList files = Test::corpusFiles(QStringLiteral("real"));
    QCOMPARE(real.records.size(), files.size());
    QCOMPARE(real.summary.total(), int(files.size()));
    for (const QString &file : files) {
        const QJsonObject truth = Test::corpusTruthFor(file);
        const IngestRecord record = real.records.value(file);
        const QString expected = truth.value(QStringLiteral("expected_outcome")).toString();
        if (record.outcome == IngestOutcome::Rejected) {
            // Only what no decoder reads (a RAW stub, broken picture data) may be refused;
            // truth.jsonl's "decodable" of a RAW says only that LibRaw identifies it.
            const bool identifiedOnly = truth.value(QStringLiteral("decode_method")).toString().contains(QLatin1String("identification only"));
            QVERIFY2(!truth.value(QStringLiteral("decodable")).toBool() || expected.contains(QLatin1String("rejected"))
                         || (identifiedOnly && record.reason.contains(QLatin1String("RAW picture data is incomplete"))),
                     qPrintable(file + QStringLiteral(": ") + record.reason));
            QVERIFY(!record.reason.isEmpty());
        } else {
            QVERIFY2(record.outcome == IngestOutcome::New || record.outcome == IngestOutcome::NewVersion,
                     qPrintable(file + QStringLiteral(" ") + ingestOutcomeName(record.outcome)));
            QVERIFY(record.photoId && record.albumId);
        }
    }
    // Every stored photo's bytes are in the store, once, and the catalog agrees.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM photos")), qint64(real.summary.added + real.summary.newVersions));
    const CancelToken cancel;
    const auto check = StoreCheck(m_lab->catalog(), m_lab->store()).run(cancel, {});
    QVERIFY(check.ok() && check->clean());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM handins WHERE state = 'done'")), 1);
}

void TestIngest::decidesEveryDuplicateAsTheTruthSays()
{
    QVERIFY(handIn(QStringLiteral("real")).ok);
    const Handin dups = handIn(QStringLiteral("dups"));
    QVERIFY(dups.ok);
    const QStringList files = Test::corpusFiles(QStringLiteral("dups"));
    QCOMPARE(dups.records.size(), files.size());
    for (const QString &file : files) {
        const QJsonObject truth = Test::corpusTruthFor(file);
        const IngestRecord record = dups.records.value(file);
        const QString expected = truth.value(QStringLiteral("expected_outcome")).toString();
        QString got = ingestOutcomeName(record.outcome);
        if (expected == QLatin1String("new") && got == QLatin1String("new_version")
            && truth.contains(QStringLiteral("same_picture_as")))
            got = expected;   // telling the same picture apart is allowed
        QVERIFY2(expected.split(QStringLiteral("_or_")).contains(got) || expected == got,
                 qPrintable(QStringLiteral("%1: expected %2, got %3").arg(file, expected, got)));
        if (record.outcome == IngestOutcome::AlreadyReceived || record.outcome == IngestOutcome::NewVersion) {
            QVERIFY(record.matched.has_value());
            QStringList names;
            const QJsonArray matches = truth.value(QStringLiteral("expected_match")).toArray();
            for (const QJsonValue &match : matches)
                names.append(QFileInfo(match.toString()).fileName());
            if (!names.isEmpty())
                QVERIFY2(names.contains(record.matched->name), qPrintable(file + QStringLiteral(" named ") + record.matched->name));
        }
        if (record.outcome == IngestOutcome::NewVersion) {
            QVERIFY(record.reason.contains(record.matched->name));
            SqlQuery version(m_lab->catalog().db(), QStringLiteral("SELECT version_of FROM photos WHERE id = :id"));
            version.bind(QStringLiteral(":id"), *record.photoId);
            QVERIFY(version.exec().ok() && version.next());
            QCOMPARE(version.integer(0), record.matched->photoId);
        }
    }
}

void TestIngest::givesEveryBadFileAReason()
{
    QVERIFY(handIn(QStringLiteral("real/png")).ok);
    const Handin bad = handIn(QStringLiteral("bad"));
    QVERIFY(bad.ok);
    const QStringList files = Test::corpusFiles(QStringLiteral("bad"));
    QCOMPARE(bad.records.size(), files.size());
    for (const QString &file : files) {
        const IngestRecord record = bad.records.value(file);
        const QJsonObject truth = Test::corpusTruthFor(file);
        if (!truth.isEmpty() && truth.value(QStringLiteral("decodable")).toBool()) {
            QVERIFY2(record.outcome != IngestOutcome::Rejected, qPrintable(file + QStringLiteral(": ") + record.reason));
            continue;
        }
        // Everything else is rejected with its reason, unless it really holds a picture
        // (DESIGN.md: accepted when a decoder reads a picture from it): a JPEG with a
        // broken EXIF block or cut short, which libjpeg's own djpeg decodes as well.
        if (record.outcome != IngestOutcome::Rejected) {
            QProcess djpeg;
            djpeg.setStandardOutputFile(QProcess::nullDevice());
            djpeg.start(QStringLiteral("djpeg"), { Test::corpusPath(file) });
            QVERIFY2(djpeg.waitForFinished(60000), "djpeg (libjpeg-turbo-progs) did not run");
            QVERIFY2(djpeg.exitStatus() == QProcess::NormalExit && (djpeg.exitCode() == 0 || djpeg.exitCode() == 2),
                     qPrintable(QStringLiteral("%1 was accepted (%2) but holds no picture djpeg can read")
                                    .arg(file, ingestOutcomeName(record.outcome))));
            continue;
        }
        QVERIFY2(record.reason.size() > 10, qPrintable(file));
    }
    // What was stored before is untouched.
    const CancelToken cancel;
    QVERIFY(StoreCheck(m_lab->catalog(), m_lab->store()).run(cancel, {})->clean());
}

void TestIngest::recognisesACardAgain()
{
    const Handin first = handIn(QStringLiteral("real/jpeg"));
    QVERIFY(first.ok);
    const Handin second = handIn(QStringLiteral("real/jpeg"));
    QVERIFY(second.ok);
    QCOMPARE(second.summary.added + second.summary.newVersions, 0);
    QCOMPARE(second.summary.alreadyReceived, first.summary.added + first.summary.newVersions);
    for (const IngestRecord &record : second.records) {
        if (record.outcome == IngestOutcome::Rejected)
            continue;
        QCOMPARE(ingestOutcomeName(record.outcome), QStringLiteral("already_received"));
        QVERIFY(record.matched.has_value());
        QCOMPARE(record.matched->name, QFileInfo(record.path).fileName());
    }
    // --verify-full decides the same by whole-file hashes.
    const Handin full = handIn(QStringLiteral("real/jpeg"), [](IngestOptions &o) { o.verifyFull = true; });
    QCOMPARE(full.summary.alreadyReceived, second.summary.alreadyReceived);
}

void TestIngest::storesAgainWhenAsked()
{
    const Handin first = handIn(QStringLiteral("real/png"));
    QVERIFY(first.ok && first.summary.added > 0);
    const Handin again = handIn(QStringLiteral("real/png"), [](IngestOptions &o) { o.again = true; });
    QVERIFY(again.ok);
    QCOMPARE(again.summary.alreadyReceived, 0);
    QCOMPARE(again.summary.added + again.summary.newVersions, first.summary.added + first.summary.newVersions);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM photos")), qint64(2 * (first.summary.added + first.summary.newVersions)));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM blobs")), qint64(first.summary.added + first.summary.newVersions));
}

void TestIngest::sortsIntoAlbumsByDateOrTitle()
{
    const Handin dated = handIn(QStringLiteral("real/jpeg"));
    QVERIFY(dated.ok);
    // Every photo with a capture date is in the album of that date.
    SqlQuery mismatched(m_lab->catalog().db(), QStringLiteral(
        "SELECT count(*) FROM photos p JOIN albums a ON a.id = p.album_id "
        "WHERE p.taken_date IS NOT NULL AND a.group_date <> p.taken_date"));
    QVERIFY(mismatched.exec().ok() && mismatched.next());
    QCOMPARE(mismatched.integer(0), 0);
    // Photos without one are in the hand-in day's album.
    SqlQuery undated(m_lab->catalog().db(), QStringLiteral(
        "SELECT count(*) FROM photos p JOIN albums a ON a.id = p.album_id "
        "WHERE p.taken_date IS NULL AND a.group_date <> '2026-10-07'"));
    QVERIFY(undated.exec().ok() && undated.next());
    QCOMPARE(undated.integer(0), 0);

    const Handin titled = handIn(QStringLiteral("real/png"), [](IngestOptions &o) { o.albumTitle = QStringLiteral("Garden party"); });
    const Handin more = handIn(QStringLiteral("real/tiff"), [](IngestOptions &o) { o.albumTitle = QStringLiteral("Garden party"); });
    QVERIFY(titled.ok && more.ok);
    const auto customer = Customers(m_lab->catalog()).byCode(QStringLiteral("C1"));
    const auto album = Albums(m_lab->catalog()).resolve(QStringLiteral("Garden party"), customer->id);
    QVERIFY(album.ok());
    QCOMPARE(album->photos, titled.summary.added + titled.summary.newVersions + more.summary.added + more.summary.newVersions);
    QCOMPARE(album->state, AlbumState::Active);
    QCOMPARE(album->rule, QStringLiteral("Standard 90 days"));
    QCOMPARE(album->expires, QDate(2027, 1, 5));
    QVERIFY(expiryReasonText(*album).contains(QLatin1String("Standard 90 days")));
    QVERIFY(album->cover.has_value());
}

void TestIngest::makesThumbnailsUnlessTold()
{
    const Handin without = handIn(QStringLiteral("real/png"));
    QVERIFY(without.ok);
    QVERIFY(!QDir(m_lab->path(QStringLiteral("thumbs"))).exists());
    const Handin with = handIn(QStringLiteral("real/heif"), [](IngestOptions &o) { o.thumbnails = true; });
    QVERIFY(with.ok);
    for (const IngestRecord &record : with.records) {
        if (record.outcome != IngestOutcome::New)
            continue;
        SqlQuery sha(m_lab->catalog().db(), QStringLiteral("SELECT sha256 FROM photos WHERE id = :id"));
        sha.bind(QStringLiteral(":id"), *record.photoId);
        QVERIFY(sha.exec().ok() && sha.next());
        QVERIFY2(m_lab->thumbnails().has(sha.text(0)), qPrintable(record.path));
    }
}

// The card may leave as soon as every file is durably stored and catalogued: at that
// moment only the pictures decoded for their perceptual hash (no camera preview served
// for it) have their thumbnails, made from that decode; the others follow, one signal
// each, before run() returns. No file's thumbnails are made twice.
void TestIngest::releasesTheCardBeforeTheThumbnails()
{
    QStringList storedAtRelease;
    int thumbnailsAtRelease = -1;
    int released = 0;
    std::atomic<int> made { 0 };
    const Handin handin = handIn(QStringLiteral("real/jpeg"), [](IngestOptions &o) { o.thumbnails = true; },
                                 [&](IngestJob &job) {
        connect(&job, &IngestJob::cardReleased, this, [&](const IngestSummary &summary) {
            ++released;
            QCOMPARE(summary.added, int(count(QStringLiteral("SELECT count(*) FROM photos"))));
            SqlQuery shas(m_lab->catalog().db(), QStringLiteral("SELECT sha256 FROM photos"));
            QVERIFY(shas.exec().ok());
            thumbnailsAtRelease = 0;
            while (shas.next()) {
                storedAtRelease.append(shas.text(0));
                thumbnailsAtRelease += m_lab->thumbnails().has(shas.text(0)) ? 1 : 0;
            }
        });
        connect(&job, &IngestJob::thumbnailMade, this, [&made] { ++made; }, Qt::DirectConnection);
    });
    QVERIFY(handin.ok);
    QCOMPARE(released, 1);
    QVERIFY(handin.summary.added > 3);
    QCOMPARE(storedAtRelease.size(), handin.summary.added);
    QVERIFY(thumbnailsAtRelease < handin.summary.added);   // those hashed from a preview have none yet
    for (const QString &sha : std::as_const(storedAtRelease)) {
        QVERIFY(QFileInfo::exists(m_lab->store().pathFor(sha)));
        QVERIFY(m_lab->thumbnails().has(sha));
    }
    QCOMPARE(thumbnailsAtRelease + made.load() + handin.summary.thumbnailsFailed, handin.summary.added);
    QVERIFY(handin.summary.cardFreeSeconds <= handin.summary.seconds);
}

// Burning lists every photo's MD5: the hand-in computes it from the read that stores it.
void TestIngest::keepsTheMd5OfEveryStoredFile()
{
    const Handin handin = handIn(QStringLiteral("real/jpeg"));
    QVERIFY(handin.ok);
    int checked = 0;
    for (const IngestRecord &record : handin.records) {
        if (record.outcome != IngestOutcome::New)
            continue;
        SqlQuery md5(m_lab->catalog().db(), QStringLiteral(
            "SELECT b.md5 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 WHERE p.id = :id"));
        md5.bind(QStringLiteral(":id"), *record.photoId);
        QVERIFY(md5.exec().ok() && md5.next());
        QFile file(record.absolutePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(md5.text(0), QString::fromLatin1(QCryptographicHash::hash(file.readAll(),
                                                                           QCryptographicHash::Md5).toHex()));
        ++checked;
    }
    QCOMPARE(checked, handin.summary.added);
}

void TestIngest::keepsWhatWasFinishedWhenCancelled()
{
    const int total = int(Test::corpusFiles(QStringLiteral("real")).size());
    const Handin cancelled = handIn(QStringLiteral("real"), {}, [](IngestJob &job) {
        connect(&job, &IngestJob::progress, &job, [&job](int done) {
            if (done == 10)
                job.cancelToken().cancel();
        });
    });
    QVERIFY(cancelled.ok);
    QVERIFY(cancelled.summary.cancelled);
    QCOMPARE(cancelled.summary.total(), 10);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM photos")), qint64(cancelled.summary.added + cancelled.summary.newVersions));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM handins WHERE state = 'cancelled'")), 1);
    const CancelToken token;
    QVERIFY(StoreCheck(m_lab->catalog(), m_lab->store()).run(token, {})->clean());

    // Running it again finishes the job: the first ten are recognised, the rest stored.
    const Handin rest = handIn(QStringLiteral("real"));
    QVERIFY(rest.ok);
    QCOMPARE(rest.summary.total(), total);
    QVERIFY(rest.summary.alreadyReceived >= cancelled.summary.added);
    const Handin fresh = [&] {
        cleanup();
        init();
        return handIn(QStringLiteral("real"));
    }();
    QCOMPARE(cancelled.summary.added + cancelled.summary.newVersions + rest.summary.added + rest.summary.newVersions,
             fresh.summary.added + fresh.summary.newVersions);
}

void TestIngest::leavesNothingHalfStoredWhenTheStoreFails()
{
    // The store's folder is taken by a file: nothing can be written there.
    QFile blocker(m_lab->store().root());
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const Handin failed = handIn(QStringLiteral("real/png"));
    QVERIFY(!failed.ok);
    QCOMPARE(failed.error.kind(), Error::Kind::Failure);
    QVERIFY(failed.error.message().contains(QLatin1String("store")));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM photos")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM blobs")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM handins WHERE state = 'failed'")), 1);
}

void TestIngest::refusesUnknownCustomersAndMissingCards()
{
    const Handin unknown = handIn(QStringLiteral("real/png"), [](IngestOptions &o) { o.customerCode = QStringLiteral("ZZ9"); });
    QVERIFY(!unknown.ok);
    QCOMPARE(unknown.error.kind(), Error::Kind::NotFound);
    QVERIFY(unknown.error.message().contains(QLatin1String("ZZ9")));
    const Handin missing = handIn(QStringLiteral("no/such/card"));
    QVERIFY(!missing.ok);
    QCOMPARE(missing.error.kind(), Error::Kind::Usage);
    QVERIFY(missing.error.message().contains(QLatin1String("no/such/card")));
    // Files from a feed with no name for where they come from: refused before a hand-in
    // row is started (its source may not be empty), not failed on the catalog's insert.
    const Handin unnamed = handIn(QStringLiteral("real/png"), [](IngestOptions &o) {
        o.sources.clear();
        o.feed = std::make_shared<IngestFeed>();
        o.feed->close();
    });
    QVERIFY(!unnamed.ok);
    QCOMPARE(unnamed.error.kind(), Error::Kind::Usage);
    QVERIFY2(unnamed.error.message().contains(QLatin1String("source")), qPrintable(unnamed.error.message()));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM handins")), 0);
}

// A catalog of schema 11 holding photos (turned back from 12: the columns and the
// version row dropped) is migrated when the lab opens; its photos, stored before the
// catalog had perceptual hashes, get theirs from `keepsakectl thumbnails`
// (ThumbnailJob), and a near-duplicate finds them after.
void TestIngest::givesPhotosStoredBeforeTheirPictureHash()
{
    QVERIFY(handIn(QStringLiteral("real/jpeg")).ok);
    const qint64 hashed = count(QStringLiteral("SELECT count(*) FROM photos WHERE picture_hash IS NOT NULL"));
    const qint64 sum = count(QStringLiteral("SELECT sum(picture_hash % 1000) FROM photos"));
    const qint64 photos = count(QStringLiteral("SELECT count(*) FROM photos"));
    QVERIFY(hashed > 30);
    QCOMPARE(m_lab->catalog().schemaVersion(), 12);
    for (const QString &sql : { QStringLiteral("ALTER TABLE photos DROP COLUMN picture_hash"),
                                QStringLiteral("ALTER TABLE photos DROP COLUMN picture_hash_method"),
                                QStringLiteral("DELETE FROM schema_version WHERE version = 12") })
        QVERIFY2(SqlQuery::execDirect(m_lab->catalog().db(), sql), qPrintable(sql));   // PostgreSQL prepares no DDL
    QCOMPARE(m_lab->catalog().schemaVersion(), 11);
    m_lab.reset();
    auto reopened = Lab::open({ m_dir->path(), m_catalogUrl }, m_clock);
    QVERIFY2(reopened.ok(), qPrintable(reopened.ok() ? QString() : reopened.error().message()));
    m_lab = std::move(reopened).value();
    QCOMPARE(m_lab->catalog().schemaVersion(), 12);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM photos")), photos);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM photos WHERE picture_hash_method IS NULL")), photos);

    const Result<ThumbnailJob::Summary> filled = ThumbnailJob(*m_lab, std::nullopt).run();
    QVERIFY(filled);
    QCOMPARE(filled->failed, 0);
    QCOMPARE(filled->hashed, int(count(QStringLiteral("SELECT count(DISTINCT sha256) FROM photos"))));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM photos WHERE picture_hash_method IS NULL")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM photos WHERE picture_hash IS NOT NULL")), hashed);
    QCOMPARE(count(QStringLiteral("SELECT sum(picture_hash % 1000) FROM photos")), sum);   // the same hashes
    const Result<ThumbnailJob::Summary> again = ThumbnailJob(*m_lab, std::nullopt).run();
    QVERIFY(again);
    QCOMPARE(again->hashed, 0);   // nothing left to do
    QCOMPARE(again->made, 0);

    const Handin same = handIn(QStringLiteral("dups/same_picture"));
    const IngestRecord stripped = same.records.value(QStringLiteral("dups/same_picture/Canon_EOS_7D_stripped_jpegtran.jpg"));
    QCOMPARE(stripped.outcome, IngestOutcome::New);
    QVERIFY(stripped.similar);
    QCOMPARE(stripped.similar->name, QStringLiteral("Canon_EOS_7D.jpg"));
}

QTEST_GUILESS_MAIN(TestIngest)
#include "tst_ingest.moc"
