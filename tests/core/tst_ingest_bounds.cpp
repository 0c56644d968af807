// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The limits of a hand-in: what a card may hold that is refused without leaving the
// card or filling memory, the memory budget of the files in the works, and a running
// hand-in told from a dead one. The hand-in's decisions are in tst_ingest.cpp.
#include "TestSupport.h"

#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/SqlQuery.h"
#include "ingest/IngestJob.h"
#include "ingest/MemoryBudget.h"
#include "lab/HandinLiveness.h"
#include "lab/Lab.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Keepsake;

namespace {

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

class TestIngestBounds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void keepsToTheCardWithBoundedMemory_data();
    void keepsToTheCardWithBoundedMemory();
    void holdsNoMoreThanItsMemoryBudget();
    void tellsARunningHandInFromADeadOne();

private:
    qint64 count(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock { QDateTime(QDate(2026, 10, 7), QTime(10, 0), QTimeZone::utc()) };
    std::unique_ptr<Lab> m_lab;
};

void TestIngestBounds::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_lab = Test::labWithCustomerC1(m_dir->path(), Test::testCatalogUrl(m_dir->path()), m_clock);
    QVERIFY(m_lab);
}

void TestIngestBounds::cleanup()
{
    m_lab.reset();
    m_dir.reset();
}

qint64 TestIngestBounds::count(const QString &sql)
{
    return Test::countOf(m_lab->catalog(), sql);
}

// Issue 12, items 5-7: a card's links, pipes, huge non-pictures and truncated RAWs are
// refused with their reasons, without leaving the card, blocking or filling memory;
// the good photo beside them is taken in.
void TestIngestBounds::keepsToTheCardWithBoundedMemory_data()
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

void TestIngestBounds::keepsToTheCardWithBoundedMemory()
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

void TestIngestBounds::holdsNoMoreThanItsMemoryBudget()
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
void TestIngestBounds::tellsARunningHandInFromADeadOne()
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

QTEST_GUILESS_MAIN(TestIngestBounds)
#include "tst_ingest_bounds.moc"
