// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSupport.h"

#include "base/Clock.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/SqlQuery.h"
#include "ingest/IngestJob.h"
#include "ingest/MemoryBudget.h"
#include "lab/HandinLiveness.h"
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

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
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

// The most memory this process has held so far, in bytes (Linux's VmHWM); writing 5 to
// clear_refs starts it again from what is held now.
qint64 peakMemory()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

bool restartPeakMemory()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

// A hostile entry of a card, made in `card` from what lies `outside` it.
using CardEntryMaker = std::function<bool(const QString &card, const QString &outside)>;

bool copyHead(const QString &from, const QString &to, qint64 bytes)
{
    QFile source(from);
    QFile target(to);
    return source.open(QIODevice::ReadOnly) && target.open(QIODevice::WriteOnly)
        && target.write(source.read(bytes)) == bytes;
}

} // namespace

Q_DECLARE_METATYPE(CardEntryMaker)

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
    void keepsToTheCardWithBoundedMemory_data();
    void keepsToTheCardWithBoundedMemory();
    void holdsNoMoreThanItsMemoryBudget();
    void tellsARunningHandInFromADeadOne();

private:
    Handin handIn(const QString &corpusFolder, const std::function<void(IngestOptions &)> &adjust = {},
                  const std::function<void(IngestJob &)> &prepare = {});
    qint64 count(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock { QDateTime(QDate(2026, 10, 7), QTime(10, 0), QTimeZone::utc()) };
    std::unique_ptr<Lab> m_lab;
};

void TestIngest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto lab = Lab::open({ m_dir->path(), Test::testCatalogUrl(m_dir->path()) }, m_clock);
    QVERIFY2(lab.ok(), qPrintable(lab.ok() ? QString() : lab.error().message()));
    m_lab = std::move(lab).value();
    NewCustomer customer;
    customer.code = QStringLiteral("C1");
    customer.name = QStringLiteral("Anna Berg");
    QVERIFY(Customers(m_lab->catalog()).add(customer, m_clock.now()).ok());
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
    SqlQuery query(m_lab->catalog().db(), sql);
    if (!query.exec() || !query.next())
        return -1;
    return query.integer(0);
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
// moment no thumbnail is made yet; they follow, one signal each, before run() returns.
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
    QCOMPARE(thumbnailsAtRelease, 0);
    for (const QString &sha : std::as_const(storedAtRelease)) {
        QVERIFY(QFileInfo::exists(m_lab->store().pathFor(sha)));
        QVERIFY(m_lab->thumbnails().has(sha));
    }
    QCOMPARE(made.load() + handin.summary.thumbnailsFailed, handin.summary.added);
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
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM handins")), 0);
}

// Issue 12, items 5-7: a card's links, pipes, huge non-pictures and truncated RAWs are
// refused with their reasons, without leaving the card, blocking or filling memory;
// the good photo beside them is taken in.
void TestIngest::keepsToTheCardWithBoundedMemory_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<CardEntryMaker>("make");
    QTest::addColumn<QString>("because");
    const QString outsidePhoto = QStringLiteral("secret.jpg");
    const QString dng = Test::corpusPath(QStringLiteral("real/raw/Canon_EOS_6D.dng"));
    QTest::newRow("link to a file outside") << QStringLiteral("link.jpg") << CardEntryMaker([=](const QString &card, const QString &outside) {
        return QFile::link(outside + QLatin1Char('/') + outsidePhoto, card + QStringLiteral("/link.jpg"));
    }) << QStringLiteral("symbolic link");
    QTest::newRow("link to a folder outside") << QStringLiteral("linkdir") << CardEntryMaker([](const QString &card, const QString &outside) {
        return QFile::link(outside, card + QStringLiteral("/linkdir"));
    }) << QStringLiteral("symbolic link");
    QTest::newRow("FIFO") << QStringLiteral("pipe.jpg") << CardEntryMaker([](const QString &card, const QString &) {
        return ::mkfifo(QFile::encodeName(card + QStringLiteral("/pipe.jpg")).constData(), 0600) == 0;
    }) << QStringLiteral("named pipe");
    QTest::newRow("1 GiB sparse non-picture") << QStringLiteral("MVI_0001.MP4") << CardEntryMaker([](const QString &card, const QString &) {
        QFile video(card + QStringLiteral("/MVI_0001.MP4"));
        return video.open(QIODevice::WriteOnly) && video.resize(qint64(1) << 30);
    }) << QStringLiteral("not a photo");
    QTest::newRow("socket") << QStringLiteral("socket.jpg") << CardEntryMaker([](const QString &card, const QString &) {
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(card + QStringLiteral("/socket.jpg"));
        if (path.size() >= qsizetype(sizeof address.sun_path))
            return false;
        std::copy(path.cbegin(), path.cend(), address.sun_path);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        const bool bound = fd >= 0 && ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
        ::close(fd);
        return bound;
    }) << QStringLiteral("socket");
    QTest::newRow("300 MB file with a JPEG head") << QStringLiteral("huge.jpg") << CardEntryMaker([](const QString &card, const QString &) {
        QFile huge(card + QStringLiteral("/huge.jpg"));
        return huge.open(QIODevice::WriteOnly) && huge.write("\xFF\xD8\xFF\xE0") == 4 && huge.resize(qint64(300) << 20);
    }) << QStringLiteral("too large for a photo");
    QTest::newRow("DNG cut after its header") << QStringLiteral("truncated.dng") << CardEntryMaker([=](const QString &card, const QString &) {
        return copyHead(dng, card + QStringLiteral("/truncated.dng"), 200000);
    }) << QStringLiteral("RAW picture data is incomplete");
    QTest::newRow("DNG cut in its header") << QStringLiteral("head.dng") << CardEntryMaker([=](const QString &card, const QString &) {
        return copyHead(dng, card + QStringLiteral("/head.dng"), 65536);
    }) << QStringLiteral("RAW picture data is incomplete");
}

void TestIngest::keepsToTheCardWithBoundedMemory()
{
    QFETCH(QString, name);
    QFETCH(CardEntryMaker, make);
    QFETCH(QString, because);
    const QTemporaryDir scratch;
    const QString card = scratch.filePath(QStringLiteral("card/DCIM"));
    const QString outside = scratch.filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(card) && QDir().mkpath(outside));
    const QStringList jpegs = Test::corpusFiles(QStringLiteral("real/jpeg"));
    QVERIFY(QFile::copy(Test::corpusPath(jpegs.at(0)), outside + QStringLiteral("/secret.jpg")));
    QVERIFY(QFile::copy(Test::corpusPath(jpegs.at(1)), card + QStringLiteral("/good.jpg")));
    QVERIFY(make(card, outside));

    QVERIFY(restartPeakMemory());
    const qint64 before = peakMemory();
    QHash<QString, IngestRecord> records;
    IngestOptions options;
    options.customerCode = QStringLiteral("C1");
    options.sources = { scratch.filePath(QStringLiteral("card")) };
    options.thumbnails = false;
    IngestJob job(*m_lab, options);
    connect(&job, &IngestJob::fileDecided, this, [&](const IngestRecord &record) { records.insert(record.path, record); });
    const auto summary = job.run();
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message()));
    // Nothing read whole that the head shows to be no picture: far below the 1 GiB file.
    QVERIFY2(peakMemory() - before < qint64(128) << 20,
             qPrintable(QStringLiteral("peak memory grew by %1 MB").arg((peakMemory() - before) >> 20)));

    const IngestRecord refused = records.value(QStringLiteral("DCIM/") + name);
    QCOMPARE(refused.path, QStringLiteral("DCIM/") + name);
    QCOMPARE(refused.outcome, IngestOutcome::Rejected);
    QVERIFY2(refused.reason.contains(because), qPrintable(refused.reason));
    QCOMPARE(records.value(QStringLiteral("DCIM/good.jpg")).outcome, IngestOutcome::New);
    QCOMPARE(summary->added, 1);
    QCOMPARE(summary->rejected, 1);
    QCOMPARE(records.size(), 2);   // nothing of the folder outside
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM photos")), 1);
}

void TestIngest::holdsNoMoreThanItsMemoryBudget()
{
    MemoryBudget budget(100);
    std::optional<MemoryBudget::Hold> first = budget.tryHold(60);
    QVERIFY(first);
    QVERIFY(!budget.tryHold(50));              // would go past the capacity
    const MemoryBudget::Hold copy = *first;   // copies share the bytes
    first.reset();
    QCOMPARE(budget.held(), 60);
    std::optional<MemoryBudget::Hold> rest = budget.tryHold(40);
    QVERIFY(rest);
    QCOMPARE(budget.held(), 100);
    rest->release();
    QCOMPARE(budget.held(), 60);
    QVERIFY(!budget.tryHold(1000));           // asks for all of it (the most), which is not free
}

// A hand-in that runs (its liveness file locked) is left alone when another program
// opens the data folder; once its process is gone (the lock released, the row still
// `running`), the next start marks it interrupted.
void TestIngest::tellsARunningHandInFromADeadOne()
{
    auto handinState = [this](qint64 id) {
        SqlQuery query(m_lab->catalog().db(), QStringLiteral("SELECT state FROM handins WHERE id = :id"));
        query.bind(QStringLiteral(":id"), id);
        QString state;
        if (query.exec().ok())
            while (query.next())
                state = query.text(0);
        return state;
    };
    std::optional<HandinLiveness::Token> alive;
    {
        Result<HandinLiveness::Token> token = HandinLiveness::begin(*m_lab);
        QVERIFY(token.ok());
        alive.emplace(std::move(token).value());
    }
    qint64 id = 0;
    {
        SqlQuery insert(m_lab->catalog().db(), QStringLiteral(
            "INSERT INTO handins (customer_id, started_at, channel, source, pickup_code, runner) "
            "VALUES (1, '2026-10-07T10:00:00Z', 'cli', 'card', 'P-LIVE', :runner) RETURNING id"));
        insert.bind(QStringLiteral(":runner"), alive->runner());
        QVERIFY(insert.exec().ok());
        while (insert.next())
            id = insert.integer(0);
    }
    QCOMPARE(*HandinLiveness::markInterrupted(*m_lab), 0);
    QCOMPARE(handinState(id), QStringLiteral("running"));
    alive.reset();   // the process ends without finishing the row
    QCOMPARE(*HandinLiveness::markInterrupted(*m_lab), 1);
    QCOMPARE(handinState(id), QStringLiteral("interrupted"));
}

QTEST_GUILESS_MAIN(TestIngest)
#include "tst_ingest.moc"
