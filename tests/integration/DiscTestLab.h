// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the disc tests share: keepsakectl run as a whole process on a fresh data folder
// (SQLite, or the PostgreSQL test server), a customer C1 with photos from the corpus,
// and the catalog's view of the albums afterwards.
#pragma once

#include "TestSupport.h"
#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "disc/BurnJob.h"
#include "disc/DiscLayout.h"
#include "disc/DiscPlanner.h"
#include "disc/DiscRecord.h"
#include "lab/Lab.h"
#include "store/BlobStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keepsake;

namespace DiscTest {

// A program's exit code and output. Crashed or killed: Crashed; never started or
// still running after five minutes: NotRun, with the reason as its output.
struct Run
{
    static constexpr int Crashed = -1;
    static constexpr int NotRun = -2;
    int code = NotRun;
    QString out;
};

inline Run run(const QString &program, const QStringList &args, const QString &dir = {},
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    if (!dir.isEmpty())
        process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForStarted(30000))
        return { Run::NotRun, QStringLiteral("%1 did not start: %2").arg(program, process.errorString()) };
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        return { Run::NotRun, QStringLiteral("%1 did not finish within 5 minutes").arg(program) };
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : Run::Crashed,
             QString::fromUtf8(process.readAll()) };
}

inline QString digest(const QString &path, QCryptographicHash::Algorithm algorithm)
{
    QFile file(path);
    QCryptographicHash hash(algorithm);
    if (file.open(QIODevice::ReadOnly))
        hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

inline QString sha256(const QString &path)
{
    return digest(path, QCryptographicHash::Sha256);
}

inline QStringList xorrisoCheck(const QString &iso)
{
    return { QStringLiteral("-md5"), QStringLiteral("on"), QStringLiteral("-indev"), iso, QStringLiteral("-check_md5"),
             QStringLiteral("FAILURE"), QStringLiteral("--"), QStringLiteral("-check_md5_r"), QStringLiteral("FAILURE"),
             QStringLiteral("/"), QStringLiteral("--") };
}

} // namespace DiscTest

using namespace DiscTest;

class DiscTestLab : public QObject
{
protected:
    QTemporaryDir m_dir;
    QString m_data;
    QString m_catalog;

    Run ctl(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        return run(QStringLiteral(KEEPSAKE_CTL),
                   QStringList { QStringLiteral("--data-dir"), m_data, QStringLiteral("--catalog"), m_catalog } + args, {}, env);
    }

    QString image(const QString &name) const { return m_dir.filePath(name); }

    // Every album of the customer into `expired`, as the expiry sweep would leave them.
    void expireAll()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        QVERIFY2(lab.ok(), qPrintable(lab.ok() ? QString() : lab.error().message()));
        SqlQuery update((*lab)->catalog().db(),
                        QStringLiteral("UPDATE albums SET state = 'expired' WHERE state IN ('active', 'expiring')"));
        QVERIFY(update.exec().ok());
    }

    QString albumState(qint64 albumId)
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        SqlQuery query((*lab)->catalog().db(), QStringLiteral("SELECT state FROM albums WHERE id = :id"));
        query.bind(QStringLiteral(":id"), albumId);
        return query.exec().ok() && query.next() ? query.text(0) : QString();
    }

    // One large album: two of every three photos moved into the album of the first.
    void mergeAlbums()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        QVERIFY(lab.ok());
        SqlQuery merge((*lab)->catalog().db(), QStringLiteral(
            "UPDATE photos SET album_id = (SELECT album_id FROM photos WHERE id = (SELECT MIN(id) FROM photos)) "
            "WHERE id % 3 <> 0"));
        QVERIFY(merge.exec().ok());
    }

    // A capacity that splits the customer's largest album (by the planner's estimate)
    // in two while every photo still fits a disc alone; that album's ID.
    std::pair<qint64, qint64> splittingCapacity()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        const Albums albums((*lab)->catalog());
        qint64 biggest = 0, biggestBytes = 0, largestPhoto = 0;
        const QList<AlbumSummary> all = albums.customerView(Customers((*lab)->catalog()).byCode(QStringLiteral("C1"))->id, true).value();
        for (const AlbumSummary &album : all) {
            const QList<PhotoRecord> photos = albums.photos(album.id).value();
            for (const PhotoRecord &photo : photos)
                largestPhoto = qMax(largestPhoto, DiscLayout::estimate(photo));
            if (photos.size() >= 3 && DiscLayout::estimate(photos) > biggestBytes) {
                biggestBytes = DiscLayout::estimate(photos);
                biggest = album.id;
            }
        }
        const qint64 capacity = DiscPlanner::SessionOverhead + DiscPlanner::AlbumOverhead
                                + qMax(largestPhoto, biggestBytes * 6 / 10) + 1;
        return { capacity, biggest };
    }

    QStringList states()
    {
        ManualClock clock(QDateTime::currentDateTimeUtc());
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        SqlQuery query((*lab)->catalog().db(), QStringLiteral("SELECT DISTINCT state FROM albums a WHERE EXISTS "
                                                                               "(SELECT 1 FROM photos p WHERE p.album_id = a.id) ORDER BY state"));
        QStringList result;
        if (query.exec().ok())
            while (query.next())
                result << query.text(0);
        return result;
    }

    void freshLab(const QStringList &folders)
    {
        m_data = m_dir.filePath(QStringLiteral("data-%1").arg(QRandomGenerator::global()->generate()));
        QDir().mkpath(m_data);
        m_catalog = Test::testCatalogUrl(m_data);
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
        auto lab = Lab::open(LabLocation::resolve(m_data, m_catalog), clock);
        return lab.ok() ? std::move(lab).value() : nullptr;
    }
};
