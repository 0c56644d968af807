// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Where a chain keeps each photo (CLI.md, "Storage information"): camera registration
// before home device before receiver, the forward queue and its claims, each device's
// own check, and discs of one store accepted for appending at the other. Real
// keepsakectl processes, and the core operations the device service calls, on SQLite
// and (as tst_chainrouting_postgres) PostgreSQL.
#include "ChainTestLab.h"

class TestChainRouting : public ChainTestLab
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpLab(); }
    void cleanup() { tearDownLab(); }

    void routesByCameraThenHomeThenReceiver();
    void keepsWhatItOwesUntilDelivered();
    void eachDeviceChecksItsOwnFiles();
    void claimsForwardsOnce();
    void discOfOneStoreIsAppendedAtAnother();
};

void TestChainRouting::routesByCameraThenHomeThenReceiver()
{
    makeTwoDevices();
    registerRoutes();
    // At S1: C1's Canon (camera: S1) beats their home S2; the Nikon goes to S2 by its
    // camera, the PNG (no serial) to C1's home S2. C2 has no home: their PNG stays at S1.
    const QString canon = QStringLiteral("real/jpeg/Canon_EOS_7D.jpg");
    const QString nikon = QStringLiteral("real/jpeg/Nikon_D700.jpg");
    const QString png = Test::corpusFiles(QStringLiteral("real/png")).first();
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--no-thumbnails"),
                           card(QStringLiteral("card1"), { canon, nikon, png }) }).code, 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--no-thumbnails"),
                           card(QStringLiteral("card2"), { nikon, png }) }).code, 0);
    const QString pngName = QFileInfo(png).fileName();
    const QHash<QString, QJsonObject> c1 = photosOf(dirB(), QStringLiteral("C1"));
    const QHash<QString, QJsonObject> c2 = photosOf(dirB(), QStringLiteral("C2"));
    QCOMPARE(c1.size(), 3);
    QCOMPARE(c2.size(), 2);
    const auto where = [](const QJsonObject &photo) {
        return photo.value(QStringLiteral("device")).toString() + (photo.value(QStringLiteral("queued")).toBool() ? QStringLiteral(" queued") : QString());
    };
    QCOMPARE(where(c1.value(QStringLiteral("Canon_EOS_7D.jpg"))), QStringLiteral("S1"));
    QCOMPARE(where(c1.value(QStringLiteral("Nikon_D700.jpg"))), QStringLiteral("S2 queued"));
    QCOMPARE(where(c1.value(pngName)), QStringLiteral("S2 queued"));
    QCOMPARE(where(c2.value(QStringLiteral("Nikon_D700.jpg"))), QStringLiteral("S2 queued"));
    QCOMPARE(where(c2.value(pngName)), QStringLiteral("S1"));

    // S1 owes S2 three photos; S2 owes nothing.
    const Run queue = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("queue") });
    QCOMPARE(queue.code, 0);
    QCOMPARE(queue.records.size(), 3);
    QCOMPARE(queue.summary.value(QStringLiteral("queued")).toInt(), 3);
    for (const QJsonObject &forward : queue.records) {
        for (const char *field : { "photo", "sha256", "to", "since", "attempts", "last_error" })
            QVERIFY2(forward.contains(QLatin1String(field)), field);
        QCOMPARE(forward.value(QStringLiteral("to")).toString(), QStringLiteral("S2"));
        QCOMPARE(forward.value(QStringLiteral("attempts")).toInt(), 0);
    }
    QCOMPARE(ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("queue") }).records.size(), 0);

    // Received at S2, C2's Canon goes to S1 by its camera; nothing else of this card leaves.
    QCOMPARE(ctl(dirB(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--no-thumbnails"),
                           card(QStringLiteral("card3"), { canon, QStringLiteral("real/tiff/Canon_EOS_6D_example.tif") }) }).code, 0);
    const Run fromB = ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("queue") });
    QCOMPARE(fromB.records.size(), 1);
    QCOMPARE(fromB.records.first().value(QStringLiteral("to")).toString(), QStringLiteral("S1"));
    QCOMPARE(where(photosOf(dirA(), QStringLiteral("C2")).value(QStringLiteral("Canon_EOS_6D_example.tif"))), QStringLiteral("S2"));
}

void TestChainRouting::keepsWhatItOwesUntilDelivered()
{
    QList<QJsonObject> owed;
    handInOwed(owed);
    if (QTest::currentTestFailed())
        return;
    // S1 holds what it owes S2 (a repair keeps it); S2 is not yet missing what is on its way.
    for (const QString &dir : { dirA(), dirB() }) {
        const Run checked = ctl(dir, { QStringLiteral("--json"), QStringLiteral("check"), QStringLiteral("--repair") });
        QVERIFY2(checked.code == 0, checked.out.constData());
        QCOMPARE(checked.summary.value(QStringLiteral("repaired")).toInt(), 0);
    }
    auto labA = openLab(dirA());
    auto labB = openLab(dirB());
    QVERIFY(labA && labB && labA->device() && labB->device());
    for (const QJsonObject &forward : owed)
        QVERIFY(labA->store().contains(forward.value(QStringLiteral("sha256")).toString()));
    deliverByHand(*labA, *labB, owed);
    QCOMPARE(ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("queue") }).records.size(), 0);
    for (const QString &dir : { dirA(), dirB() }) {
        const Run checked = ctl(dir, { QStringLiteral("--json"), QStringLiteral("check") });
        QVERIFY2(checked.code == 0, checked.out.constData());
        QVERIFY(checked.summary.value(QStringLiteral("checked")).toInt() > 0);
    }
    for (const QJsonObject &photo : photosOf(dirA(), QStringLiteral("C1")))
        QVERIFY(!photo.value(QStringLiteral("queued")).toBool());
}

void TestChainRouting::eachDeviceChecksItsOwnFiles()
{
    QList<QJsonObject> owed;
    handInOwed(owed);
    if (QTest::currentTestFailed())
        return;
    auto labA = openLab(dirA());
    auto labB = openLab(dirB());
    QVERIFY(labA && labB && labA->device() && labB->device());
    deliverByHand(*labA, *labB, owed);
    // A copy of S2's file at S1 is a stray there, and only there.
    const QString sha = owed.first().value(QStringLiteral("sha256")).toString();
    QFile copy(labB->store().pathFor(sha));
    QVERIFY(copy.open(QIODevice::ReadOnly));
    BlobStore::Batch stray(labA->store());
    QVERIFY(stray.add(sha, copy.readAll()));
    QVERIFY(stray.commit());
    const Run found = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("check") });
    QVERIFY2(found.code == 3, found.out.constData());
    QCOMPARE(found.summary.value(QStringLiteral("unreferenced")).toInt(), 1);
    QCOMPARE(ctl(dirA(), { QStringLiteral("check"), QStringLiteral("--repair") }).code, 0);
    QVERIFY(!labA->store().contains(sha));
    QVERIFY(labB->store().contains(sha));
    QCOMPARE(ctl(dirB(), { QStringLiteral("check") }).code, 0);
    // A file S2 should hold but lost is missing at S2, not at S1.
    QVERIFY(QFile::remove(labB->store().pathFor(sha)));
    QCOMPARE(ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("check") }).summary.value(QStringLiteral("missing")).toInt(), 1);
    QCOMPARE(ctl(dirA(), { QStringLiteral("check") }).code, 0);
}

void TestChainRouting::claimsForwardsOnce()
{
    makeTwoDevices();
    registerRoutes();
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--no-thumbnails"),
                           Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    auto lab = openLab(dirA());
    QVERIFY(lab && lab->device());
    const qint64 from = lab->device()->id;
    const ForwardQueue queue(lab->catalog());
    const int owed = int(queue.pending(from)->size());
    QVERIFY(owed >= 3);
    const QDateTime now = m_clock.now();
    const Result<QList<Forward>> first = queue.claimDue(from, QStringLiteral("one"), now, now.addSecs(600), 2);
    QVERIFY(first);
    QCOMPARE(first->size(), 2);
    const Result<QList<Forward>> second = queue.claimDue(from, QStringLiteral("two"), now, now.addSecs(600), 100);
    QCOMPARE(second->size(), owed - 2);
    for (const Forward &mine : *second)
        QVERIFY(std::none_of(first->cbegin(), first->cend(), [&](const Forward &f) { return f.photoId == mine.photoId; }));
    QCOMPARE(queue.claimDue(from, QStringLiteral("three"), now, now.addSecs(600), 100)->size(), 0);
    // A failed attempt is counted, its reason kept, and it waits until its next attempt.
    QVERIFY(queue.failed(first->first().photoId, QStringLiteral("S2 is unreachable"), now.addSecs(60)));
    const Run listed = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("queue") });
    const auto failed = std::find_if(listed.records.cbegin(), listed.records.cend(), [&](const QJsonObject &r) {
        return r.value(QStringLiteral("photo")).toInteger() == first->first().photoId;
    });
    QVERIFY(failed != listed.records.cend());
    QCOMPARE(failed->value(QStringLiteral("attempts")).toInt(), 1);
    QCOMPARE(failed->value(QStringLiteral("last_error")).toString(), QStringLiteral("S2 is unreachable"));
    QCOMPARE(queue.claimDue(from, QStringLiteral("three"), now.addSecs(30), now.addSecs(630), 100)->size(), 0);
    // A claim that ran out (its sender died) goes to the next sender.
    const Result<QList<Forward>> later = queue.claimDue(from, QStringLiteral("three"), now.addSecs(601), now.addSecs(1200), 100);
    QCOMPARE(later->size(), owed);
}

void TestChainRouting::discOfOneStoreIsAppendedAtAnother()
{
    makeTwoDevices();
    registerRoutes();
    // C2 has no home: what each store receives for them stays there.
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--album"),
                           QStringLiteral("At S1"), Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    QCOMPARE(ctl(dirB(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--album"),
                           QStringLiteral("At S2"), card(QStringLiteral("card"), { QStringLiteral("real/tiff/Canon_EOS_6D_example.tif") }) }).code, 0);
    QHash<QString, qint64> albums;
    for (const QJsonObject &album : ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("albums"), QStringLiteral("--customer"),
                                                  QStringLiteral("C2") }).records)
        albums.insert(album.value(QStringLiteral("title")).toString(), album.value(QStringLiteral("id")).toInteger());
    QVERIFY(albums.contains(QStringLiteral("At S1")) && albums.contains(QStringLiteral("At S2")));
    const QString drive = QStringLiteral("stdio:") + m_dir->filePath(QStringLiteral("disc.iso"));
    const Run first = ctl(dirA(), { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--albums"),
                                    QString::number(albums.value(QStringLiteral("At S1"))), QStringLiteral("--drive"), drive });
    QVERIFY2(first.code == 0, first.out + first.err);
    // S2 signs with a key of its own, yet takes S1's disc as the chain's and appends to it.
    const Run shown = ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("disc"), QStringLiteral("show"), QStringLiteral("--drive"), drive });
    QVERIFY2(shown.out.contains("\"signed_by_this_lab\":true"), shown.out.constData());
    const Run appended = ctl(dirB(), { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--albums"),
                                       QString::number(albums.value(QStringLiteral("At S2"))), QStringLiteral("--drive"), drive });
    QVERIFY2(appended.code == 0, appended.out + appended.err);
    QVERIFY(appended.out.contains("session 2"));
    QVERIFY(QFile::exists(QDir(dirA()).filePath(QStringLiteral("lab-key.pem"))));
    QVERIFY(QFile::exists(QDir(dirB()).filePath(QStringLiteral("lab-key.pem"))));
    auto lab = openLab(dirA());
    SqlQuery keys(lab->catalog().db(), QStringLiteral("SELECT count(*), count(device_id) FROM lab_keys"));
    QVERIFY(keys.exec() && keys.next());
    QCOMPARE(keys.integer(0), 2);
    QCOMPARE(keys.integer(1), 2);
    lab.reset();

    // A store on a catalog of its own is another lab: its key is not the chain's.
    const QString dirC = m_dir->filePath(QStringLiteral("c"));
    const QString ownCatalog = QStringLiteral("sqlite:") + QDir(dirC).filePath(QStringLiteral("catalog.sqlite"));
    QCOMPARE(ctl(dirC, { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C2"),
                         QStringLiteral("--name"), QStringLiteral("Elsewhere") }, ownCatalog).code, 0);
    QCOMPARE(ctl(dirC, { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                         Test::corpusPath(QStringLiteral("real/png")) }, ownCatalog).code, 0);
    const Run foreign = ctl(dirC, { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--albums"),
                                    QStringLiteral("1"), QStringLiteral("--drive"), drive }, ownCatalog);
    QVERIFY2(foreign.code == 4, foreign.out + foreign.err);
    QVERIFY(foreign.err.contains("not by this lab") || foreign.out.contains("not by this lab"));
}


QTEST_GUILESS_MAIN(TestChainRouting)
#include "tst_chainrouting.moc"
