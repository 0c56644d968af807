// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A camera handed in as a card: copied through libgphoto2 (its Directory Browse driver
// on a disk: port) into a spool, which the card's hand-in takes in. The same folder
// handed in as a card and as a camera gives the same records; the same camera again is
// already received; a cancelled copy hands nothing in; a camera that goes away hands in
// what was copied. A phone's PTP listing replayed through the same code; and
// keepsakectl's `usb` and `ingest --usb`, as a real process.
#include "UsbTestCamera.h"
#include "base/Clock.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"
#include "usb/UsbHandin.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

struct Handin
{
    QList<IngestRecord> records;   // in the order decided
    IngestSummary summary;
    Error error;
    bool ok = false;
};

// The parts of a record that the customer and a script see.
QString describe(const IngestRecord &record)
{
    return QStringLiteral("%1 %2 photo=%3 album=%4 matched=%5 size=%6 %7")
        .arg(record.path, ingestOutcomeName(record.outcome))
        .arg(record.photoId.value_or(0)).arg(record.albumId.value_or(0))
        .arg(record.matched ? record.matched->photoId : 0).arg(record.size).arg(record.reason);
}

QStringList describe(const QList<IngestRecord> &records)
{
    QStringList lines;
    for (const IngestRecord &record : records)
        lines.append(describe(record));
    return lines;
}

} // namespace

class TestUsbHandin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void givesTheRecordsOfTheSameFolderAsACard();
    void theSameCameraAgainIsAlreadyReceived();
    void cancelledCopyHandsNothingIn();
    void aCameraThatGoesAwayHandsInWhatWasCopied();
    void replaysAPhonesPtpListingThroughTheSameCode();
    void keepsakectlListsAndHandsInACamera();
    void keepsakectlRefusesACameraAndACardTogether();
    void keepsakectlSaysWhenThereIsNoRoomForTheCopy();

private:
    std::unique_ptr<Lab> openLab(const QString &folder);
    Handin handIn(Lab &lab, std::unique_ptr<UsbHandin> job);
    Handin handInCamera(Lab &lab, const std::function<void(UsbHandin &)> &prepare = {});
    IngestOptions options() const;
    QStringList spooled(const Lab &lab) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FolderCamera> m_camera;
    ManualClock m_clock { QDateTime(QDate(2026, 10, 7), QTime(10, 0), Qt::UTC) };
    std::unique_ptr<Lab> m_lab;
};

void TestUsbHandin::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_camera = std::make_unique<FolderCamera>();
    QVERIFY(m_camera->make());
    m_lab = openLab(QStringLiteral("usb"));
    QVERIFY(m_lab);
}

void TestUsbHandin::cleanup()
{
    m_lab.reset();
    m_camera.reset();
    m_dir.reset();
}

std::unique_ptr<Lab> TestUsbHandin::openLab(const QString &folder)
{
    const QString dataDir = m_dir->filePath(folder);
    auto lab = Lab::open({ dataDir, testCatalogUrl(dataDir) }, m_clock);
    if (!lab) {
        qWarning("%s", qPrintable(lab.error().message()));
        return nullptr;
    }
    NewCustomer customer;
    customer.code = QStringLiteral("C1");
    customer.name = QStringLiteral("Anna Berg");
    if (!Customers((*lab)->catalog()).add(customer, m_clock.now()))
        return nullptr;
    return std::move(*lab);
}

IngestOptions TestUsbHandin::options() const
{
    IngestOptions options;
    options.customerCode = QStringLiteral("C1");
    options.thumbnails = false;
    options.actor = QStringLiteral("test");
    return options;
}

Handin TestUsbHandin::handIn(Lab &, std::unique_ptr<UsbHandin> job)
{
    Handin result;
    connect(job.get(), &UsbHandin::fileDecided, this, [&result](const IngestRecord &record) {
        result.records.append(record);
    });
    const Result<IngestSummary> summary = job->run();
    result.ok = summary.ok();
    if (summary)
        result.summary = *summary;
    else
        result.error = summary.error();
    return result;
}

Handin TestUsbHandin::handInCamera(Lab &lab, const std::function<void(UsbHandin &)> &prepare)
{
    std::unique_ptr<UsbHandin> job = UsbHandin::onLab(lab, m_camera->camera(), options());
    if (prepare)
        prepare(*job);
    return handIn(lab, std::move(job));
}

QStringList TestUsbHandin::spooled(const Lab &lab) const
{
    return QDir(lab.path(QStringLiteral("spool/usb"))).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

void TestUsbHandin::givesTheRecordsOfTheSameFolderAsACard()
{
    // The camera's folder handed in as a card, at another lab.
    std::unique_ptr<Lab> cardLab = openLab(QStringLiteral("card"));
    QVERIFY(cardLab);
    IngestOptions card = options();
    card.sources = { m_camera->root() };
    IngestJob cardJob(*cardLab, card);
    QList<IngestRecord> cardRecords;
    connect(&cardJob, &IngestJob::fileDecided, this, [&cardRecords](const IngestRecord &r) { cardRecords.append(r); });
    const Result<IngestSummary> cardSummary = cardJob.run();
    QVERIFY(cardSummary);

    int copyReports = 0;
    int released = 0;
    const Handin usb = handInCamera(*m_lab, [&](UsbHandin &job) {
        connect(&job, &UsbHandin::copyProgress, this, [&copyReports] { ++copyReports; });
        connect(&job, &UsbHandin::cameraReleased, this, [&released, &copyReports, this](int done, int notDone) {
            ++released;
            QCOMPARE(done, int(m_camera->listed.size()));
            QCOMPARE(notDone, 0);
            QCOMPARE(copyReports, int(m_camera->listed.size()));
        });
    });
    QVERIFY2(usb.ok, qPrintable(usb.error.message()));
    QCOMPARE(released, 1);
    QCOMPARE(describe(usb.records), describe(cardRecords));
    // The same albums, by their titles (capture dates, or the hand-in's for the PNG without one).
    QStringList cardAlbums;
    QStringList usbAlbums;
    for (qsizetype i = 0; i < usb.records.size(); ++i) {
        if (!usb.records.at(i).albumId)
            continue;
        cardAlbums.append(Albums(cardLab->catalog()).byId(*cardRecords.at(i).albumId)->title);
        usbAlbums.append(Albums(m_lab->catalog()).byId(*usb.records.at(i).albumId)->title);
    }
    QCOMPARE(usbAlbums, cardAlbums);
    QCOMPARE(usb.summary.added, cardSummary->added);
    QCOMPARE(usb.summary.alreadyReceived, 1);   // COPY0010.JPG: the same bytes as DSCN0010.jpg
    QCOMPARE(usb.summary.rejected, 1);          // notes.jpg
    QCOMPARE(usb.summary.total(), int(m_camera->listed.size()));
    QVERIFY2(spooled(*m_lab).isEmpty(), qPrintable(spooled(*m_lab).join(u',')));
}

void TestUsbHandin::theSameCameraAgainIsAlreadyReceived()
{
    const Handin first = handInCamera(*m_lab);
    QVERIFY2(first.ok, qPrintable(first.error.message()));
    QCOMPARE(first.summary.added, int(m_camera->listed.size()) - 2);
    const Handin again = handInCamera(*m_lab);
    QVERIFY2(again.ok, qPrintable(again.error.message()));
    QCOMPARE(again.summary.added, 0);
    QCOMPARE(again.summary.alreadyReceived, int(m_camera->listed.size()) - 1);
    QCOMPARE(again.summary.rejected, 1);
    for (const IngestRecord &record : again.records) {
        if (record.outcome == IngestOutcome::AlreadyReceived)
            QVERIFY2(record.matched && record.matched->photoId > 0, qPrintable(record.path));
    }
    QVERIFY(again.summary.handinId > first.summary.handinId);
    QVERIFY(spooled(*m_lab).isEmpty());
}

void TestUsbHandin::cancelledCopyHandsNothingIn()
{
    const Handin cancelled = handInCamera(*m_lab, [this](UsbHandin &job) {
        connect(&job, &UsbHandin::copyProgress, this, [&job](int done) {
            if (done == 2)
                job.cancelToken().cancel();
        });
        connect(&job, &UsbHandin::started, this, [] { QFAIL("the hand-in started after the copy was cancelled"); });
    });
    QVERIFY(!cancelled.ok);
    QCOMPARE(cancelled.error.kind(), Error::Kind::Cancelled);
    QVERIFY2(cancelled.error.message().contains(QLatin1String("nothing of it was handed in")),
             qPrintable(cancelled.error.message()));
    QVERIFY(cancelled.records.isEmpty());
    QVERIFY(spooled(*m_lab).isEmpty());
    const Handin after = handInCamera(*m_lab);   // nothing of the first was stored
    QVERIFY(after.ok);
    QCOMPARE(after.summary.added, int(m_camera->listed.size()) - 2);
}

void TestUsbHandin::aCameraThatGoesAwayHandsInWhatWasCopied()
{
    const QString root = m_camera->root();
    const Handin handin = handInCamera(*m_lab, [this, &root](UsbHandin &job) {
        connect(&job, &UsbHandin::copyProgress, this, [&root](int done) {
            if (done == 3)
                QVERIFY(QDir().rename(root, root + QStringLiteral(".unplugged")));
        });
    });
    QVERIFY(QDir().rename(root + QStringLiteral(".unplugged"), root));
    QVERIFY2(handin.ok, qPrintable(handin.error.message()));
    QCOMPARE(handin.summary.added, 3);
    QCOMPARE(handin.summary.rejected, int(m_camera->listed.size()) - 3);
    QCOMPARE(handin.records.size(), m_camera->listed.size());
    int notCopied = 0;
    for (const IngestRecord &record : handin.records) {
        if (record.outcome == IngestOutcome::Rejected && record.reason.contains(QLatin1String("unplugged")))
            ++notCopied;
    }
    QCOMPARE(notCopied, int(m_camera->listed.size()) - 3);
    const Handin again = handInCamera(*m_lab);   // plugged in again: the rest comes in
    QVERIFY(again.ok);
    QCOMPARE(again.summary.alreadyReceived, 3 + 1);
}

void TestUsbHandin::replaysAPhonesPtpListingThroughTheSameCode()
{
    const UsbCamera phone { QStringLiteral("Apple iPhone"), QStringLiteral("usb:001,007") };
    auto job = UsbHandin::onLab(*m_lab, phone, options());
    job->setOpener([](const UsbCamera &, const CancelToken &) -> Result<std::unique_ptr<CameraFiles>> {
        auto camera = std::make_unique<ReplayedCamera>(iphoneListing());
        camera->failing = QStringLiteral("store_00010001/DCIM/100APPLE/IMG_0002.HEIC");
        return std::unique_ptr<CameraFiles>(std::move(camera));
    });
    const Handin handin = handIn(*m_lab, std::move(job));
    QVERIFY2(handin.ok, qPrintable(handin.error.message()));
    QStringList paths;
    for (const IngestRecord &record : handin.records) {
        paths.append(record.path);
        if (record.path.endsWith(QLatin1String("IMG_0002.HEIC"))) {
            QCOMPARE(record.outcome, IngestOutcome::Rejected);
            QVERIFY2(record.reason.startsWith(QLatin1String("IMG_0002.HEIC could not be copied")), qPrintable(record.reason));
        } else {
            QVERIFY2(record.outcome == IngestOutcome::New, qPrintable(describe(record)));
        }
    }
    paths.sort();
    QCOMPARE(paths, (QStringList { QStringLiteral("store_00010001/DCIM/100APPLE/IMG_0001.HEIC"),
                                   QStringLiteral("store_00010001/DCIM/100APPLE/IMG_0002.HEIC"),
                                   QStringLiteral("store_00010001/DCIM/100APPLE/IMG_0003.JPG"),
                                   QStringLiteral("store_00010001/DCIM/101APPLE/IMG_0104.JPG") }));
    QCOMPARE(handin.summary.added, 3);
    QCOMPARE(handin.summary.rejected, 1);
}

void TestUsbHandin::keepsakectlListsAndHandsInACamera()
{
    const QStringList lab { QStringLiteral("--data-dir"), m_dir->filePath(QStringLiteral("usb")),
                            QStringLiteral("--catalog"), testCatalogUrl(m_dir->filePath(QStringLiteral("usb"))) };
    m_lab.reset();   // the program opens the lab itself
    QProcess ctl;
    ctl.start(qEnvironmentVariable("KEEPSAKECTL"), lab + QStringList { QStringLiteral("--json"), QStringLiteral("usb") });
    QVERIFY(ctl.waitForFinished(120000));
    QCOMPARE(ctl.exitCode(), 0);
    const QList<QByteArray> listing = ctl.readAllStandardOutput().trimmed().split('\n');
    QVERIFY(QJsonDocument::fromJson(listing.last()).object().value(QStringLiteral("summary")).toObject()
                .contains(QStringLiteral("cameras")));
    for (const QByteArray &line : listing.mid(0, listing.size() - 1))
        QVERIFY2(QJsonDocument::fromJson(line).object().contains(QStringLiteral("port")), line.constData());

    ctl.start(qEnvironmentVariable("KEEPSAKECTL"),
              lab + QStringList { QStringLiteral("--json"), QStringLiteral("ingest"), QStringLiteral("--customer"),
                                  QStringLiteral("C1"), QStringLiteral("--no-thumbnails"), QStringLiteral("--usb"),
                                  m_camera->camera().port, QStringLiteral("--usb-model"), m_camera->camera().model });
    QVERIFY(ctl.waitForFinished(300000));
    const QByteArray err = ctl.readAllStandardError();
    QCOMPARE(ctl.exitCode(), 3);   // notes.jpg is rejected
    QStringList paths;
    QJsonObject summary;
    for (const QByteArray &line : ctl.readAllStandardOutput().trimmed().split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.contains(QStringLiteral("summary")))
            summary = object.value(QStringLiteral("summary")).toObject();
        else
            paths.append(object.value(QStringLiteral("path")).toString());
    }
    paths.sort();
    QCOMPARE(paths, m_camera->listed);
    QCOMPARE(summary.value(QStringLiteral("new")).toInt(), int(m_camera->listed.size()) - 2);
    QCOMPARE(summary.value(QStringLiteral("rejected")).toInt(), 1);
    QVERIFY2(err.contains("\"event\":\"camera_may_be_unplugged\""), err.constData());
    QVERIFY2(err.contains("\"copied\":" + QByteArray::number(m_camera->listed.size())), err.constData());
    QVERIFY(QDir(m_dir->filePath(QStringLiteral("usb/spool/usb"))).isEmpty());
}

void TestUsbHandin::keepsakectlRefusesACameraAndACardTogether()
{
    m_lab.reset();
    QProcess ctl;
    ctl.start(qEnvironmentVariable("KEEPSAKECTL"),
              { QStringLiteral("--data-dir"), m_dir->filePath(QStringLiteral("usb")), QStringLiteral("ingest"),
                QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--usb"), QStringLiteral("usb:001,004"),
                m_camera->root() });
    QVERIFY(ctl.waitForFinished(120000));
    QCOMPARE(ctl.exitCode(), 2);
    ctl.start(qEnvironmentVariable("KEEPSAKECTL"), { QStringLiteral("ingest"), QStringLiteral("--help") });
    QVERIFY(ctl.waitForFinished(120000));
    const QByteArray help = ctl.readAllStandardOutput();
    QVERIFY2(help.contains("--usb <PORT>") && help.contains("--usb-model <MODEL>"), help.constData());
}

// The data folder on a small disk of its own (a tmpfs in a mount namespace, as root;
// tst_ctl's full disk does the same): the copy is refused before it starts, in words.
void TestUsbHandin::keepsakectlSaysWhenThereIsNoRoomForTheCopy()
{
    m_lab.reset();
    const QString data = m_dir->filePath(QStringLiteral("small-disk"));
    QVERIFY(QDir().mkpath(data));
    auto quoted = [](const QString &text) { return QLatin1Char('\'') + text + QLatin1Char('\''); };
    const QString lab = QStringLiteral("%1 --data-dir %2").arg(quoted(qEnvironmentVariable("KEEPSAKECTL")), quoted(data));
    const QString script = QStringLiteral(
        "set -u; mount -t tmpfs -o size=4m keepsake-test %1 || exit 90\n"
        "%2 customer add --code C1 --name Anna >/dev/null || exit 91\n"
        "%2 ingest --customer C1 --usb %3 --usb-model 'Directory Browse'; echo \"INGEST_EXIT=$?\"\n"
        "ls -A %1/spool/usb | sed 's/^/SPOOLED /'\n")
                               .arg(quoted(data), lab, quoted(m_camera->camera().port));
    QProcess shell;
    shell.setProcessChannelMode(QProcess::MergedChannels);
    shell.start(QStringLiteral("unshare"), { QStringLiteral("--mount"), QStringLiteral("--propagation"),
                                             QStringLiteral("private"), QStringLiteral("sh"), QStringLiteral("-c"), script });
    QVERIFY2(shell.waitForFinished(300000), "the hand-in onto a small disk did not finish");
    const QString out = QString::fromUtf8(shell.readAll());
    QVERIFY2(shell.exitCode() != 90, qPrintable(QStringLiteral("cannot mount a tmpfs (needs root): ") + out));
    QVERIFY2(shell.exitCode() != 91, qPrintable(QStringLiteral("customer add failed: ") + out));
    QVERIFY2(out.contains(QLatin1String("INGEST_EXIT=1")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("There is no room for the photos of ") + m_camera->camera().label()),
             qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("Free some space there and hand the camera in again.")), qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("SPOOLED")), qPrintable(out));
}

QTEST_GUILESS_MAIN(TestUsbHandin)
#include "tst_usbhandin.moc"
