// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSupport.h"

#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/SqlQuery.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"
#include "metadata/PerceptualHash.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Keepsake;

namespace {

// What truth.jsonl says a corpus file shows: the original it is the same picture as
// (same_picture_as, dup_of), else itself.
QString originalOf(const QJsonObject &truth, const QString &path)
{
    for (const char *field : { "same_picture_as", "dup_of" }) {
        const QString original = truth.value(QLatin1String(field)).toString();
        if (!original.isEmpty())
            return original;
    }
    return path;
}

// pixel_md5 is of the pixels as stored: the same upright picture only with the same orientation.
bool samePixels(const QJsonObject &ta, const QJsonObject &tb)
{
    const QString pixels = ta.value(QStringLiteral("pixel_md5")).toString();
    return !pixels.isEmpty() && pixels == tb.value(QStringLiteral("pixel_md5")).toString()
        && ta.value(QStringLiteral("Orientation")).toInt(1) == tb.value(QStringLiteral("Orientation")).toInt(1);
}

bool samePicture(const QString &a, const QString &b)
{
    const QJsonObject ta = Test::corpusTruthFor(a);
    const QJsonObject tb = Test::corpusTruthFor(b);
    return samePixels(ta, tb) || originalOf(ta, a) == originalOf(tb, b);
}

bool sameIdentity(const QString &a, const QString &b)
{
    const QJsonValue ia = Test::corpusTruthFor(a).value(QStringLiteral("identity"));
    return ia.isArray() && ia == Test::corpusTruthFor(b).value(QStringLiteral("identity"));
}

// The files of a hand-in in the order their records came, each with its record.
using Decided = QList<std::pair<QString, IngestRecord>>;

// The flags of the hand-ins, file by file in the order stored, against truth.jsonl.
struct NearDuplicateScore
{
    int flags = 0;            // records with similar_to
    int right = 0;            // ... naming a photo of the same picture
    int expected = 0;         // records that truth says should have one
    int found = 0;            // ... and have a right one
    int acceptanceWant = 0;   // the acceptance check's cases: "new", with same_picture_as
    int acceptanceHit = 0;    // ... naming the photo of that name
    QSet<QString> falseInReal;
    QHash<qint64, QString> pathOfPhoto;   // what each stored photo is in the corpus
    QStringList storedBefore;             // in the order stored

    void add(const QString &path, const IngestRecord &record);
};

} // namespace

// Near-duplicates on the shared corpus (issue 17): real/ is handed in, then
// dups/same_picture for the same customer; every file stored as new or as a new
// version may name the earlier photo it looks like (`similar_to`). Precision and
// recall are measured against truth.jsonl and must stay above the floors below.
class TestNearDuplicates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void flagsTheSamePictureWithOtherBytes();
    void flagsWithinOneHandinWithItsTime();

private:
    Decided handIn(const QString &source, const QString &corpusPrefix = {});
    void showMargins(const QHash<qint64, QString> &pathOfPhoto);
    qint64 count(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock { QDateTime(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::utc()) };
    std::unique_ptr<Lab> m_lab;
};

void TestNearDuplicates::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_lab = Test::labWithCustomerC1(m_dir->path(), Test::testCatalogUrl(m_dir->path()), m_clock);
    QVERIFY(m_lab);
}

void TestNearDuplicates::cleanup()
{
    m_lab.reset();
    m_dir.reset();
}

// Hands in a folder for C1; paths come back prefixed with corpusPrefix (the folder's
// place in the corpus), so that they are truth.jsonl's.
Decided TestNearDuplicates::handIn(const QString &source, const QString &corpusPrefix)
{
    IngestOptions options;
    options.customerCode = QStringLiteral("C1");
    options.sources = { source };
    options.thumbnails = false;
    IngestJob job(*m_lab, options);
    Decided decided;
    connect(&job, &IngestJob::fileDecided, this, [&](const IngestRecord &record) {
        decided.append({ corpusPrefix.isEmpty() ? record.path : corpusPrefix + QLatin1Char('/') + record.path, record });
    });
    const Result<IngestSummary> summary = job.run();
    if (!summary)
        qWarning() << "The hand-in of" << source << "failed:" << summary.error().message();
    return decided;
}

qint64 TestNearDuplicates::count(const QString &sql)
{
    return Test::countOf(m_lab->catalog(), sql);
}

// How far apart the hashes of the same pictures lie (the most), and those of distinct
// photos (the least): the room the threshold has on this corpus.
void TestNearDuplicates::showMargins(const QHash<qint64, QString> &pathOfPhoto)
{
    SqlQuery query(m_lab->catalog().db(), QStringLiteral("SELECT id, picture_hash FROM photos WHERE picture_hash IS NOT NULL"));
    QVERIFY(query.exec());
    QList<std::pair<QString, PerceptualHash>> hashes;
    while (query.next())
        hashes.append({ pathOfPhoto.value(query.integer(0)), PerceptualHash::fromCatalog(query.integer(1)) });
    QList<std::pair<int, QString>> same, other;
    for (qsizetype i = 0; i < hashes.size(); ++i) {
        for (qsizetype j = i + 1; j < hashes.size(); ++j) {
            const auto &[a, ha] = hashes.at(i);
            const auto &[b, hb] = hashes.at(j);
            const std::pair<int, QString> pair { ha.bitsApart(hb), a + QStringLiteral(" / ") + b };
            if (samePicture(a, b))
                same.append(pair);
            else if (!sameIdentity(a, b))
                other.append(pair);
        }
    }
    std::sort(same.begin(), same.end(), std::greater<>());
    std::sort(other.begin(), other.end());
    qInfo().noquote() << hashes.size() << "photos with a hash; the same pictures furthest apart, in bits:";
    for (const auto &[bits, pair] : same.mid(0, 4))
        qInfo().noquote() << "   " << bits << pair;
    qInfo().noquote() << "distinct photos nearest, in bits:";
    for (const auto &[bits, pair] : other.mid(0, 6))
        qInfo().noquote() << "   " << bits << pair;
    SqlQuery plain(m_lab->catalog().db(), QStringLiteral("SELECT original_name FROM photos WHERE picture_hash IS NULL"));
    QVERIFY(plain.exec());
    QStringList withoutHash;
    while (plain.next())
        withoutHash.append(plain.text(0));
    qInfo().noquote() << "without a hash (too little detail):" << withoutHash.join(QStringLiteral(", "));
}

// Adds one file's record to the score; checks what every flag must be.
void NearDuplicateScore::add(const QString &path, const IngestRecord &record)
{
    const bool stored = record.outcome == IngestOutcome::New || record.outcome == IngestOutcome::NewVersion;
    if (!stored) {
        QVERIFY2(!record.similar, qPrintable(path + QStringLiteral(": similar_to on a file not stored")));
        return;
    }
    // A file that truth says shows a picture stored before, not as the same camera shot.
    const bool shouldFlag = std::any_of(storedBefore.cbegin(), storedBefore.cend(), [&](const QString &earlier) {
        return samePicture(path, earlier) && !sameIdentity(path, earlier);
    });
    expected += shouldFlag ? 1 : 0;
    const QJsonObject truth = Test::corpusTruthFor(path);
    const QString original = QFileInfo(truth.value(QStringLiteral("same_picture_as")).toString()).fileName();
    const bool acceptanceCase
        = truth.value(QStringLiteral("expected_outcome")).toString() == QLatin1String("new") && !original.isEmpty();
    acceptanceWant += acceptanceCase ? 1 : 0;
    if (record.similar) {
        ++flags;
        QVERIFY2(pathOfPhoto.contains(record.similar->photoId),
                 qPrintable(path + QStringLiteral(": similar_to names no photo stored before it")));
        QVERIFY(record.similar->photoId != record.photoId);
        QVERIFY2(!record.matched || record.matched->photoId != record.similar->photoId,
                 qPrintable(path + QStringLiteral(": a new version's own original is not 'similar'")));
        const QString earlier = pathOfPhoto.value(record.similar->photoId);
        QCOMPARE(record.similar->name, QFileInfo(earlier).fileName());
        QVERIFY(record.similar->handedInAt.isValid());
        const bool isRight = samePicture(path, earlier);
        right += isRight ? 1 : 0;
        found += isRight && shouldFlag ? 1 : 0;
        acceptanceHit += acceptanceCase && record.similar->name == original ? 1 : 0;
        if (!isRight && !sameIdentity(path, earlier) && path.startsWith(QLatin1String("real/")))
            falseInReal.insert(path);
        qInfo().noquote() << (isRight ? "  flagged:" : "  WRONG:  ") << path << "looks like" << earlier;
    } else if (shouldFlag) {
        qInfo().noquote() << "  missed: " << path;
    }
    pathOfPhoto.insert(*record.photoId, path);
    storedBefore.append(path);
}

void TestNearDuplicates::flagsTheSamePictureWithOtherBytes()
{
    const Decided real = handIn(Test::corpusPath(QStringLiteral("real")), QStringLiteral("real"));
    m_clock.advanceDays(1);
    const Decided same = handIn(Test::corpusPath(QStringLiteral("dups/same_picture")),
                                QStringLiteral("dups/same_picture"));
    QVERIFY(!real.isEmpty() && !same.isEmpty());
    NearDuplicateScore score;
    for (const auto &[path, record] : real + same) {
        score.add(path, record);
        if (QTest::currentTestFailed())
            return;
    }
    showMargins(score.pathOfPhoto);
    const double precision = score.flags ? double(score.right) / score.flags : 1.0;
    const double recall = score.expected ? double(score.found) / score.expected : 1.0;
    qInfo().noquote() << QStringLiteral("near-duplicates: %1 flags, %2 right: precision %3; %4 of %5 expected "
                                        "found: recall %6; acceptance %7 of %8; %9 false in real/")
                             .arg(score.flags).arg(score.right).arg(precision, 0, 'f', 3).arg(score.found)
                             .arg(score.expected).arg(recall, 0, 'f', 3).arg(score.acceptanceHit)
                             .arg(score.acceptanceWant).arg(score.falseInReal.size());
    // Measured on the corpus of 2026-12 (PerceptualHash::MostBitsApart 10, LeastDetail 5):
    // 9 flags, 8 right by truth.jsonl: precision 0.889; 8 of 8 expected found: recall
    // 1.000; the acceptance's 5 of 5, 1 false flag in real/. That one is
    // orientation_landscape_6.jpg looking like orientation_landscape_5.jpg: the same
    // waterfall upright, with a big 5 or 6 painted on it, which truth does not tie (their
    // stored pixels differ). The floors leave room for one miss, not for another wrong flag.
    QVERIFY2(precision >= 0.85, "precision fell under its floor");
    QVERIFY2(recall >= 0.85, "recall fell under its floor");
    QVERIFY(score.expected >= 5);
    // ../shared/acceptance/counter: all but one of the pictures that lost their camera
    // identity name their original; at most 2 distinct photos of real/ are flagged falsely.
    QVERIFY(score.acceptanceWant >= 5);
    QVERIFY(score.acceptanceHit >= score.acceptanceWant - 1);
    QVERIFY(score.falseInReal.size() <= 2);
    // Every photo stored has its hash method, and those with detail a hash.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM photos WHERE picture_hash_method IS NULL")), 0);
    QVERIFY(count(QStringLiteral("SELECT count(*) FROM photos WHERE picture_hash IS NOT NULL")) > 100);
}

// Within one hand-in: a picture and, later on the card, its copy at half size under
// another name: the copy names the first, handed in at the hand-in's start.
void TestNearDuplicates::flagsWithinOneHandinWithItsTime()
{
    QTemporaryDir card;
    const QString original = Test::corpusPath(QStringLiteral("real/jpeg/Canon_EOS_7D.jpg"));
    QImage picture(original);
    QVERIFY(!picture.isNull());
    QVERIFY(QFile::copy(original, card.filePath(QStringLiteral("a_original.jpg"))));
    QVERIFY(picture.scaled(picture.size() / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .save(card.filePath(QStringLiteral("b_half.jpg")), "JPEG", 80));
    const Decided decided = handIn(card.path());
    QCOMPARE(decided.size(), 2);
    QCOMPARE(decided.at(0).first, QStringLiteral("a_original.jpg"));
    QVERIFY(!decided.at(0).second.similar);
    const IngestRecord &half = decided.at(1).second;
    QCOMPARE(half.outcome, IngestOutcome::New);
    QVERIFY(half.similar);
    QCOMPARE(half.similar->photoId, *decided.at(0).second.photoId);
    QCOMPARE(half.similar->name, QStringLiteral("a_original.jpg"));
    QCOMPARE(half.similar->handedInAt, m_clock.now());
}

QTEST_GUILESS_MAIN(TestNearDuplicates)
#include "tst_nearduplicates.moc"
