// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The remote burn station (issue 15): devices S1 and S2 take photos in and ask S3, a
// device of the same catalog, to record their customers' expired albums onto `stdio:`
// image files on S3. S3 is reached at its URL through a relay the test takes down and
// brings back. The pause points of S3's serve (KEEPSAKE_PAUSE_DIR) hold a job at 30 %
// while the test queues a second job, cuts the connection, kills the requester or the
// station, or cancels: no sleeps, no timing. A device of another catalog and a kiosk
// terminal cannot submit a job.
// Runs on SQLite and (as tst_station_postgres) on a fresh PostgreSQL database.
#include "DiscTestLab.h"
#include "NetworkChain.h"
#include "TestSupport.h"

#include "catalog/Catalog.h"
#include "catalog/CatalogUrl.h"
#include "catalog/Devices.h"
#include "lab/DeviceIdentity.h"
#include "net/DeviceClient.h"

#include <QDateTime>
#include <QDirIterator>
#include <QSet>
#include <algorithm>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

constexpr int JobMs = 120000;   // a job of a few MB, with the station's retries around it

QString idOf(const QJsonObject &record)
{
    const QJsonValue id = record.value(QStringLiteral("id"));
    if (id.isUndefined() || id.isNull())
        return {};
    return id.isString() ? id.toString() : QString::number(id.toInteger());
}

// A job the station is through with: ended, or its disc verified and waiting for the requester.
bool verifiedOrEnded(const QJsonObject &job)
{
    return job.value(QStringLiteral("progress")).toInt() == 100
        || QStringList { QStringLiteral("done"), QStringLiteral("failed"), QStringLiteral("cancelled") }
               .contains(job.value(QStringLiteral("state")).toString());
}

} // namespace

class TestStation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void imageVerifiesAndAlbumsAreRecorded();
    void twoRequestsQueueOnOneStation();
    void cutConnectionLearnsTheOutcomeOnReconnect();
    void killedRequesterSettlesWithJobs();
    void killedStationFailsTheJob();
    void cancelAt30LeavesNoImage();
    void deviceOfAnotherCatalogIsRefused();
    void kioskTokenCannotSubmitAJob();

private:
    static CtlRun at(const ChainDevice &device, const QStringList &args) { return ctlBeside(device.local(args)); }
    bool handIn(const ChainDevice &device, const QString &customer, const QStringList &sources);
    QString bigCard(const QString &customer);
    bool expireAll(const ChainDevice &device);
    RunningCtl *burn(const ChainDevice &device, const QString &customer, const QString &iso);
    // S3's pause point at 30 %: armed, the job that waits there, released.
    void arm() const;
    void release() const;
    QString pausedJob() const;
    bool waitPaused(RunningCtl &burning, QString *job) const;
    // The job's record as `jobs --station S3` shows it on a device; as S3 itself answers
    // it past the relay (GET station/jobs/ID as device S2) once verified or ended.
    QJsonObject job(const QString &id, const ChainDevice &on) const;
    QJsonObject finishedAtStation(const QString &id) const;
    int jobCount() const;
    bool stationIdle() const;
    QStringList states(const QString &customer) const;   // of the customer's albums with photos
    static bool verifies(const QString &iso);
    QSet<QString> photosOnDisc(const QString &iso, const QString &folder) const;
    QString image(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_catalogUrl;
    QString m_pause;
    int m_sweepDay = 4000;
    std::unique_ptr<ChainDevice> m_s1;
    std::unique_ptr<ChainDevice> m_s2;
    std::unique_ptr<ChainDevice> m_s3;
    std::unique_ptr<SwitchableRelay> m_relay;
    std::unique_ptr<RunningCtl> m_burn;   // the current case's, killed by cleanup() if still running
};

void TestStation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_catalogUrl = testCatalogUrl(m_dir.path());
    m_pause = m_dir.filePath(QStringLiteral("pause"));
    QVERIFY(QDir().mkpath(m_pause));
    m_s1 = std::make_unique<ChainDevice>(QStringLiteral("S1"), m_dir.filePath(QStringLiteral("s1")), m_catalogUrl);
    m_s2 = std::make_unique<ChainDevice>(QStringLiteral("S2"), m_dir.filePath(QStringLiteral("s2")), m_catalogUrl);
    m_s3 = std::make_unique<ChainDevice>(QStringLiteral("S3"), m_dir.filePath(QStringLiteral("s3")), m_catalogUrl);
    // S3's URL names the relay's port; S3 listens behind it.
    m_s3->listenPort = freePort();
    m_s3->environment = QProcessEnvironment::systemEnvironment();
    m_s3->environment.insert(QStringLiteral("KEEPSAKE_PAUSE_DIR"), m_pause);
    m_relay = std::make_unique<SwitchableRelay>(m_s3->port, m_s3->listenPort);
    QVERIFY(m_relay->setDown(false));
    for (ChainDevice *device : { m_s1.get(), m_s2.get(), m_s3.get() }) {
        QVERIFY(device->init());
        QVERIFY2(device->start(), qPrintable(device->name));
    }
    const QList<QStringList> customers {
        { QStringLiteral("CA"), QStringLiteral("S1"), QStringLiteral("--pin"), QStringLiteral("1357") },
        { QStringLiteral("CB"), QStringLiteral("S2") },   // kept at S2, asked for by S2
        { QStringLiteral("CQ"), QStringLiteral("S1") },   // the big albums, for the paused cases
        { QStringLiteral("CR"), QStringLiteral("S1") },
        { QStringLiteral("CK"), QStringLiteral("S1") },
        { QStringLiteral("CF"), QStringLiteral("S1") },
    };
    for (const QStringList &c : customers) {
        const CtlRun added = at(*m_s1, QStringList { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"),
                                                     c.at(0), QStringLiteral("--name"), QStringLiteral("Customer ") + c.at(0),
                                                     QStringLiteral("--home"), c.at(1) } + c.mid(2));
        QVERIFY2(added.code == 0, qPrintable(added.why()));
    }
    QVERIFY(handIn(*m_s1, QStringLiteral("CA"), { corpusPath(QStringLiteral("dups/exact")) }));
    QVERIFY(handIn(*m_s2, QStringLiteral("CB"), { corpusPath(QStringLiteral("real/png")) }));
    for (const QString &customer : { QStringLiteral("CQ"), QStringLiteral("CR"), QStringLiteral("CK"), QStringLiteral("CF") })
        QVERIFY(handIn(*m_s1, customer, { bigCard(customer) }));
    QVERIFY(expireAll(*m_s1));
    for (const QString &customer : { QStringLiteral("CA"), QStringLiteral("CB"), QStringLiteral("CQ"), QStringLiteral("CR"),
                                     QStringLiteral("CK"), QStringLiteral("CF") })
        QCOMPARE(states(customer), QStringList { QStringLiteral("expired") });
}

// Whatever a case left: its burn ended, the relay up, S3 serving, and no job of S3
// still going (a job held at 30 % goes on once released; a new arm must not catch it).
void TestStation::cleanup()
{
    m_burn.reset();
    release();
    QVERIFY(m_relay->setDown(false));
    if (!m_s3->process || m_s3->process->state() == QProcess::NotRunning)
        QVERIFY(m_s3->start());
    QVERIFY2(QTest::qWaitFor([this] { return stationIdle(); }, JobMs), "a job of S3 did not end");
    for (const QString &left : QDir(m_pause).entryList(QDir::Files))
        QFile::remove(QDir(m_pause).filePath(left));
}

// Every job of S3 ended, or verified and waiting for its requester.
bool TestStation::stationIdle() const
{
    const QList<QJsonObject> jobs = at(*m_s2, { QStringLiteral("jobs"), QStringLiteral("--station"), QStringLiteral("S3") }).records();
    return std::all_of(jobs.cbegin(), jobs.cend(), &verifiedOrEnded);
}

void TestStation::cleanupTestCase()
{
    for (ChainDevice *device : { m_s1.get(), m_s2.get(), m_s3.get() })
        if (device)
            QVERIFY(device->stop());
}

bool TestStation::handIn(const ChainDevice &device, const QString &customer, const QStringList &sources)
{
    const CtlRun in = at(device, QStringList { QStringLiteral("ingest"), QStringLiteral("--customer"), customer,
                                               QStringLiteral("--no-thumbnails") } + sources);
    if (in.code != 0 && in.code != 3)
        qWarning().noquote() << in.why();
    return (in.code == 0 || in.code == 3) && in.summary().value(QStringLiteral("new")).toInt() > 0;
}

// The JPEGs of real/jpeg (19 MB), each made the customer's own by bytes at its end.
QString TestStation::bigCard(const QString &customer)
{
    const QString folder = m_dir.filePath(QStringLiteral("card-") + customer);
    QDir().mkpath(folder);
    int n = 0;
    for (const QString &relative : corpusFiles(QStringLiteral("real/jpeg"))) {
        QFile source(corpusPath(relative));
        QFile copy(QDir(folder).filePath(QStringLiteral("%1-%2").arg(n).arg(QFileInfo(relative).fileName())));
        if (!source.open(QIODevice::ReadOnly) || !copy.open(QIODevice::WriteOnly))
            return {};
        copy.write(source.readAll() + QStringLiteral("keepsake-station-%1-%2").arg(customer).arg(n++).toUtf8());
    }
    return folder;
}

// Two sweeps under a moved clock (the first sends the notice, the second expires), as
// the lab's timer would over the months; the burns then run in real time.
bool TestStation::expireAll(const ChainDevice &device)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NO_FAKE_STAT"), QStringLiteral("1"));
    for (const int day : { m_sweepDay, m_sweepDay + 100 }) {
        const DiscTest::Run sweep = DiscTest::run(QStringLiteral("faketime"), QStringList { QStringLiteral("-f"),
            QStringLiteral("+%1d").arg(day), keepsakectl() } + device.local({ QStringLiteral("expire") }), {}, environment);
        if (sweep.code != 0 && sweep.code != 3) {
            qWarning().noquote() << "expire under faketime:" << sweep.code << sweep.out;
            return false;
        }
    }
    m_sweepDay += 1000;
    return true;
}

RunningCtl *TestStation::burn(const ChainDevice &device, const QString &customer, const QString &iso)
{
    m_burn = std::make_unique<RunningCtl>(device.local({ QStringLiteral("burn"), QStringLiteral("--customer"), customer,
                                                      QStringLiteral("--station"), QStringLiteral("S3"), QStringLiteral("--drive"),
                                                      QStringLiteral("stdio:") + iso }));
    return m_burn.get();
}

void TestStation::arm() const
{
    QFile armed(QDir(m_pause).filePath(QStringLiteral("station-at-30")));
    QVERIFY(armed.open(QIODevice::WriteOnly));
}

void TestStation::release() const
{
    QFile::remove(QDir(m_pause).filePath(QStringLiteral("station-at-30")));
}

QString TestStation::pausedJob() const
{
    const QString prefix = QStringLiteral("station-job-");
    const QString suffix = QStringLiteral("-paused-at-30");
    for (const QString &name : QDir(m_pause).entryList({ prefix + QLatin1Char('*') + suffix }, QDir::Files))
        return name.mid(prefix.size(), name.size() - prefix.size() - suffix.size());
    return {};
}

// Until the job is held at 30 % (its ID is the one burn printed first), or burn ended.
bool TestStation::waitPaused(RunningCtl &burning, QString *job) const
{
    const bool held = QTest::qWaitFor([&] {
        *job = pausedJob();
        return !job->isEmpty() || burning.ended();
    }, JobMs);
    if (!held || job->isEmpty())
        return false;
    return QTest::qWaitFor([&] { return idOf(burning.result().first()) == *job; }, 10000);
}

QJsonObject TestStation::job(const QString &id, const ChainDevice &on) const
{
    const CtlRun listed = at(on, { QStringLiteral("jobs"), QStringLiteral("--station"), QStringLiteral("S3") });
    for (const QJsonObject &record : listed.records())
        if (idOf(record) == id)
            return record;
    return {};
}

QJsonObject TestStation::finishedAtStation(const QString &id) const
{
    const Result<DeviceIdentity> identity = DeviceIdentity::load(m_s2->dataDir);
    DeviceClient station(DeviceEndpoint { QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_s3->listenPort)), m_s3->fingerprint, {},
                                          {}, identity ? identity->certificatePem() : QByteArray(), identity ? identity->keyPem() : QByteArray() });
    QJsonObject job;   // the caller checks what it got
    static_cast<void>(QTest::qWaitFor([&] {
        const Result<QJsonValue> answer = station.get(QStringLiteral("station/jobs/") + id);
        job = answer ? answer->toObject() : QJsonObject();
        return verifiedOrEnded(job);
    }, JobMs));
    return job;
}

int TestStation::jobCount() const
{
    const CtlRun listed = at(*m_s1, { QStringLiteral("jobs"), QStringLiteral("--station"), QStringLiteral("S3") });
    return listed.code == 0 ? int(listed.records().size()) : -1;
}

QStringList TestStation::states(const QString &customer) const
{
    QStringList result;
    const CtlRun albums = at(*m_s1, { QStringLiteral("albums"), QStringLiteral("--customer"), customer, QStringLiteral("--all") });
    for (const QJsonObject &album : albums.records())
        if (album.value(QStringLiteral("photos")).toInt() > 0)
            result << album.value(QStringLiteral("state")).toString();
    result.sort();
    result.removeDuplicates();
    return result;
}

bool TestStation::verifies(const QString &iso)
{
    return DiscTest::run(QStringLiteral("xorriso"), DiscTest::xorrisoCheck(iso)).code == 0;
}

// The SHA-256 of every file on the image, extracted with xorriso.
QSet<QString> TestStation::photosOnDisc(const QString &iso, const QString &folder) const
{
    QSet<QString> hashes;
    const DiscTest::Run extracted = DiscTest::run(QStringLiteral("xorriso"), { QStringLiteral("-osirrox"), QStringLiteral("on"),
        QStringLiteral("-indev"), iso, QStringLiteral("-extract"), QStringLiteral("/"), folder });
    if (extracted.code != 0)
        qWarning().noquote() << extracted.out;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        hashes.insert(DiscTest::sha256(it.next()));
    return hashes;
}

// Case 1. S1 asks S3 to record CA's albums on an image file at S3: burn prints the job
// first, then the disc and summary naming the job and station; the image passes
// xorriso's MD5 check and holds every photo byte for byte; the albums are recorded and
// the job done at 100 %.
void TestStation::imageVerifiesAndAlbumsAreRecorded()
{
    const CtlRun drives = at(*m_s1, { QStringLiteral("drives"), QStringLiteral("--station"), QStringLiteral("S3") });
    QVERIFY2(drives.code == 0 && drives.summary().contains(QStringLiteral("drives")), qPrintable(drives.why()));

    const QString iso = image(QStringLiteral("ca.iso"));
    const CtlRun burned = at(*m_s1, { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("CA"),
                                      QStringLiteral("--station"), QStringLiteral("S3"), QStringLiteral("--drive"),
                                      QStringLiteral("stdio:") + iso });
    QVERIFY2(burned.code == 0, qPrintable(burned.why()));
    const QList<QJsonObject> records = burned.records();
    QVERIFY2(records.size() >= 2, qPrintable(burned.why()));
    const QString id = idOf(records.first());
    const QString submitted = records.first().value(QStringLiteral("state")).toString();   // as the station took it
    QVERIFY2(submitted == QLatin1String("queued") || submitted == QLatin1String("running"), qPrintable(burned.why()));
    QCOMPARE(records.first().value(QStringLiteral("station")).toString(), QStringLiteral("S3"));
    QVERIFY(!id.isEmpty());

    QVERIFY(verifies(iso));
    const QSet<QString> onDisc = photosOnDisc(iso, m_dir.filePath(QStringLiteral("ca")));
    for (const QString &relative : corpusFiles(QStringLiteral("dups/exact"))) {
        QVERIFY2(onDisc.contains(DiscTest::sha256(corpusPath(relative))),
                 qPrintable(relative + QStringLiteral(" is not on the disc byte for byte")));
    }
    QCOMPARE(states(QStringLiteral("CA")), QStringList { QStringLiteral("recorded") });
    const QJsonObject done = job(id, *m_s1);
    QCOMPARE(done.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    QCOMPARE(done.value(QStringLiteral("progress")).toInt(), 100);
    QCOMPARE(done.value(QStringLiteral("customer")).toString(), QStringLiteral("CA"));
    QCOMPARE(done.value(QStringLiteral("requester")).toString(), QStringLiteral("S1"));
    QVERIFY(done.value(QStringLiteral("position")).isNull());
    QVERIFY(!done.value(QStringLiteral("finished")).isNull());
    const QList<QJsonObject> all = at(*m_s2, { QStringLiteral("jobs") }).records();   // every station's, from the catalog
    QVERIFY(std::any_of(all.cbegin(), all.cend(), [&id](const QJsonObject &r) { return idOf(r) == id; }));

    // The records as CLI.md gives them: the disc's and the summary name the job and station.
    const QJsonObject disc = records.at(1);
    QVERIFY2(disc.contains(QStringLiteral("disc")) && disc.contains(QStringLiteral("pickup_code")), qPrintable(burned.why()));
    QCOMPARE(burned.summary().value(QStringLiteral("discs")).toInt(), 1);
    QCOMPARE(burned.summary().value(QStringLiteral("station")).toString(), QStringLiteral("S3"));
    QVERIFY2(idOf({ { QStringLiteral("id"), disc.value(QStringLiteral("job")) } }) == id, qPrintable(burned.why()));
    QCOMPARE(disc.value(QStringLiteral("station")).toString(), QStringLiteral("S3"));
}

// Case 2. S1's job for CQ held at 30 %; S2's job for CB (photos kept at S2) waits in
// S3's queue, position 1, until the first is released; then both finish, in order.
void TestStation::twoRequestsQueueOnOneStation()
{
    arm();
    RunningCtl &first = *burn(*m_s1, QStringLiteral("CQ"), image(QStringLiteral("cq.iso")));
    QString firstId;
    QVERIFY2(waitPaused(first, &firstId), qPrintable(first.result().why()));
    RunningCtl second(m_s2->local({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("CB"), QStringLiteral("--station"),
                                 QStringLiteral("S3"), QStringLiteral("--drive"), QStringLiteral("stdio:") + image(QStringLiteral("cb.iso")) }));
    QTRY_VERIFY_WITH_TIMEOUT(!idOf(second.result().first()).isEmpty() || second.ended(), 30000);
    const QString secondId = idOf(second.result().first());
    QVERIFY2(!secondId.isEmpty() && secondId != firstId, qPrintable(second.result().why()));

    QJsonObject running;
    QJsonObject queued;
    // The held job's record says 30 % while the station holds it there.
    static_cast<void>(QTest::qWaitFor([&] {
        running = job(firstId, *m_s2);
        queued = job(secondId, *m_s2);
        return running.value(QStringLiteral("progress")).toInt() >= 30;
    }, 20000));
    QCOMPARE(running.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QVERIFY2(running.value(QStringLiteral("progress")).toInt() == 30, QJsonDocument(running).toJson().constData());
    QCOMPARE(queued.value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    QCOMPARE(queued.value(QStringLiteral("position")).toInt(), 1);
    QCOMPARE(queued.value(QStringLiteral("requester")).toString(), QStringLiteral("S2"));
    QCOMPARE(queued.value(QStringLiteral("customer")).toString(), QStringLiteral("CB"));
    QVERIFY(!first.ended() && !second.ended());

    release();
    QVERIFY(first.waitEnded(JobMs));
    QVERIFY(second.waitEnded(JobMs));
    QVERIFY2(first.result().code == 0, qPrintable(first.result().why()));
    QVERIFY2(second.result().code == 0, qPrintable(second.result().why()));
    QCOMPARE(states(QStringLiteral("CQ")), QStringList { QStringLiteral("recorded") });
    QCOMPARE(states(QStringLiteral("CB")), QStringList { QStringLiteral("recorded") });
    const QJsonObject one = job(firstId, *m_s1);
    const QJsonObject two = job(secondId, *m_s1);
    QCOMPARE(one.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    QCOMPARE(two.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    // One job at a time, in the order they came: the second image written after the first.
    // ("finished" is when each requester recorded its disc, in no particular order.)
    QVERIFY(QFileInfo(image(QStringLiteral("cq.iso"))).lastModified() <= QFileInfo(image(QStringLiteral("cb.iso"))).lastModified());
    QVERIFY(verifies(image(QStringLiteral("cq.iso"))));
    QVERIFY(verifies(image(QStringLiteral("cb.iso"))));
}

// Case 3. The relay to S3 goes down while CR's job is held; the job finishes at S3
// meanwhile, the albums stay expired (the requester has not checked yet) and burn
// keeps waiting; with the relay back, burn learns the outcome: exit 0, albums recorded.
void TestStation::cutConnectionLearnsTheOutcomeOnReconnect()
{
    arm();
    RunningCtl &burning = *burn(*m_s1, QStringLiteral("CR"), image(QStringLiteral("cr.iso")));
    QString id;
    QVERIFY2(waitPaused(burning, &id), qPrintable(burning.result().why()));
    QVERIFY(m_relay->setDown(true));
    release();
    const QJsonObject atS3 = finishedAtStation(id);
    QVERIFY2(atS3.value(QStringLiteral("progress")).toInt() == 100
                 && atS3.value(QStringLiteral("state")).toString() != QLatin1String("failed"),
             QJsonDocument(atS3).toJson().constData());
    QVERIFY2(!burning.ended(), qPrintable(burning.result().why()));
    QCOMPARE(states(QStringLiteral("CR")), QStringList { QStringLiteral("expired") });

    QVERIFY(m_relay->setDown(false));
    QVERIFY(burning.waitEnded(JobMs));
    const CtlRun ended = burning.result();
    QVERIFY2(ended.code == 0, qPrintable(ended.why()));
    QCOMPARE(idOf({ { QStringLiteral("id"), ended.summary().value(QStringLiteral("job")) } }), id);
    QCOMPARE(states(QStringLiteral("CR")), QStringList { QStringLiteral("recorded") });
    QCOMPARE(job(id, *m_s2).value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    QVERIFY(verifies(image(QStringLiteral("cr.iso"))));
}

// Case 3, the requester gone: S1's burn for CK is killed while the job is held; the job
// finishes at S3, CK's albums stay expired until `jobs` on S1 settles the job.
void TestStation::killedRequesterSettlesWithJobs()
{
    arm();
    RunningCtl &burning = *burn(*m_s1, QStringLiteral("CK"), image(QStringLiteral("ck.iso")));
    QString id;
    QVERIFY2(waitPaused(burning, &id), qPrintable(burning.result().why()));
    burning.kill();
    release();
    const QJsonObject atS3 = finishedAtStation(id);
    QVERIFY2(atS3.value(QStringLiteral("progress")).toInt() == 100
                 && atS3.value(QStringLiteral("state")).toString() != QLatin1String("failed"),
             QJsonDocument(atS3).toJson().constData());
    QCOMPARE(states(QStringLiteral("CK")), QStringList { QStringLiteral("expired") });

    const CtlRun settled = at(*m_s1, { QStringLiteral("jobs") });
    QVERIFY2(settled.code == 0, qPrintable(settled.why()));
    QCOMPARE(states(QStringLiteral("CK")), QStringList { QStringLiteral("recorded") });
    const QJsonObject done = job(id, *m_s2);
    QCOMPARE(done.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    QCOMPARE(done.value(QStringLiteral("progress")).toInt(), 100);
    QVERIFY(verifies(image(QStringLiteral("ck.iso"))));
}

// Case 4. S3 killed (SIGKILL) with CF's job held at 30 %, then started again: the job
// reads failed, burn exits 1, CF's albums stay expired, and no image claims to be complete.
void TestStation::killedStationFailsTheJob()
{
    arm();
    const QString iso = image(QStringLiteral("killed.iso"));
    RunningCtl &burning = *burn(*m_s1, QStringLiteral("CF"), iso);
    QString id;
    QVERIFY2(waitPaused(burning, &id), qPrintable(burning.result().why()));
    QVERIFY(QFileInfo::exists(iso));   // half written
    QVERIFY(m_s3->kill());
    release();
    QVERIFY(QFile::remove(QDir(m_pause).filePath(QStringLiteral("station-job-%1-paused-at-30").arg(id))));   // S3 died holding it
    QVERIFY(m_s3->start());

    QVERIFY(burning.waitEnded(JobMs));
    const CtlRun ended = burning.result();
    QVERIFY2(ended.code == 1, qPrintable(ended.why()));
    const QJsonObject failed = job(id, *m_s2);
    QCOMPARE(failed.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QVERIFY2(failed.value(QStringLiteral("message")).toString().contains(QLatin1String("restarted")),
             QJsonDocument(failed).toJson().constData());
    QCOMPARE(states(QStringLiteral("CF")), QStringList { QStringLiteral("expired") });
    if (QFileInfo::exists(iso))
        qWarning("The killed job's image file is still there (%lld bytes)", QFileInfo(iso).size());
    QVERIFY2(!QFileInfo::exists(iso) || !verifies(iso), "the killed job left an image that passes xorriso's MD5 check");
}

// Case 5. `job cancel` while CF's job is held at 30 %: the pause gives way at once,
// burn exits 130, the job reads cancelled, no image is left, the albums stay expired.
void TestStation::cancelAt30LeavesNoImage()
{
    arm();
    const QString iso = image(QStringLiteral("cancelled.iso"));
    RunningCtl &burning = *burn(*m_s1, QStringLiteral("CF"), iso);
    QString id;
    QVERIFY2(waitPaused(burning, &id), qPrintable(burning.result().why()));
    QVERIFY(QFileInfo::exists(iso));   // half written
    const CtlRun cancelled = at(*m_s2, { QStringLiteral("job"), QStringLiteral("cancel"), id });
    QVERIFY2(cancelled.code == 0, qPrintable(cancelled.why()));
    QCOMPARE(idOf(cancelled.first()), id);

    QVERIFY(burning.waitEnded(JobMs));   // still armed: cancel wins over the pause
    const CtlRun ended = burning.result();
    QVERIFY2(ended.code == 130, qPrintable(ended.why()));
    QCOMPARE(job(id, *m_s2).value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
    QVERIFY2(!QFileInfo::exists(iso), qPrintable(QStringLiteral("%1 bytes left").arg(QFileInfo(iso).size())));
    QCOMPARE(states(QStringLiteral("CF")), QStringList { QStringLiteral("expired") });
}

// Case 6. Device F of another catalog, which knows S3's address and fingerprint, asks
// S3 to burn its customer's albums: refused (its certificate is no device of S3's
// chain), nothing queued, no image; its raw POST station/jobs gets 401.
void TestStation::deviceOfAnotherCatalogIsRefused()
{
    const QString catalogUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("foreign.sqlite"));
    ChainDevice foreign(QStringLiteral("F"), m_dir.filePath(QStringLiteral("foreign")), catalogUrl);
    QVERIFY(foreign.init());
    {
        const Result<CatalogUrl> url = CatalogUrl::parse(catalogUrl);
        QVERIFY(url.ok());
        Result<std::unique_ptr<Catalog>> catalog = Catalog::open(*url);
        QVERIFY(catalog.ok());
        QFile certificate(QDir(m_s3->dataDir).filePath(DeviceIdentity::certificateFileName()));
        QVERIFY(certificate.open(QIODevice::ReadOnly));
        const Device s3 { 0, QStringLiteral("S3"), m_s3->url(), m_s3->fingerprint, certificate.readAll(), {} };
        QVERIFY(Devices(**catalog).add(s3, QDateTime::currentDateTimeUtc()).ok());
    }
    QCOMPARE(foreign.run({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("FX"),
                           QStringLiteral("--name"), QStringLiteral("Foreign customer") }).code, 0);
    QVERIFY(handIn(foreign, QStringLiteral("FX"), { corpusPath(QStringLiteral("real/png")) }));
    QVERIFY(expireAll(foreign));

    const int before = jobCount();
    QVERIFY(before >= 0);
    const QString iso = image(QStringLiteral("foreign.iso"));
    const CtlRun refused = at(foreign, { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("FX"),
                                         QStringLiteral("--station"), QStringLiteral("S3"), QStringLiteral("--drive"),
                                         QStringLiteral("stdio:") + iso });
    QVERIFY2(refused.code == 1 || refused.code == 4, qPrintable(refused.why()));
    QCOMPARE(jobCount(), before);
    QVERIFY(!QFileInfo::exists(iso));

    const Result<DeviceIdentity> identity = DeviceIdentity::load(foreign.dataDir);
    QVERIFY(identity.ok());
    DeviceClient asF(DeviceEndpoint { QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_s3->listenPort)), m_s3->fingerprint, {}, {},
                                      identity->certificatePem(), identity->keyPem() });
    const Result<QJsonValue> posted = asF.post(QStringLiteral("station/jobs"),
                                               { { QStringLiteral("customer"), QStringLiteral("CA") },
                                                 { QStringLiteral("drive"), QStringLiteral("stdio:") + iso } });
    QVERIFY(!posted.ok());
    QCOMPARE(posted.error().kind(), Error::Kind::Refused);
    QCOMPARE(jobCount(), before);
}

// Case 6, a kiosk: a kiosk terminal paired with S3 cannot submit a job, in client mode
// or by POST station/jobs (403), not even with a customer signed in on it.
void TestStation::kioskTokenCannotSubmitAJob()
{
    const CtlRun paired = at(*m_s3, { QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K"),
                                      QStringLiteral("--kind"), QStringLiteral("kiosk") });
    QVERIFY2(paired.code == 0, qPrintable(paired.why()));
    const QString token = paired.first().value(QStringLiteral("token")).toString();
    QVERIFY(!token.isEmpty());
    const int before = jobCount();
    const QString iso = image(QStringLiteral("kiosk.iso"));
    const CtlRun client = ctlBeside({ QStringLiteral("--json"), QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("kiosk")),
                                      QStringLiteral("--device"), m_s3->url(), QStringLiteral("--fingerprint"), m_s3->fingerprint,
                                      QStringLiteral("--token"), token, QStringLiteral("burn"), QStringLiteral("--customer"),
                                      QStringLiteral("CA"), QStringLiteral("--station"), QStringLiteral("S3"),
                                      QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(client.code != 0 && client.code != 1, qPrintable(client.why()));
    QCOMPARE(jobCount(), before);
    QVERIFY(!QFileInfo::exists(iso));

    DeviceClient kiosk(DeviceEndpoint { QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_s3->listenPort)), m_s3->fingerprint, token,
                                        {}, {}, {} });
    const QJsonObject body { { QStringLiteral("customer"), QStringLiteral("CA") }, { QStringLiteral("drive"), QStringLiteral("stdio:") + iso } };
    const Result<QJsonValue> anonymous = kiosk.post(QStringLiteral("station/jobs"), body);
    QVERIFY(!anonymous.ok());
    QCOMPARE(anonymous.error().kind(), Error::Kind::Refused);
    const Result<QJsonValue> session = kiosk.post(QStringLiteral("sessions"), { { QStringLiteral("code"), QStringLiteral("CA") },
                                                                               { QStringLiteral("pin"), QStringLiteral("1357") } });
    QVERIFY(session.ok());
    kiosk.setSession(session->toObject().value(QStringLiteral("session")).toString());
    const Result<QJsonValue> signedIn = kiosk.post(QStringLiteral("station/jobs"), body);
    QVERIFY(!signedIn.ok());
    QCOMPARE(signedIn.error().kind(), Error::Kind::Refused);
    QCOMPARE(jobCount(), before);
    QVERIFY(!QFileInfo::exists(iso));
}

QTEST_GUILESS_MAIN(TestStation)
#include "tst_station.moc"
