// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The burn station's queue and the requester's settlement, in one process (issue 15):
// a disc burned the station's way (BurnJob with recordHere false) records nothing; its
// report, checked against the catalog, records the albums; a report that does not
// match the catalog records nothing; the queue's states only move forward. The whole
// station over the network is tst_station.
#include "DiscTestLab.h"

#include "catalog/Devices.h"
#include "catalog/SqlQuery.h"
#include "disc/BurnJob.h"
#include "disc/DiscDrive.h"
#include "net/DeviceService.h"
#include "station/StationJobs.h"
#include "station/StationReport.h"
#include "station/StationSettlement.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

class TestStationSettle : public DiscTestLab
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void settledReportRecordsTheAlbums();
    void reportThatDoesNotMatchRecordsNothing();
    void recordingThatFailsLeavesTheJobToSettleAgain();
    void queueMovesOnlyForward();
    void burnAfterListingTheDrivesVerifies();
    void secondServeOfAStationLeavesItsJobsAlone();

private:
    struct Chain { qint64 station = 0; qint64 requester = 0; };
    Chain registerDevices(const Lab &lab);
    // Burns C1's expired albums the station's way into `iso`; gives the verified job.
    StationJob burnAsStation(const Lab &lab, const Chain &chain, const QString &iso);
};

void TestStationSettle::init()
{
    freshLab({ QStringLiteral("dups/exact") });
}

TestStationSettle::Chain TestStationSettle::registerDevices(const Lab &lab)
{
    Chain chain;
    const Devices devices(lab.catalog());
    int n = 0;
    for (qint64 *id : { &chain.station, &chain.requester }) {
        Device device;
        device.name = n == 0 ? QStringLiteral("S2") : QStringLiteral("S1");
        device.url = QStringLiteral("https://127.0.0.1:%1").arg(9440 + n);
        device.fingerprint = QString(64, QLatin1Char(n == 0 ? 'a' : 'b'));
        device.certificatePem = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
        const Result<Device> added = devices.add(device, lab.clock().now());
        if (added)
            *id = added->id;
        ++n;
    }
    return chain;
}

StationJob TestStationSettle::burnAsStation(const Lab &lab, const Chain &chain, const QString &iso)
{
    const Result<Customer> customer = Customers(lab.catalog()).byCode(QStringLiteral("C1"));
    if (!customer)
        return {};
    const StationJobs jobs(lab.catalog());
    StationJobRequest request { chain.station, chain.requester, QStringLiteral("stdio:") + iso, customer->id, {}, {}, 0,
                                QStringLiteral("test") };
    const Result<StationJob> added = jobs.add(request, lab.clock().now());
    const Result<std::optional<StationJob>> claimed = jobs.claimNext(chain.station, lab.clock().now());
    if (!added || !claimed || !claimed->has_value() || (*claimed)->id != added->id)
        return {};
    BurnOptions options;
    options.customerCode = QStringLiteral("C1");
    options.drive = QStringLiteral("stdio:") + iso;
    options.recordHere = false;
    BurnJob burn(lab, options);
    const Result<BurnSummary> summary = burn.run();
    if (!summary) {
        qWarning() << summary.error().message();
        return {};
    }
    if (!jobs.setVerified(added->id, StationReport { summary->discs }.toJson(), QStringLiteral("verified")))
        return {};
    const Result<StationJob> verified = jobs.byId(added->id);
    return verified ? *verified : StationJob {};
}

void TestStationSettle::settledReportRecordsTheAlbums()
{
    expireAll();
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    const Chain chain = registerDevices(*lab);
    const QString iso = image(QStringLiteral("station.iso"));
    const StationJob job = burnAsStation(*lab, chain, iso);
    QVERIFY(job.awaitsRequester());
    QCOMPARE(run(QStringLiteral("xorriso"), xorrisoCheck(iso)).code, 0);
    QCOMPARE(states(), QStringList { QStringLiteral("expired") });   // the station records nothing

    const Result<QList<BurnedDisc>> discs = StationSettlement::settle(*lab, job, { QStringLiteral("S1 (test)"), QStringLiteral("test"), {} });
    QVERIFY2(discs, discs ? "" : qPrintable(discs.error().message()));
    QCOMPARE(discs->size(), 1);
    QVERIFY(!discs->first().recordedAlbums.isEmpty());
    QVERIFY(!discs->first().pickupCode.isEmpty());
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });
    const Result<StationJob> done = StationJobs(lab->catalog()).byId(job.id);
    QCOMPARE(done->state, StationJob::State::Done);
    // Settled once: a second settlement (two requesters racing) records nothing more.
    const Result<QList<BurnedDisc>> again = StationSettlement::settle(*lab, job, { QStringLiteral("other"), {}, {} });
    QVERIFY(again && again->isEmpty());
}

void TestStationSettle::reportThatDoesNotMatchRecordsNothing()
{
    expireAll();
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    const Chain chain = registerDevices(*lab);
    StationJob job = burnAsStation(*lab, chain, image(QStringLiteral("altered.iso")));
    QVERIFY(job.awaitsRequester());
    const StationJob honest = job;

    // A photo listed with other bytes than the catalog's.
    QJsonObject report = QJsonDocument::fromJson(job.report).object();
    QJsonArray discs = report.value(QStringLiteral("discs")).toArray();
    QJsonObject disc = discs.at(0).toObject();
    QByteArray manifest = disc.value(QStringLiteral("manifest")).toString().toUtf8();
    const QJsonObject parsed = QJsonDocument::fromJson(manifest).object();
    const QString sha = parsed.value(QStringLiteral("sessions")).toArray().last().toObject().value(QStringLiteral("albums"))
                            .toArray().first().toObject().value(QStringLiteral("photos")).toArray().first().toObject()
                            .value(QStringLiteral("sha256")).toString();
    QCOMPARE(sha.size(), 64);
    manifest.replace(sha.toUtf8(), QString(64, QLatin1Char('0')).toUtf8());
    disc.insert(QStringLiteral("manifest"), QString::fromUtf8(manifest));
    discs.replace(0, disc);
    report.insert(QStringLiteral("discs"), discs);
    job.report = QJsonDocument(report).toJson(QJsonDocument::Compact);
    Result<QList<BurnedDisc>> settled = StationSettlement::settle(*lab, job, { QStringLiteral("S1"), {}, {} });
    QVERIFY(!settled);
    QCOMPARE(settled.error().kind(), Error::Kind::Refused);
    QVERIFY2(settled.error().message().contains(QStringLiteral("other bytes")), qPrintable(settled.error().message()));

    // Signed with a key the chain does not know.
    job = honest;
    job.report.replace(QStringLiteral("\"lab_key\":\"").toUtf8(), QStringLiteral("\"lab_key\":\"ff").toUtf8());
    settled = StationSettlement::settle(*lab, job, { QStringLiteral("S1"), {}, {} });
    QVERIFY(!settled);
    QCOMPARE(settled.error().kind(), Error::Kind::Refused);

    QCOMPARE(states(), QStringList { QStringLiteral("expired") });
    QVERIFY(StationJobs(lab->catalog()).byId(job.id)->awaitsRequester());   // still there to reject
}

// The job ends done in the transaction that records its disc: a recording that fails
// (here the catalog already holds that disc's session) leaves the job waiting, and a
// later settlement records it. (The job was once claimed first, and stayed claimed by
// a settlement that failed, so that nobody recorded it again.)
void TestStationSettle::recordingThatFailsLeavesTheJobToSettleAgain()
{
    expireAll();
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    const Chain chain = registerDevices(*lab);
    const StationJob job = burnAsStation(*lab, chain, image(QStringLiteral("retry.iso")));
    QVERIFY(job.awaitsRequester());
    const QString discId = StationReport::fromJson(job.report)->discs.first().discId;
    const auto exec = [&lab](const QString &sql, const QString &id) {
        SqlQuery query(lab->catalog().db(), sql);
        query.bind(QStringLiteral(":id"), id);
        return query.exec().ok();
    };
    QVERIFY(exec(QStringLiteral("INSERT INTO discs (id, customer_id, created_at) VALUES (:id, 1, '2026-01-01T00:00:00Z')"), discId));
    QVERIFY(exec(QStringLiteral("INSERT INTO disc_sessions (disc_id, number, recorded_at) VALUES (:id, 1, '2026-01-01T00:00:00Z')"), discId));

    const Result<QList<BurnedDisc>> failed = StationSettlement::settle(*lab, job, { QStringLiteral("first"), QStringLiteral("test"), {} });
    QVERIFY(!failed);
    QCOMPARE(states(), QStringList { QStringLiteral("expired") });
    QVERIFY(StationJobs(lab->catalog()).byId(job.id)->awaitsRequester());

    QVERIFY(exec(QStringLiteral("DELETE FROM disc_sessions WHERE disc_id = :id"), discId));
    QVERIFY(exec(QStringLiteral("DELETE FROM discs WHERE id = :id"), discId));
    const Result<QList<BurnedDisc>> settled = StationSettlement::settle(*lab, job, { QStringLiteral("second"), QStringLiteral("test"), {} });
    QVERIFY2(settled, settled ? "" : qPrintable(settled.error().message()));
    QCOMPARE(settled->size(), 1);
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });
    QCOMPARE(StationJobs(lab->catalog()).byId(job.id)->state, StationJob::State::Done);
}

void TestStationSettle::queueMovesOnlyForward()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    const Chain chain = registerDevices(*lab);
    const qint64 customer = Customers(lab->catalog()).byCode(QStringLiteral("C1"))->id;
    const StationJobs jobs(lab->catalog());
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        const StationJobRequest request { chain.station, chain.requester, QStringLiteral("stdio:/tmp/q%1.iso").arg(i),
                                          customer, {}, {}, 0, {} };
        ids << jobs.add(request, clock.now())->id;
    }
    QCOMPARE(jobs.byId(ids.at(2))->position, 3);
    const Result<std::optional<StationJob>> first = jobs.claimNext(chain.station, clock.now());
    QCOMPARE((*first)->id, ids.at(0));
    QCOMPARE((*first)->state, StationJob::State::Running);
    QCOMPARE(jobs.byId(ids.at(2))->position, 2);
    // Done only from a verified disc; an ended job never changes again.
    QCOMPARE(*jobs.finish(ids.at(0), StationJob::State::Done, {}, clock.now()), false);
    QCOMPARE(*jobs.finish(ids.at(1), StationJob::State::Cancelled, {}, clock.now()), true);
    QCOMPARE(*jobs.finish(ids.at(1), StationJob::State::Failed, {}, clock.now()), false);
    QCOMPARE(jobs.byId(ids.at(1))->state, StationJob::State::Cancelled);
    // The next claim skips the cancelled job.
    QVERIFY(jobs.setVerified(ids.at(0), "{\"discs\":[]}", QStringLiteral("verified")));
    QCOMPARE((*jobs.claimNext(chain.station, clock.now()))->id, ids.at(2));
    // A station that starts fails what is unfinished, not a disc waiting for its requester.
    const Result<QList<StationJob>> failed = jobs.failUnfinished(chain.station, QStringLiteral("restarted"), clock.now());
    QCOMPARE(failed->size(), 1);
    QCOMPARE(failed->first().id, ids.at(2));
    QVERIFY(jobs.byId(ids.at(0))->awaitsRequester());
    QCOMPARE(jobs.byId(ids.at(2))->state, StationJob::State::Failed);
    // A station that found nothing to record: the job ends done, with nothing recorded.
    const Result<QList<BurnedDisc>> nothing = StationSettlement::settle(*lab, *jobs.byId(ids.at(0)), { QStringLiteral("one"), {}, {} });
    QVERIFY2(nothing, nothing ? "" : qPrintable(nothing.error().message()));
    QVERIFY(nothing->isEmpty());
    QCOMPARE(jobs.byId(ids.at(0))->state, StationJob::State::Done);
    QCOMPARE(*StationJobs::markSettled(lab->catalog().db(), ids.at(0), QStringLiteral("two"), {}, clock.now()), false);
}

// A station lists its drives, then burns into an image file, in one process. The scan
// was given up while libburn still ran it: the listing failed, and the image burned
// afterwards lacked its session checksum, so verification failed.
void TestStationSettle::burnAfterListingTheDrivesVerifies()
{
    expireAll();
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab);
    const Result<QList<DriveEntry>> listed = DiscDrive::list();
    QVERIFY2(listed, listed ? "" : qPrintable(listed.error().message()));
    BurnOptions options;
    options.customerCode = QStringLiteral("C1");
    options.drive = QStringLiteral("stdio:") + image(QStringLiteral("listed.iso"));
    options.actor = QStringLiteral("test");
    BurnJob burn(*lab, options);
    const Result<BurnSummary> summary = burn.run();
    QVERIFY2(summary, summary ? "" : qPrintable(summary.error().message()));
    QCOMPARE(states(), QStringList { QStringLiteral("recorded") });
    const Result<QList<DriveEntry>> again = DiscDrive::list();   // and listing again after a burn
    QVERIFY2(again, again ? "" : qPrintable(again.error().message()));
}

// A second `serve` of a station (started by mistake) is refused its port: it must not
// fail, as a station that restarted would, the job the first one is running.
void TestStationSettle::secondServeOfAStationLeavesItsJobsAlone()
{
    QTcpServer first;
    QVERIFY(first.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("https://127.0.0.1:%1").arg(first.serverPort());
    QCOMPARE(ctl({ QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("S2"),
                   QStringLiteral("--url"), url }).code, 0);
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    QVERIFY(lab && lab->device());
    const qint64 customer = Customers(lab->catalog()).byCode(QStringLiteral("C1"))->id;
    const StationJobs jobs(lab->catalog());
    const StationJobRequest request { lab->device()->id, lab->device()->id, QStringLiteral("stdio:/tmp/running.iso"),
                                      customer, {}, {}, 0, {} };
    const qint64 id = jobs.add(request, clock.now())->id;
    QCOMPARE((*jobs.claimNext(lab->device()->id, clock.now()))->id, id);   // the first serve runs it

    DeviceService second(*lab);
    QVERIFY(!second.start(QHostAddress::LocalHost, first.serverPort()));
    QCOMPARE(jobs.byId(id)->state, StationJob::State::Running);
}

QTEST_MAIN(TestStationSettle)   // a QGuiApplication: the prints after a settlement draw text
#include "tst_stationsettle.moc"
