// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The forward queue between the devices of a chain (CLI.md, "Network"): a photo whose
// device is not the one that received it waits in the receiver's queue until it is
// delivered there, exactly once, whatever comes between: the target down, a
// connection cut in the middle of a file, a catalog that will not take the delivered
// rows off the queue. Runs on SQLite and (as tst_forwardqueue_postgres) on a fresh
// PostgreSQL database.
#include "NetworkChain.h"
#include "TestSupport.h"

#include "catalog/Catalog.h"
#include "catalog/CatalogUrl.h"

#include <QImage>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestForwardQueue : public TwoDeviceTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void targetDownQueuesThenDeliversOnce();
    void forwardCutMidTransferDeliveredOnce();
    void forwardThatCannotLeaveTheQueueIsRetried();
};

void TestForwardQueue::initTestCase()
{
    QVERIFY(startChain());
    const CtlRun c1 = m_s1->run({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"),
                                  QStringLiteral("C1"), QStringLiteral("--name"), QStringLiteral("Home at S2"),
                                  QStringLiteral("--home"), QStringLiteral("S2") });
    QVERIFY2(c1.code == 0, qPrintable(c1.why()));
}

void TestForwardQueue::cleanupTestCase()
{
    QVERIFY(stopChain());
}

void TestForwardQueue::targetDownQueuesThenDeliversOnce()
{
    const int before = int(photosOf(QStringLiteral("C1")).size());
    QVERIFY(m_s2->stop());
    const CtlRun in = ctl(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                   corpusPath(QStringLiteral("real/tiff")) }));
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    const QList<QJsonObject> waiting = m_s1->run({ QStringLiteral("queue") }).records();
    QVERIFY(!waiting.isEmpty());
    QCOMPARE(waiting.first().value(QStringLiteral("to")).toString(), QStringLiteral("S2"));
    QVERIFY(m_s2->start());
    QVERIFY(drained());
    const QList<QJsonObject> photos = photosOf(QStringLiteral("C1"));
    QCOMPARE(photos.size(), before + uniqueCorpusFiles(QStringLiteral("real/tiff")));
    const QSet<QString> onS1 = heldBy(*m_s1);
    const QSet<QString> onS2 = heldBy(*m_s2);
    for (const QJsonObject &photo : photos) {
        const QString sha = photo.value(QStringLiteral("sha256")).toString();
        QVERIFY(onS2.contains(sha));
        // Of the TIFFs, handed in for C1 only, none stays at S1.
        if (photo.value(QStringLiteral("name")).toString().contains(QLatin1String(".tif")))
            QVERIFY2(!onS1.contains(sha), qPrintable(photo.value(QStringLiteral("name")).toString()));
    }
    QVERIFY2(m_s1->run({ QStringLiteral("check") }).code == 0, "check on S1");
    QVERIFY2(m_s2->run({ QStringLiteral("check") }).code == 0, "check on S2");
}

// S3's address in the catalog is a relay that cuts the first connection in the middle
// of a forwarded file: the forward fails, waits in S1's queue with its reason, goes on
// the next round, and every photo ends on S3 once.
void TestForwardQueue::forwardCutMidTransferDeliveredOnce()
{
    const quint16 real = freePort();
    CuttingRelay relay(real, 2 << 20);
    ChainDevice s3(QStringLiteral("S3"), m_dir.filePath(QStringLiteral("s3")), m_s1->catalog);
    s3.port = relay.port();
    s3.listenPort = real;
    QVERIFY(s3.init());
    QVERIFY(s3.start());
    QVERIFY(m_s1->run({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C2"),
                        QStringLiteral("--name"), QStringLiteral("Home at S3"), QStringLiteral("--home"),
                        QStringLiteral("S3") }).code == 0);
    // HEIF: no camera of these is registered (a registration would beat the home device).
    const CtlRun in = ctl(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                                   corpusPath(QStringLiteral("real/heif")) }));
    QVERIFY2(in.code == 0 || in.code == 3, qPrintable(in.why()));
    QVERIFY(drained());
    QVERIFY(relay.cut());
    const QList<QJsonObject> photos = photosOf(QStringLiteral("C2"));
    QVERIFY(!photos.isEmpty());
    const QSet<QString> onS3 = heldBy(s3);
    QSet<QString> shas;
    for (const QJsonObject &photo : photos) {
        QCOMPARE(photo.value(QStringLiteral("device")).toString(), QStringLiteral("S3"));
        QVERIFY(onS3.contains(photo.value(QStringLiteral("sha256")).toString()));
        shas.insert(photo.value(QStringLiteral("sha256")).toString());
    }
    QCOMPARE(shas.size(), photos.size());
    QVERIFY2(s3.run({ QStringLiteral("check") }).code == 0, "check on S3");
    QVERIFY(s3.stop());
}

// The catalog refuses to take delivered forwards off the queue (a trigger stands in
// for a catalog that fails just then): the files are on S2, and S1 keeps its copies
// and the rows, released with the reason for the next round, not claimed for ten
// minutes. Once the catalog takes the delete again, the next round finds the files on
// S2 and the queue drains, each photo once on S2 and gone from S1.

void TestForwardQueue::forwardThatCannotLeaveTheQueueIsRetried()
{
    const Result<CatalogUrl> url = CatalogUrl::parse(m_s1->catalog);
    QVERIFY(url.ok());
    Result<std::unique_ptr<Catalog>> opened = Catalog::open(*url);
    QVERIFY(opened.ok());
    Catalog &catalog = **opened;
    const bool postgres = catalog.isPostgres();
    auto exec = [&catalog](const QString &sql) {
        QSqlQuery query(catalog.db());
        return query.exec(sql) || (qWarning() << sql << query.lastError().text(), false);
    };
    if (postgres)
        QVERIFY(exec(QStringLiteral("CREATE FUNCTION test_refuse_settle() RETURNS trigger LANGUAGE plpgsql AS "
                                    "$$ BEGIN RAISE EXCEPTION 'the test refuses this delete'; END $$")));
    QVERIFY(exec(postgres ? QStringLiteral("CREATE TRIGGER test_refuse_settle BEFORE DELETE ON forwards FOR EACH ROW "
                                           "EXECUTE FUNCTION test_refuse_settle()")
                          : QStringLiteral("CREATE TRIGGER test_refuse_settle BEFORE DELETE ON forwards BEGIN "
                                           "SELECT RAISE(ABORT, 'the test refuses this delete'); END")));
    bool refusing = true;
    auto allowAgain = [&] {
        if (!std::exchange(refusing, false))
            return true;
        return exec(postgres ? QStringLiteral("DROP TRIGGER test_refuse_settle ON forwards")
                             : QStringLiteral("DROP TRIGGER test_refuse_settle"))
            && (!postgres || exec(QStringLiteral("DROP FUNCTION test_refuse_settle()")));
    };
    const auto cleanup = qScopeGuard([&allowAgain] { allowAgain(); });

    const CtlRun added = m_s1->run({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"),
                                     QStringLiteral("C3"), QStringLiteral("--name"), QStringLiteral("Settled late"),
                                     QStringLiteral("--home"), QStringLiteral("S2") });
    QVERIFY2(added.code == 0, qPrintable(added.why()));
    const QString card = m_dir.filePath(QStringLiteral("settle-card"));
    QVERIFY(QDir().mkpath(card));
    QRandomGenerator random(61);
    for (int i = 0; i < 3; ++i) {
        QImage noise(320, 240, QImage::Format_RGB32);
        for (int y = 0; y < noise.height(); ++y)
            random.fillRange(reinterpret_cast<quint32 *>(noise.scanLine(y)), noise.width());
        QVERIFY(noise.save(QDir(card).filePath(QStringLiteral("SETTLE_%1.JPG").arg(i)), "JPEG", 90));
    }
    const CtlRun in = ctl(client({ QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C3"), card }));
    QVERIFY2(in.code == 0, qPrintable(in.why()));
    QCOMPARE(in.summary().value(QStringLiteral("new")).toInt(), 3);

    QList<QJsonObject> waiting;
    QVERIFY(QTest::qWaitFor([&] {
        waiting = m_s1->run({ QStringLiteral("queue") }).records();
        return waiting.size() == 3 && std::all_of(waiting.cbegin(), waiting.cend(), [](const QJsonObject &row) {
            return row.value(QStringLiteral("last_error")).toString().contains(QLatin1String("the test refuses"));
        });
    }, 60000));
    const QSet<QString> onS1 = heldBy(*m_s1);
    const QSet<QString> onS2 = heldBy(*m_s2);
    for (const QJsonObject &row : std::as_const(waiting)) {
        const QString sha = row.value(QStringLiteral("sha256")).toString();
        QVERIFY2(onS2.contains(sha), "delivered, though still in the queue");
        QVERIFY2(onS1.contains(sha), "kept at S1 while its row waits");
    }

    QVERIFY(allowAgain());
    QVERIFY(drained());
    const QList<QJsonObject> photos = photosOf(QStringLiteral("C3"));
    QCOMPARE(photos.size(), 3);
    const QSet<QString> nowOnS1 = heldBy(*m_s1);
    for (const QJsonObject &photo : photos) {
        QCOMPARE(photo.value(QStringLiteral("device")).toString(), QStringLiteral("S2"));
        QVERIFY(!nowOnS1.contains(photo.value(QStringLiteral("sha256")).toString()));
    }
    QVERIFY2(m_s1->run({ QStringLiteral("check") }).code == 0, "check on S1");
    QVERIFY2(m_s2->run({ QStringLiteral("check") }).code == 0, "check on S2");
}

QTEST_MAIN(TestForwardQueue)
#include "tst_forwardqueue.moc"
