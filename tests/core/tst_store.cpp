// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSupport.h"

#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/SqlQuery.h"
#include "ingest/HandinWriter.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"
#include "store/BlobStore.h"
#include "store/Sha256.h"
#include "lab/StoreCheck.h"
#include "store/StoreLock.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QScopeGuard>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QTest>

#include <atomic>

using namespace Keepsake;

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashesLikeTheStandard_data();
    void hashesLikeTheStandard();
    void quickHashSeesHeadTailAndSize();
    void batchWritesDurablyAndInPlace();
    void batchDiscardLeavesNothing();
    void batchSkipsWhatIsStored();
    void directWritesKeepEveryByte_data();
    void directWritesKeepEveryByte();
    void checkFindsEveryDisagreement();
    void repairRemovesOnlyUnreferencedFiles();
    void repairWaitsForAHandInsCommit();
};

void TestStore::hashesLikeTheStandard_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("sha256");
    QTest::newRow("empty") << QByteArray() << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QTest::newRow("abc") << QByteArray("abc") << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("million a") << QByteArray(1000000, 'a')
                               << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
}

void TestStore::hashesLikeTheStandard()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, sha256);
    QCOMPARE(Sha256::of(data), sha256);
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("f")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
    file.close();
    QCOMPARE(*Sha256::ofFile(file.fileName()), sha256);
}

void TestStore::quickHashSeesHeadTailAndSize()
{
    QByteArray data(1 << 20, 'x');
    const QString base = QuickHash::ofData(data);
    QByteArray middle = data;
    middle[600 * 1024] = 'y';   // neither in the first 256 KiB nor the last 64 KiB
    QCOMPARE(QuickHash::ofData(middle), base);
    QByteArray head = data;
    head[10] = 'y';
    QVERIFY(QuickHash::ofData(head) != base);
    QByteArray tail = data;
    tail[data.size() - 10] = 'y';
    QVERIFY(QuickHash::ofData(tail) != base);
    QVERIFY(QuickHash::ofData(data + 'x') != base);
    QCOMPARE(QuickHash::of(data.size(), data.left(QuickHash::HeadBytes), data.right(QuickHash::TailBytes)), base);
}

void TestStore::batchWritesDurablyAndInPlace()
{
    QTemporaryDir dir;
    const BlobStore store(dir.filePath(QStringLiteral("store")));
    const QByteArray a("first photo"), b("second photo");
    BlobStore::Batch batch(store);
    QVERIFY(batch.add(Sha256::of(a), a).ok());
    QVERIFY(batch.add(Sha256::of(b), b).ok());
    QCOMPARE(batch.count(), 2);
    QVERIFY(!store.contains(Sha256::of(a)));   // not in place before the commit
    QVERIFY(batch.commit().ok());
    QCOMPARE(batch.count(), 0);
    const QString path = store.pathFor(Sha256::of(a));
    QVERIFY(path.endsWith(Sha256::of(a).left(2) + QLatin1Char('/') + Sha256::of(a).mid(2, 2) + QLatin1Char('/') + Sha256::of(a)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), a);
    const auto listing = store.list();
    QCOMPARE(listing->blobs.size(), 2);
    QVERIFY(listing->temporaries.isEmpty());
}

void TestStore::batchDiscardLeavesNothing()
{
    QTemporaryDir dir;
    const BlobStore store(dir.filePath(QStringLiteral("store")));
    {
        BlobStore::Batch batch(store);
        QVERIFY(batch.add(Sha256::of("x"), "x").ok());
        const auto listing = store.list();
        QCOMPARE(listing->temporaries.size(), 1);   // written, not yet in place
    }   // destroyed without commit: an interrupted hand-in
    const auto listing = store.list();
    QVERIFY(listing->blobs.isEmpty());
    QVERIFY(listing->temporaries.isEmpty());
}

void TestStore::batchSkipsWhatIsStored()
{
    QTemporaryDir dir;
    const BlobStore store(dir.filePath(QStringLiteral("store")));
    BlobStore::Batch first(store);
    QVERIFY(first.add(Sha256::of("x"), "x").ok());
    QVERIFY(first.add(Sha256::of("x"), "x").ok());
    QCOMPARE(first.count(), 1);
    QVERIFY(first.commit().ok());
    BlobStore::Batch second(store);
    QVERIFY(second.add(Sha256::of("x"), "x").ok());
    QCOMPARE(second.count(), 0);
}

void TestStore::directWritesKeepEveryByte_data()
{
    QTest::addColumn<qsizetype>("size");
    for (const qsizetype size : { 1, 4095, 4096, 4097, (1 << 20) + 3 })
        QTest::newRow(qPrintable(QString::number(size))) << size;
}

// Bytes laid out for direct I/O are written in whole blocks and cut to their size: the
// stored file has exactly the bytes, whatever the size.
void TestStore::directWritesKeepEveryByte()
{
    QFETCH(qsizetype, size);
    QTemporaryDir dir;
    const BlobStore store(dir.filePath(QStringLiteral("store")));
    FileBytes bytes(size);
    for (qsizetype i = 0; i < size; ++i)
        bytes.data()[i] = char('a' + i % 23);
    QCOMPARE(quintptr(bytes.constData()) % FileBytes::Alignment, quintptr(0));
    const QString sha = Sha256::of(bytes.view());
    BlobStore::Batch batch(store);
    QVERIFY(batch.add(sha, bytes).ok());
    QCOMPARE(batch.bytes(), qint64(size));
    QVERIFY(batch.commit().ok());
    QFile stored(store.pathFor(sha));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.size(), qint64(size));
    QCOMPARE(stored.readAll(), bytes.view());
}

namespace {

struct FilledLab
{
    QTemporaryDir dir;
    ManualClock clock { QDateTime(QDate(2026, 10, 7), QTime(10, 0), QTimeZone::utc()) };
    std::unique_ptr<Lab> lab;

    bool fill()
    {
        LabLocation location { dir.path(), Test::testCatalogUrl(dir.path()) };
        auto opened = Lab::open(location, clock);
        if (!opened)
            return false;
        lab = std::move(opened).value();
        NewCustomer customer;
        customer.code = QStringLiteral("C1");
        customer.name = QStringLiteral("Anna");
        if (!Customers(lab->catalog()).add(customer, clock.now()))
            return false;
        IngestOptions options;
        options.customerCode = QStringLiteral("C1");
        options.sources = { Test::corpusPath(QStringLiteral("real/png")) };
        options.thumbnails = false;
        IngestJob job(*lab, options);
        return job.run().ok();
    }
};

} // namespace

void TestStore::checkFindsEveryDisagreement()
{
    FilledLab filled;
    QVERIFY(filled.fill());
    const Lab &lab = *filled.lab;
    const StoreCheck check(lab.catalog(), lab.store());
    const CancelToken cancel;
    auto clean = check.run(cancel, {});
    QVERIFY(clean.ok());
    QVERIFY(clean->clean());
    QVERIFY(clean->checked >= 2);
    const QStringList blobs = lab.store().list()->blobs;

    // An interrupted write, a file nothing references, a changed byte, a lost file.
    QFile stray(lab.store().root() + QStringLiteral("/ab/cd/.incoming-abcd-1234"));
    QDir().mkpath(lab.store().root() + QStringLiteral("/ab/cd"));
    QVERIFY(stray.open(QIODevice::WriteOnly));
    stray.close();
    BlobStore::Batch orphan(lab.store());
    QVERIFY(orphan.add(Sha256::of("orphan"), "orphan").ok());
    QVERIFY(orphan.commit().ok());
    QFile damaged(lab.store().pathFor(blobs.at(0)));
    QVERIFY(damaged.open(QIODevice::ReadWrite));
    damaged.seek(100);
    damaged.write("!");
    damaged.close();
    QVERIFY(QFile::remove(lab.store().pathFor(blobs.at(1))));

    const auto report = check.run(cancel, {});
    QVERIFY(report.ok());
    QVERIFY(!report->clean());
    QCOMPARE(report->unreferenced.size(), 2);
    QCOMPARE(report->damaged, QStringList { blobs.at(0) });
    QCOMPARE(report->missing, QStringList { blobs.at(1) });
}

void TestStore::repairRemovesOnlyUnreferencedFiles()
{
    FilledLab filled;
    QVERIFY(filled.fill());
    const Lab &lab = *filled.lab;
    const QStringList before = lab.store().list()->blobs;
    BlobStore::Batch orphan(lab.store());
    QVERIFY(orphan.add(Sha256::of("orphan"), "orphan").ok());
    QVERIFY(orphan.commit().ok());
    const StoreCheck check(lab.catalog(), lab.store());
    const CancelToken cancel;
    const auto report = check.run(cancel, {});
    QCOMPARE(report->unreferenced.size(), 1);
    QCOMPARE(*check.repair(*report), 1);
    QCOMPARE(lab.store().list()->blobs, before);
    QVERIFY(check.run(cancel, {})->clean());
}

// check --repair while a hand-in's batch is in the store but not yet in the catalog:
// the repair's report takes the new file for a leftover, and the repair waits for the
// store's lock until the batch is committed, then asks again and keeps the file.
void TestStore::repairWaitsForAHandInsCommit()
{
    FilledLab filled;
    QVERIFY(filled.fill());
    const Lab &lab = *filled.lab;
    const qint64 customer = Customers(lab.catalog()).byCode(QStringLiteral("C1"))->id;
    qint64 handinId = 0;
    {
        SqlQuery handin(lab.catalog().db(), QStringLiteral(
            "INSERT INTO handins (customer_id, started_at, channel, source, pickup_code) "
            "VALUES (:customer, '2026-10-07T10:00:00Z', 'cli', 'card', 'P-REPAIR') RETURNING id"));
        handin.bind(QStringLiteral(":customer"), customer);
        QVERIFY(handin.exec().ok());
        while (handin.next())
            handinId = handin.integer(0);
    }
    QVERIFY(handinId > 0);

    InspectedFile file;
    file.path = QStringLiteral("new.jpg");
    file.data = "a photo handed in while the store is repaired";
    file.size = file.data.size();
    file.sha256 = Sha256::of(file.data);
    file.quickHash = file.sha256;
    HandinWriter writer(lab, customer, handinId, QStringLiteral("Repair"));
    QVERIFY(writer.stage(file, std::nullopt).ok());

    const StoreCheck check(lab.catalog(), lab.store());
    QSemaphore repairWaits;
    StoreLock::setWaitHook([&repairWaits](StoreLock::Mode mode) {
        if (mode == StoreLock::Mode::Exclusive)
            repairWaits.release();
    });
    const auto unhook = qScopeGuard([] { StoreLock::setWaitHook({}); });
    // The repair runs on a thread (a connection) of its own, as cron's would in a process of its own.
    const QString stored = lab.store().pathFor(file.sha256);
    std::atomic<bool> seenAsLeftover { false };
    QFuture<int> repaired;
    writer.setBeforeCommitHook([&] {
        repaired = QtConcurrent::run([&check, &seenAsLeftover, stored] {
            const auto report = check.run(CancelToken(), {});
            if (!report)
                return -2;
            seenAsLeftover = report->unreferenced.contains(stored);   // not committed yet
            const Result<int> removed = check.repair(*report);
            return removed ? *removed : -1;
        });
        // The repair either waits for the hand-in, or runs into it and finishes.
        QTRY_VERIFY_WITH_TIMEOUT(repairWaits.available() > 0 || repaired.isFinished(), 30000);
        QVERIFY2(!repaired.isFinished(), "check --repair ran while a hand-in's batch was not yet committed");
    });
    QVERIFY(writer.flush(IngestSummary()).ok());
    QCOMPARE(repaired.result(), 0);
    QVERIFY(seenAsLeftover);
    QVERIFY(QFile::exists(stored));
    QVERIFY(check.run(CancelToken(), {})->clean());
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
