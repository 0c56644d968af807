// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the chain tests share (tst_chain, tst_chainrouting): two data folders made
// devices with `keepsakectl device init` on one catalog (SQLite, or a fresh PostgreSQL
// database as their _postgres variants), routes, cards, and keepsakectl runs.
#pragma once

#include "TestSupport.h"

#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/Devices.h"
#include "catalog/ForwardQueue.h"
#include "catalog/SqlQuery.h"
#include "catalog/Terminals.h"
#include "lab/Lab.h"
#include "lab/LabDevice.h"
#include "store/BlobStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <algorithm>

using namespace Keepsake;

class ChainTestLab : public QObject
{
protected:
    struct Run { int code = -1; QByteArray out; QByteArray err; QList<QJsonObject> records; QJsonObject summary; };
    // A fresh folder and catalog for each test (init), gone after it (cleanup).
    void setUpLab();
    void tearDownLab();
    Run ctl(const QString &dir, const QStringList &args, const QString &catalog = {});
    QString dirA() const { return m_dir->filePath(QStringLiteral("a")); }
    QString dirB() const { return m_dir->filePath(QStringLiteral("b")); }
    std::unique_ptr<Lab> openLab(const QString &dir);
    // Devices S1 (folder a) and S2 (folder b) on one catalog.
    void makeTwoDevices();
    // C1 (home S2) and C2 (no home); camera 380319450 (Canon) kept on S1, 2001881 ("Nikon") on S2.
    void registerRoutes();
    QString card(const QString &name, const QStringList &files);
    QHash<QString, QJsonObject> photosOf(const QString &dir, const QString &customer);
    void pairCounter(QString &token);
    // C1's PNGs and C2's TIFFs handed in at S1: what S1 owes S2.
    void handInOwed(QList<QJsonObject> &owed);
    void deliverByHand(const Lab &from, const Lab &to, const QList<QJsonObject> &owed);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_catalog;
    ManualClock m_clock { QDateTime(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::utc()) };
};

inline void ChainTestLab::setUpLab()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_catalog = Test::testCatalogUrl(dirA());
}

inline void ChainTestLab::tearDownLab()
{
    m_dir.reset();
}

inline ChainTestLab::Run ChainTestLab::ctl(const QString &dir, const QStringList &args, const QString &catalog)
{
    QProcess process;
    process.start(qEnvironmentVariable("KEEPSAKECTL"),
                  QStringList { QStringLiteral("--data-dir"), dir, QStringLiteral("--catalog"),
                                catalog.isEmpty() ? m_catalog : catalog } + args);
    Run run;
    if (!process.waitForFinished(300000))
        return run;
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    for (const QByteArray &line : run.out.split('\n')) {
        if (!line.startsWith('{'))
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.contains(QStringLiteral("summary")))
            run.summary = object.value(QStringLiteral("summary")).toObject();
        else
            run.records.append(object);
    }
    return run;
}

inline std::unique_ptr<Lab> ChainTestLab::openLab(const QString &dir)
{
    Result<std::unique_ptr<Lab>> lab = Lab::open({ dir, m_catalog }, m_clock);
    if (!lab)
        qWarning() << lab.error().message();
    return lab ? std::move(lab).value() : nullptr;
}

inline void ChainTestLab::makeTwoDevices()
{
    QCOMPARE(ctl(dirA(), { QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("S1"),
                           QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:18443") }).code, 0);
    QCOMPARE(ctl(dirB(), { QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("S2"),
                           QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:18444") }).code, 0);
}

inline void ChainTestLab::registerRoutes()
{
    QCOMPARE(ctl(dirA(), { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C1"),
                           QStringLiteral("--name"), QStringLiteral("Home at S2"), QStringLiteral("--home"), QStringLiteral("s2") }).code, 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C2"),
                           QStringLiteral("--name"), QStringLiteral("No home") }).code, 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("camera"), QStringLiteral("add"), QStringLiteral("--serial"), QStringLiteral("380319450"),
                           QStringLiteral("--make"), QStringLiteral("canon"), QStringLiteral("--device"), QStringLiteral("S1") }).code, 0);
    QCOMPARE(ctl(dirB(), { QStringLiteral("camera"), QStringLiteral("add"), QStringLiteral("--serial"), QStringLiteral("2001881"),
                           QStringLiteral("--make"), QStringLiteral("Nikon"), QStringLiteral("--device"), QStringLiteral("S2") }).code, 0);
}

inline QString ChainTestLab::card(const QString &name, const QStringList &files)
{
    const QString folder = m_dir->filePath(name);
    QDir().mkpath(folder);
    for (const QString &file : files)
        QFile::copy(Test::corpusPath(file), QDir(folder).filePath(QFileInfo(file).fileName()));
    return folder;
}

// The customer's photos by original name, as `photos --json` gives them.
inline QHash<QString, QJsonObject> ChainTestLab::photosOf(const QString &dir, const QString &customer)
{
    QHash<QString, QJsonObject> photos;
    const Run albums = ctl(dir, { QStringLiteral("--json"), QStringLiteral("albums"), QStringLiteral("--customer"), customer });
    for (const QJsonObject &album : albums.records) {
        const Run listed = ctl(dir, { QStringLiteral("--json"), QStringLiteral("photos"), QStringLiteral("--album"),
                                      QString::number(album.value(QStringLiteral("id")).toInteger()) });
        for (const QJsonObject &photo : listed.records)
            photos.insert(photo.value(QStringLiteral("name")).toString(), photo);
    }
    return photos;
}

inline void ChainTestLab::pairCounter(QString &token)
{
    // A data folder that is no device pairs nothing.
    QCOMPARE(ctl(dirA(), { QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K1") }).code, 4);
    makeTwoDevices();
    const Run paired = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K1"),
                                     QStringLiteral("--kind"), QStringLiteral("counter") });
    QVERIFY2(paired.code == 0, paired.err.constData());
    QCOMPARE(paired.records.size(), 1);
    token = paired.records.first().value(QStringLiteral("token")).toString();
}

inline void ChainTestLab::handInOwed(QList<QJsonObject> &owed)
{
    makeTwoDevices();
    registerRoutes();
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--no-thumbnails"),
                           Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--no-thumbnails"),
                           Test::corpusPath(QStringLiteral("real/tiff")) }).code, 0);
    owed = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("queue") }).records;
    QVERIFY(owed.size() >= 2);
}

// The forwarder's part, done by hand: the target stores the bytes, the forward goes,
// the receiver drops its copy.
inline void ChainTestLab::deliverByHand(const Lab &from, const Lab &to, const QList<QJsonObject> &owed)
{
    const ForwardQueue queue(from.catalog());
    BlobStore::Batch batch(to.store());
    for (const QJsonObject &forward : owed) {
        QFile file(from.store().pathFor(forward.value(QStringLiteral("sha256")).toString()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(batch.add(forward.value(QStringLiteral("sha256")).toString(), file.readAll()));
    }
    QVERIFY(batch.commit());
    for (const QJsonObject &forward : owed) {
        const QString sha = forward.value(QStringLiteral("sha256")).toString();
        QVERIFY(*queue.stillNeeded(from.device()->id, sha));
        QVERIFY(queue.delivered({ forward.value(QStringLiteral("photo")).toInteger() }));
        QVERIFY(!*queue.stillNeeded(from.device()->id, sha));
        QVERIFY(*queue.stillNeeded(to.device()->id, sha));
        QCOMPARE(*LabDevice::dropForwardedCopies(from, { sha }), 1);
        QVERIFY(!from.store().contains(sha));
    }
}

