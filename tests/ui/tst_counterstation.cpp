// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The counter's recording screen on a device of a chain (issue 15): the chain's burn
// stations beside the local drives — one that refuses connections says why, one that
// never answers holds up neither the window nor the other —, an image file named by
// its path on the station, the stations' queue with state and progress as the
// catalog has them, Cancel, and a disc a station verified while the counter was away
// settled when the queue is read.
#include "ServedDevice.h"
#include "UiTestSupport.h"
#include "CounterTestSupport.h"
#include "base/Actor.h"
#include "base/Translations.h"
#include "catalog/Devices.h"
#include "common/MessageBox.h"
#include "counter/CounterWindow.h"
#include "counter/RecordPanel.h"
#include "counter/StationDrives.h"
#include "counter/StationQueueView.h"
#include "common/JobProgress.h"
#include "ingest/IngestJob.h"
#include "catalog/Albums.h"
#include "lab/LabDevice.h"
#include "net/ChainFiles.h"
#include "net/DeviceService.h"
#include "station/StationJobs.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTcpServer>
#include <QScopeGuard>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestCounterStation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stationsBesideLocalDrives();
    void imageFileIsAPathOnTheStation();
    void queueShowsJobsAndFollowsTheirProgress();
    void cancelAsksTheStationAndSaysWhenItCannot();
    void discVerifiedWhileAwayIsSettledWhenTheQueueIsRead();
    void burnOnAStationThatCannotBeReachedSaysSo();
    void burnOnAStationWithProgressAndItsOutcome();
    void closedMidBurnTheCounterLearnsTheOutcomeWhenBack();
    void cancelledAt30PercentOnTheStation();
    void recordingScreenAt1280x800();

private:
    std::unique_ptr<Lab> openLab(const QString &dir);
    qint64 registerStation(const QString &name, const QString &url);
    qint64 addJob(const QString &drive);
    QStringList driveTexts() const;
    void tickAllAlbums();
    QString cell(qint64 job, int column) const;

    QTemporaryDir m_dir;
    QString m_catalog;
    ManualClock m_clock { QDateTime(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::utc()) };
    Translations m_translations;
    std::unique_ptr<Lab> m_lab;   // device S1, the counter's
    std::unique_ptr<Lab> m_s4;    // a station served in this process when a test starts it
    QTcpServer m_silent;          // station S3: takes connections, never answers
    qint64 m_s2 = 0;
    qint64 m_customer = 0;
    std::unique_ptr<CounterWindow> m_window;
    RecordPanel *m_panel = nullptr;
    QComboBox *m_drives = nullptr;
    StationQueueView *m_queue = nullptr;
};

std::unique_ptr<Lab> TestCounterStation::openLab(const QString &dir)
{
    Result<std::unique_ptr<Lab>> lab = Lab::open({ dir, m_catalog }, m_clock);
    if (!lab)
        qWarning("%s", qPrintable(lab.error().message()));
    return lab ? std::move(lab).value() : nullptr;
}

// A station as the catalog knows it; no process serves it.
qint64 TestCounterStation::registerStation(const QString &name, const QString &url)
{
    Device device;
    device.name = name;
    device.url = url;
    device.fingerprint = QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex());
    const Result<Device> added = Devices(m_lab->catalog()).add(device, m_clock.now());
    if (!added)
        qWarning("%s", qPrintable(added.error().message()));
    return added ? added->id : 0;
}

void TestCounterStation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_translations.install(QStringLiteral("en"));
    const QString dir = m_dir.filePath(QStringLiteral("s1"));
    m_catalog = testCatalogUrl(dir);
    m_lab = openLab(dir);
    QVERIFY(m_lab);
    const Result<Customer> customer = Customers(m_lab->catalog()).add({ QStringLiteral("A1"), QStringLiteral("Anna Berg"),
                                                                        QString(), QString(), QString(), QStringLiteral("2468") },
                                                                      m_clock.now());
    QVERIFY2(customer, qPrintable(customer ? QString() : customer.error().message()));
    m_customer = customer->id;
    IngestOptions handin;
    handin.customerCode = QStringLiteral("A1");
    handin.sources = { corpusPath(QStringLiteral("real/jpeg")) };
    handin.actor = QStringLiteral("test");
    IngestJob ingest(*m_lab, handin);
    const Result<IngestSummary> added = ingest.run();
    QVERIFY2(added && added->added > 0, qPrintable(added ? QString() : added.error().message()));
    const Result<LabDevice::Initialized> device = LabDevice::init(*m_lab, Actor::system(QStringLiteral("test")),
                                                                  QStringLiteral("S1"),
                                                                  QStringLiteral("https://127.0.0.1:%1").arg(freeLoopbackPort()));
    QVERIFY2(device, qPrintable(device ? QString() : device.error().message()));
    // S2 refuses connections (nothing listens on port 1); S3 accepts and never answers.
    m_s2 = registerStation(QStringLiteral("S2"), QStringLiteral("https://127.0.0.1:1"));
    QVERIFY(m_s2 > 0);
    QVERIFY(m_silent.listen(QHostAddress::LocalHost));
    QVERIFY(registerStation(QStringLiteral("S3"), QStringLiteral("https://127.0.0.1:%1").arg(m_silent.serverPort())) > 0);
    // S4 is a real station, served by the test that burns on it; S1 serves the photos it fetches.
    const Result<LabDevice::Initialized> s4 = LabDevice::init(*openLab(m_dir.filePath(QStringLiteral("s4"))),
                                                              Actor::system(QStringLiteral("test")), QStringLiteral("S4"),
                                                              QStringLiteral("https://127.0.0.1:%1").arg(freeLoopbackPort()));
    QVERIFY2(s4, qPrintable(s4 ? QString() : s4.error().message()));
    m_lab.reset();
    m_lab = openLab(dir);   // now the folder is device S1 of the chain
    m_s4 = openLab(m_dir.filePath(QStringLiteral("s4")));
    QVERIFY(m_s4 && m_s4->device());
    ChainFiles::install(*m_s4);   // as keepsakectl serve does: the station fetches what S1 keeps
    ChainFiles::install(*m_lab);
    QVERIFY(m_lab && m_lab->device() && m_lab->device()->name == QLatin1String("S1"));
}

void TestCounterStation::init()
{
    m_window = std::make_unique<CounterWindow>(*m_lab);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_panel = m_window->recording();
    m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"))->setCurrentWidget(m_panel);
    m_panel->start(m_customer, {});
    m_drives = m_panel->findChild<QComboBox *>(QStringLiteral("driveCombo"));
    m_queue = m_panel->queue();
    QVERIFY(m_drives && m_queue);
    m_queue->setInterval(100);
}

void TestCounterStation::cleanup()
{
    QElapsedTimer closing;
    closing.start();
    m_window.reset();   // S3 is still being asked: closing cancels that, it does not wait for it
    QVERIFY2(closing.elapsed() < 5000, qPrintable(QString::number(closing.elapsed())));
}

QStringList TestCounterStation::driveTexts() const
{
    QStringList texts;
    for (int i = 0; i < m_drives->count(); ++i)
        texts << m_drives->itemText(i);
    return texts;
}

// The albums just handed in are not expired: ticked by hand, as a clerk may.
void TestCounterStation::tickAllAlbums()
{
    auto *albums = m_panel->findChild<QListWidget *>(QStringLiteral("recordAlbums"));
    QVERIFY(albums->count() > 0);
    for (int row = 0; row < albums->count(); ++row)
        albums->item(row)->setCheckState(Qt::Checked);
}

QString TestCounterStation::cell(qint64 job, int column) const
{
    const int row = m_queue->rowOf(job);
    return row < 0 ? QString() : m_queue->model()->item(row, column)->text();
}

qint64 TestCounterStation::addJob(const QString &drive)
{
    StationJobRequest request;
    request.stationId = m_s2;
    request.requesterId = m_lab->device()->id;
    request.drive = drive;
    request.customerId = m_customer;
    request.media = QStringLiteral("dvd");
    request.actor = QStringLiteral("test");
    const Result<StationJob> job = StationJobs(m_lab->catalog()).add(request, m_clock.now());
    if (!job)
        qWarning("%s", qPrintable(job.error().message()));
    return job ? job->id : 0;
}

void TestCounterStation::stationsBesideLocalDrives()
{
    // S2 refuses: its entry says so. S3 is still being asked meanwhile — the window
    // goes on, and S2's answer is not held up by it.
    QTRY_VERIFY_WITH_TIMEOUT(driveTexts().filter(QStringLiteral("Station S2: not reachable: ")).size() == 1, 15000);
    QVERIFY(m_panel->stations()->isBusy());
    QCOMPARE(driveTexts().filter(QStringLiteral("Station S3: asking for its drives")).size(), 1);
    QCOMPARE(driveTexts().filter(QStringLiteral("Station S1")).size(), 0);   // not itself
    QCOMPARE(driveTexts().filter(QStringLiteral("Station S2: image file on the station")).size(), 1);
    QCOMPARE(driveTexts().filter(QStringLiteral("Station S3: image file on the station")).size(), 1);
    // The notes cannot be chosen as a drive.
    const int note = driveTexts().indexOf(driveTexts().filter(QStringLiteral("Station S2: not reachable")).first());
    auto *model = qobject_cast<QStandardItemModel *>(m_drives->model());
    QVERIFY(model && !model->item(note)->isEnabled());
    // Nor is one chosen for the clerk: a drive, or none (the placeholder says what to do).
    QVERIFY(m_drives->currentIndex() < 0 || !m_panel->drive().isEmpty());
    QVERIFY(!m_drives->itemData(note, Qt::ToolTipRole).toString().isEmpty());
    // Looking for drives again asks again, and keeps one entry per station.
    m_panel->refreshDrives();
    QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isBusy(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(driveTexts().filter(QStringLiteral("Station S2: not reachable: ")).size() == 1, 15000);
    QCOMPARE(driveTexts().filter(QStringLiteral("Station S2: image file on the station")).size(), 1);
}

void TestCounterStation::imageFileIsAPathOnTheStation()
{
    QTRY_VERIFY_WITH_TIMEOUT(driveTexts().filter(QStringLiteral("Station S2: not reachable")).size() == 1, 15000);
    tickAllAlbums();
    const int ask = driveTexts().indexOf(QStringLiteral("Station S2: image file on the station…"));
    QVERIFY(ask >= 0);
    // A relative path is refused: it means nothing on the station's machine.
    MessageBox::setNextText(QStringLiteral("discs/A1.iso"));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    m_drives->setCurrentIndex(ask);
    QTRY_VERIFY(MessageBox::lastText().contains(QLatin1String("no absolute path")));
    QVERIFY(m_panel->station().isEmpty());
    QVERIFY(m_panel->drive().isEmpty());
    MessageBox::setNextText(QStringLiteral("/srv/discs/A1.iso"));
    m_drives->setCurrentIndex(ask);
    QTRY_COMPARE(m_panel->station(), QStringLiteral("S2"));
    QCOMPARE(m_panel->drive(), QStringLiteral("stdio:/srv/discs/A1.iso"));
    QCOMPARE(m_drives->currentText(), QStringLiteral("Station S2: image file /srv/discs/A1.iso"));
    // The station checks and plans: nothing runs here, and the burn can be asked for.
    QTRY_VERIFY(m_panel->isPlanReady());
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("planSummary"))->text().contains(QLatin1String("station S2")));
    QVERIFY(m_panel->findChild<QPushButton *>(QStringLiteral("burnButton"))->isEnabled());
    // Its answer coming in again keeps the path chosen.
    m_panel->refreshDrives();
    QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isBusy(), 15000);
    QCOMPARE(m_panel->drive(), QStringLiteral("stdio:/srv/discs/A1.iso"));
    QCOMPARE(m_panel->station(), QStringLiteral("S2"));
}

void TestCounterStation::queueShowsJobsAndFollowsTheirProgress()
{
    QVERIFY(m_panel->findChild<QGroupBox *>(QStringLiteral("stationQueueBox"))->isVisible());
    const qint64 first = addJob(QStringLiteral("stdio:/srv/discs/A1.iso"));
    const qint64 second = addJob(QStringLiteral("/dev/sr0"));
    QVERIFY(first > 0 && second > 0);
    QTRY_VERIFY(m_queue->rowOf(first) >= 0 && m_queue->rowOf(second) >= 0);
    QCOMPARE(cell(first, StationQueueView::StationColumn), QStringLiteral("S2"));
    QCOMPARE(cell(first, StationQueueView::DriveColumn), QStringLiteral("image file /srv/discs/A1.iso"));
    QCOMPARE(cell(second, StationQueueView::DriveColumn), QStringLiteral("/dev/sr0"));
    QCOMPARE(cell(first, StationQueueView::CustomerColumn), QStringLiteral("A1"));
    QCOMPARE(cell(first, StationQueueView::StateColumn), QStringLiteral("queued, 1 in line"));
    QCOMPARE(cell(second, StationQueueView::StateColumn), QStringLiteral("queued, 2 in line"));
    QCOMPARE(cell(first, StationQueueView::ProgressColumn), QStringLiteral("0 %"));

    // The station moves the first job: the row follows, the selection stays.
    m_queue->selectJob(second);
    const StationJobs jobs(m_lab->catalog());
    QVERIFY(jobs.claimNext(m_s2, m_clock.now()));
    QVERIFY(jobs.setProgress(first, StationJob::State::Running, 45, QStringLiteral("Writing: 1.2 GB of 2.6 GB")));
    QTRY_COMPARE(cell(first, StationQueueView::StateColumn), QStringLiteral("running"));
    QCOMPARE(cell(first, StationQueueView::ProgressColumn), QStringLiteral("45 %"));
    QCOMPARE(cell(first, StationQueueView::MessageColumn), QStringLiteral("Writing: 1.2 GB of 2.6 GB"));
    QTRY_COMPARE(cell(second, StationQueueView::StateColumn), QStringLiteral("queued, 1 in line"));
    const auto *view = m_queue->findChild<QAbstractItemView *>(QStringLiteral("stationJobs"));
    QCOMPARE(view->currentIndex().row(), m_queue->rowOf(second));
    QVERIFY(jobs.finish(first, StationJob::State::Failed, QStringLiteral("the drive went away"), m_clock.now()));
    QVERIFY(jobs.finish(second, StationJob::State::Cancelled, QStringLiteral("cancelled"), m_clock.now()));
    QTRY_COMPARE(cell(first, StationQueueView::StateColumn), QStringLiteral("failed"));
    QTRY_COMPARE(cell(second, StationQueueView::StateColumn), QStringLiteral("cancelled"));
    QVERIFY(!m_queue->findChild<QPushButton *>(QStringLiteral("cancelStationJob"))->isEnabled());   // ended
}

void TestCounterStation::cancelAsksTheStationAndSaysWhenItCannot()
{
    const qint64 job = addJob(QStringLiteral("/dev/sr0"));
    QTRY_VERIFY(m_queue->rowOf(job) >= 0);
    auto *cancel = m_queue->findChild<QPushButton *>(QStringLiteral("cancelStationJob"));
    QVERIFY(!cancel->isEnabled());   // nothing chosen
    m_queue->selectJob(job);
    QVERIFY(cancel->isEnabled());
    QSignalSpy said(m_queue, &StationQueueView::message);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(said.wait(15000));
    QVERIFY2(said.first().first().toString().startsWith(QStringLiteral("Job %1 could not be cancelled: ").arg(job)),
             qPrintable(said.first().first().toString()));
    QCOMPARE(m_queue->findChild<QLabel *>(QStringLiteral("stationQueueStatus"))->text(), said.first().first().toString());
    QVERIFY(StationJobs(m_lab->catalog()).finish(job, StationJob::State::Failed, QStringLiteral("test"), m_clock.now()));
}

void TestCounterStation::discVerifiedWhileAwayIsSettledWhenTheQueueIsRead()
{
    // The station verified a disc for this counter while it was closed; the report does
    // not hold what the catalog has, so settling it rejects it: the job ends failed
    // (S2 cannot be told, so the requester fails it) and no album is recorded.
    const qint64 job = addJob(QStringLiteral("stdio:/srv/discs/A1.iso"));
    const StationJobs jobs(m_lab->catalog());
    QVERIFY(jobs.claimNext(m_s2, m_clock.now()));
    const QByteArray report = R"({"discs": [{"number": 1, "disc": "K-TEST-1", "session": 1, "drive": "stdio:/srv/discs/A1.iso",
                                 "manifest": "not a manifest"}]})";
    QVERIFY(jobs.setVerified(job, report, QStringLiteral("verified")));
    QVERIFY(jobs.byId(job)->awaitsRequester());
    QSignalSpy settled(m_queue, &StationQueueView::settled);
    QSignalSpy said(m_panel, &RecordPanel::message);
    QVERIFY(settled.wait(15000));
    const auto ended = settled.first().first().value<QList<StationJob>>();
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.first().id, job);
    QCOMPARE(ended.first().state, StationJob::State::Failed);
    QCOMPARE(jobs.byId(job)->state, StationJob::State::Failed);
    QVERIFY(jobs.byId(job)->message.contains(QLatin1String("K-TEST-1")));
    QTRY_COMPARE(cell(job, StationQueueView::StateColumn), QStringLiteral("failed"));
    QVERIFY(!said.isEmpty());
    QVERIFY2(said.last().first().toString().contains(QStringLiteral("Job %1 of station S2 ended while this counter was away")
                                                           .arg(job)),
             qPrintable(said.last().first().toString()));
}

void TestCounterStation::burnOnAStationThatCannotBeReachedSaysSo()
{
    QTRY_VERIFY_WITH_TIMEOUT(driveTexts().filter(QStringLiteral("Station S2: not reachable")).size() == 1, 15000);
    tickAllAlbums();
    QVERIFY(!m_panel->chosenAlbums().isEmpty());
    m_panel->setStationDrive(QStringLiteral("S2"), QStringLiteral("stdio:/srv/discs/A1.iso"));
    QTRY_VERIFY(m_panel->isPlanReady());
    QSignalSpy finished(m_panel, &RecordPanel::burnFinished);
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("burnButton")), Qt::LeftButton);
    QVERIFY(m_panel->isBusy());
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.first().first().toBool(), false);
    const QString result = m_panel->findChild<QLabel *>(QStringLiteral("burnResult"))->text();
    QVERIFY2(result.startsWith(QLatin1String("Station S2 did not take the job: ")), qPrintable(result));
    QVERIFY(!m_panel->progress()->isBusy());
    QVERIFY(!m_panel->lastBurn());
    // Nothing was recorded: the albums are as they were, still offered.
    QVERIFY(!m_panel->chosenAlbums().isEmpty());
}

// The whole way, in this process: station S4 serves and burns into an image file, S1
// serves the photos it fetches, and the counter follows the job and records the disc.
void TestCounterStation::burnOnAStationWithProgressAndItsOutcome()
{
    DeviceService s1(*m_lab);
    QVERIFY(s1.start(QHostAddress::LocalHost, 0));
    DeviceService s4(*m_s4);
    QVERIFY(s4.start(QHostAddress::LocalHost, 0));
    m_panel->stations()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(driveTexts().contains(QStringLiteral("Station S4: image file on the station…"))
                                 && driveTexts().filter(QStringLiteral("Station S4: asking")).isEmpty()
                                 && driveTexts().filter(QStringLiteral("Station S4: not reachable")).isEmpty(),
                             15000);
    tickAllAlbums();
    const QList<qint64> chosen = m_panel->chosenAlbums();
    QVERIFY(!chosen.isEmpty());
    const QString image = m_dir.filePath(QStringLiteral("s4-A1.iso"));
    m_panel->setStationDrive(QStringLiteral("S4"), QStringLiteral("stdio:") + image);
    QTRY_VERIFY(m_panel->isPlanReady());

    QList<int> percents;
    auto *progress = m_panel->progress()->findChild<QProgressBar *>();
    QVERIFY(progress);
    connect(progress, &QProgressBar::valueChanged, this, [&percents, progress](int value) {
        percents << int(100 * qint64(value) / qMax(1, progress->maximum()));
    });
    QSignalSpy finished(m_panel, &RecordPanel::burnFinished);
    QSignalSpy recorded(m_panel, &RecordPanel::recorded);
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("burnButton")), Qt::LeftButton);
    QVERIFY(m_panel->progress()->isBusy());
    QVERIFY(finished.wait(180000));
    const QString result = m_panel->findChild<QLabel *>(QStringLiteral("burnResult"))->text();
    QVERIFY2(finished.first().first().toBool(), qPrintable(result));
    QCOMPARE(recorded.size(), 1);
    QVERIFY(!percents.isEmpty() && percents.last() == 100);   // steps on the way: cancelledAt30PercentOnTheStation
    QVERIFY(m_panel->lastBurn() && m_panel->lastBurn()->discs.size() == 1);
    QVERIFY(result.contains(QLatin1String("Pickup code")));
    QVERIFY(QFileInfo(image).size() > 0);
    for (qint64 id : chosen)
        QCOMPARE(Albums(m_lab->catalog()).byId(id)->state, AlbumState::Recorded);
    const Result<QList<StationJob>> jobs = StationJobs(m_lab->catalog()).list(m_s4->device()->id);
    QVERIFY(jobs && jobs->size() == 1);
    QCOMPARE(jobs->first().state, StationJob::State::Done);
    QTRY_COMPARE(cell(jobs->first().id, StationQueueView::StateColumn), QStringLiteral("done"));
    QCOMPARE(cell(jobs->first().id, StationQueueView::ProgressColumn), QStringLiteral("100 %"));
    s4.stop();
    s1.stop();
    QTRY_VERIFY(s4.isIdle() && s1.isIdle());
}

// The counter window closes while the station burns: the job goes on there (closing is
// not cancelling), its verified disc waits, and the next counter window records it.
void TestCounterStation::closedMidBurnTheCounterLearnsTheOutcomeWhenBack()
{
    IngestOptions handin;
    handin.customerCode = QStringLiteral("A1");
    handin.sources = { corpusPath(QStringLiteral("real/png")) };
    handin.albumTitle = QStringLiteral("Away");
    handin.actor = QStringLiteral("test");
    IngestJob ingest(*m_lab, handin);
    const Result<IngestSummary> added = ingest.run();
    QVERIFY(added && added->added > 0);
    m_panel->start(m_customer, {});
    DeviceService s1(*m_lab);
    QVERIFY(s1.start(QHostAddress::LocalHost, 0));
    // The station answers from a thread of its own, as from its own machine: it could
    // hear a cancel while this thread closes the window.
    ServedElsewhere s4(*m_s4);
    QVERIFY(s4.started());
    tickAllAlbums();
    const QList<qint64> chosen = m_panel->chosenAlbums();
    QVERIFY(!chosen.isEmpty());
    const QString image = m_dir.filePath(QStringLiteral("s4-away.iso"));
    m_panel->setStationDrive(QStringLiteral("S4"), QStringLiteral("stdio:") + image);
    QTRY_VERIFY(m_panel->isPlanReady());
    const StationJobs jobs(m_lab->catalog());
    const qint64 before = jobs.list(m_s4->device()->id)->size();
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("burnButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(jobs.list(m_s4->device()->id)->size() == before + 1, 15000);
    const qint64 job = jobs.list(m_s4->device()->id)->last().id;

    QElapsedTimer closing;
    closing.start();
    m_window.reset();
    QVERIFY2(closing.elapsed() < 5000, qPrintable(QString::number(closing.elapsed())));
    QVERIFY(jobs.byId(job)->state != StationJob::State::Cancelled);
    QTRY_VERIFY_WITH_TIMEOUT(jobs.byId(job)->awaitsRequester() || jobs.byId(job)->isFinished(), 180000);
    QVERIFY2(jobs.byId(job)->awaitsRequester(), qPrintable(jobs.byId(job)->message));
    for (qint64 id : chosen)
        QVERIFY(Albums(m_lab->catalog()).byId(id)->state != AlbumState::Recorded);   // not before it is checked

    init();   // the counter again
    QSignalSpy said(m_panel, &RecordPanel::message);
    QSignalSpy recorded(m_panel, &RecordPanel::recorded);
    QTRY_COMPARE_WITH_TIMEOUT(jobs.byId(job)->state, StationJob::State::Done, 30000);
    QTRY_VERIFY(!recorded.isEmpty());
    for (qint64 id : chosen)
        QCOMPARE(Albums(m_lab->catalog()).byId(id)->state, AlbumState::Recorded);
    QVERIFY(!said.isEmpty());
    QVERIFY2(said.last().first().toString().contains(QStringLiteral("Job %1 of station S4 ended while this counter was away")
                                                           .arg(job)),
             qPrintable(said.last().first().toString()));
    QTRY_COMPARE(cell(job, StationQueueView::StateColumn), QStringLiteral("done"));
    QVERIFY(QFileInfo(image).size() > 0);
    s1.stop();
    QTRY_VERIFY(s1.isIdle());
}

// Cancel in the counter's progress while the station holds the job at 30 %: the
// station cancels it, no image is left, the albums are not recorded.
void TestCounterStation::cancelledAt30PercentOnTheStation()
{
    IngestOptions handin;
    handin.customerCode = QStringLiteral("A1");
    handin.sources = { corpusPath(QStringLiteral("real/tiff")) };
    handin.albumTitle = QStringLiteral("Cancelled");
    handin.actor = QStringLiteral("test");
    IngestJob ingest(*m_lab, handin);
    const Result<IngestSummary> added = ingest.run();
    QVERIFY(added && added->added > 0);
    m_panel->start(m_customer, {});
    QTemporaryDir pauses;
    QFile arm(pauses.filePath(QStringLiteral("station-at-30")));
    QVERIFY(arm.open(QIODevice::WriteOnly));
    arm.close();
    qputenv("KEEPSAKE_PAUSE_DIR", pauses.path().toUtf8());
    const auto unset = qScopeGuard([] { qunsetenv("KEEPSAKE_PAUSE_DIR"); });
    DeviceService s1(*m_lab);
    QVERIFY(s1.start(QHostAddress::LocalHost, 0));
    ServedElsewhere s4(*m_s4);
    QVERIFY(s4.started());
    tickAllAlbums();
    const QList<qint64> chosen = m_panel->chosenAlbums();
    const QString image = m_dir.filePath(QStringLiteral("s4-cancelled.iso"));
    m_panel->setStationDrive(QStringLiteral("S4"), QStringLiteral("stdio:") + image);
    QTRY_VERIFY(m_panel->isPlanReady());
    QSignalSpy finished(m_panel, &RecordPanel::burnFinished);
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("burnButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(pauses.path()).entryList({ QStringLiteral("station-job-*-paused-at-30") }).isEmpty(),
                             60000);
    auto *bar = m_panel->progress()->findChild<QProgressBar *>();
    // The counter shows how far the station got (its row may be past the pause: a small
    // album's writing is reported in one step, and the station holds at 30 on the way).
    QTRY_VERIFY(100 * bar->value() / qMax(1, bar->maximum()) >= 30);
    QVERIFY(m_panel->progress()->isBusy());
    QTest::mouseClick(m_panel->progress()->findChild<QPushButton *>(QStringLiteral("jobCancel")), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), false);
    const QString result = m_panel->findChild<QLabel *>(QStringLiteral("burnResult"))->text();
    QVERIFY2(result.contains(QLatin1String("cancelled job")), qPrintable(result));
    const Result<QList<StationJob>> jobs = StationJobs(m_lab->catalog()).list(m_s4->device()->id);
    QCOMPARE(jobs->last().state, StationJob::State::Cancelled);
    QVERIFY(!QFileInfo::exists(image));
    for (qint64 id : chosen)
        QVERIFY(Albums(m_lab->catalog()).byId(id)->state != AlbumState::Recorded);
    QVERIFY(!m_panel->chosenAlbums().isEmpty());   // still offered
    QTRY_VERIFY(m_panel->isPlanReady());   // the station's plan text, the result, the queue: all in 1280×800
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("counter-recording-station-cancelled-1280x800"));
    const QStringList clipped = clippedLabels(m_window.get());
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));
    s1.stop();
    QTRY_VERIFY(s1.isIdle());
}

void TestCounterStation::recordingScreenAt1280x800()
{
    QTRY_VERIFY_WITH_TIMEOUT(driveTexts().filter(QStringLiteral("Station S2: not reachable")).size() == 1, 15000);
    const qint64 job = addJob(QStringLiteral("stdio:/srv/discs/a-rather-long-folder-name/customer-A1-first-disc.iso"));
    QTRY_VERIFY(m_queue->rowOf(job) >= 0);
    const QImage shot = shoot(m_window.get(), QSize(1280, 800), QStringLiteral("counter-recording-stations-1280x800"));
    QVERIFY(distinctColours(shot) > 8);
    QVERIFY(visibleInside(m_window.get(), m_panel->findChild<QGroupBox *>(QStringLiteral("stationQueueBox"))));
    QVERIFY(visibleInside(m_window.get(), m_drives));
    QVERIFY(visibleInside(m_window.get(), m_panel->findChild<QPushButton *>(QStringLiteral("burnButton"))));
    QVERIFY(visibleInside(m_window.get(), m_queue->findChild<QPushButton *>(QStringLiteral("cancelStationJob"))));
    QVERIFY(m_window->width() <= 1280 && m_window->height() <= 800);
    const QStringList clipped = clippedLabels(m_window.get());
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));
    QVERIFY(StationJobs(m_lab->catalog()).finish(job, StationJob::State::Failed, QStringLiteral("test"), m_clock.now()));
}

QTEST_MAIN(TestCounterStation)
#include "tst_counterstation.moc"
