// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A camera read through libgphoto2: a folder opened with its "Directory Browse" driver
// on a disk: port, listed and copied into a spool folder by the same calls a phone on
// USB gets (Debian's libgphoto2 2.5.30 has no virtual USB camera). What the copy does
// when a file fails, when the camera goes away, when it is cancelled; what the errors
// say; and how the kiosk's watcher notices a camera.
#include "UsbTestCamera.h"
#include "base/CancelToken.h"
#include "usb/GPhotoCamera.h"
#include "usb/UsbCameraCopy.h"
#include "usb/UsbCameraWatcher.h"

#include <QSignalSpy>
#include <QtTest>

#include <atomic>
#include <mutex>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestUsbCamera : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listsFoldersAndFilesThroughLibgphoto2();
    void saysWhyACameraCannotBeOpened();
    void wordsLibgphoto2sErrors_data();
    void wordsLibgphoto2sErrors();
    void copiesEveryFileWithProgressAndTimes();
    void cancelStopsTheCopyBetweenFiles();
    void aFileThatFailsIsNamedAndTheRestGoesOn();
    void aCameraThatStopsAnsweringEndsTheCopy();
    void keepsTheCameraInsideTheSpool();
    void aCameraWithoutFilesSaysWhatToDo();
    void detectsOnlyCamerasOnUsb();
    void watcherReportsCamerasPluggedInLater();

private:
    std::unique_ptr<GPhotoCamera> open();
    QString spool() const { return m_spool->path(); }

    std::unique_ptr<FolderCamera> m_camera;
    std::unique_ptr<QTemporaryDir> m_spool;
    CancelToken m_cancel;
};

void TestUsbCamera::init()
{
    m_camera = std::make_unique<FolderCamera>();
    QVERIFY(m_camera->make());
    m_spool = std::make_unique<QTemporaryDir>();
    m_cancel.reset();
}

void TestUsbCamera::cleanup()
{
    m_spool.reset();
    m_camera.reset();
}

std::unique_ptr<GPhotoCamera> TestUsbCamera::open()
{
    auto opened = GPhotoCamera::open(m_camera->camera(), m_cancel);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().message()));
        return nullptr;
    }
    return std::move(*opened);
}

void TestUsbCamera::listsFoldersAndFilesThroughLibgphoto2()
{
    const auto camera = open();
    QVERIFY(camera);
    const Result<QStringList> top = camera->folders(QStringLiteral("/"));
    QVERIFY2(top, qPrintable(top ? QString() : top.error().message()));
    QCOMPARE(*top, QStringList { QStringLiteral("DCIM") });
    const Result<QStringList> dcim = camera->folders(QStringLiteral("/DCIM"));
    QVERIFY(dcim);
    QVERIFY(dcim->contains(QStringLiteral("100TEST")) && dcim->contains(QStringLiteral("101TEST")));
    const Result<QList<CameraFileEntry>> files = camera->files(QStringLiteral("/DCIM/100TEST"));
    QVERIFY(files);
    QStringList names;
    for (const CameraFileEntry &entry : *files) {
        names.append(entry.relativePath());
        QCOMPARE(entry.size, QFileInfo(m_camera->path(entry.relativePath())).size());
        QCOMPARE(entry.modified.toSecsSinceEpoch(),
                 QFileInfo(m_camera->path(entry.relativePath())).lastModified().toSecsSinceEpoch());
    }
    names.sort();
    QStringList expected = m_camera->listed.filter(QStringLiteral("100TEST"));
    QCOMPARE(names, expected);
}

void TestUsbCamera::saysWhyACameraCannotBeOpened()
{
    auto unknown = GPhotoCamera::open({ QStringLiteral("No Such Camera 3000"), QStringLiteral("usb:001,002") }, m_cancel);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().kind(), Error::Kind::Usage);
    QVERIFY2(unknown.error().message().contains(QLatin1String("No Such Camera 3000 (usb:001,002) cannot be opened")),
             qPrintable(unknown.error().message()));
    QVERIFY(unknown.error().message().contains(QLatin1String("libgphoto2: Unknown model")));

    // libgphoto2 opens a folder that is not there; listing it fails, in words.
    auto missing = GPhotoCamera::open({ QStringLiteral("Directory Browse"), QStringLiteral("disk:/nonexistent/kiosk") },
                                      m_cancel);
    QVERIFY(missing);
    const auto listing = (*missing)->files(QStringLiteral("/"));
    QVERIFY(!listing);
    QVERIFY2(listing.error().message().startsWith(QLatin1String("The files in / of Directory Browse "
                                                                "(disk:/nonexistent/kiosk) cannot be listed: ")),
             qPrintable(listing.error().message()));
}

void TestUsbCamera::wordsLibgphoto2sErrors_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("advice");
    QTest::addColumn<QString>("words");
    // The codes of gphoto2-port-result.h and gphoto2-result.h.
    QTest::newRow("claimed by another program") << -53 << int(Error::Kind::Refused)
                                                << "another program is using the camera" << "Could not claim the USB device";
    QTest::newRow("unplugged") << -7 << int(Error::Kind::Failure) << "it may have been unplugged" << "I/O problem";
    QTest::newRow("timeout") << -10 << int(Error::Kind::Failure) << "gone to sleep" << "Timeout reading from or writing to the port";
    QTest::newRow("locked phone") << -113 << int(Error::Kind::Refused) << "Unlock it, allow access" << "Camera could not complete operation";
    QTest::newRow("file gone") << -108 << int(Error::Kind::NotFound) << "not on the camera" << "File not found";
    QTest::newRow("cancelled") << -112 << int(Error::Kind::Cancelled) << "stopped" << "Operation cancelled";
}

void TestUsbCamera::wordsLibgphoto2sErrors()
{
    QFETCH(int, code);
    QFETCH(int, kind);
    QFETCH(QString, advice);
    QFETCH(QString, words);
    const Error error = GPhotoCamera::error(code, QStringLiteral("IMG_0001.JPG could not be copied from X"));
    QCOMPARE(int(error.kind()), kind);
    QVERIFY2(error.message().startsWith(QLatin1String("IMG_0001.JPG could not be copied from X: ")),
             qPrintable(error.message()));
    QVERIFY2(error.message().contains(advice), qPrintable(error.message()));
    QVERIFY2(error.message().contains(QStringLiteral("(libgphoto2: ") + words + QStringLiteral(").")),
             qPrintable(error.message()));
}

void TestUsbCamera::copiesEveryFileWithProgressAndTimes()
{
    const auto camera = open();
    QVERIFY(camera);
    UsbCameraCopy copy(*camera, m_camera->camera().label(), spool(), m_cancel);
    QSignalSpy listed(&copy, &UsbCameraCopy::listed);
    QSignalSpy progress(&copy, &UsbCameraCopy::progress);
    const Result<UsbCopyReport> report = copy.run();
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message()));
    const int files = int(m_camera->listed.size());
    QCOMPARE(report->listed, files);
    QCOMPARE(report->copied, files);
    QVERIFY(report->notCopied.isEmpty());
    QVERIFY(!report->cancelled);
    qint64 bytes = 0;
    for (const QString &relative : std::as_const(m_camera->listed)) {
        QFile original(m_camera->path(relative));
        QFile copied(QDir(spool()).filePath(relative));
        QVERIFY2(original.open(QIODevice::ReadOnly) && copied.open(QIODevice::ReadOnly), qPrintable(relative));
        QCOMPARE(copied.readAll(), original.readAll());
        QCOMPARE(QFileInfo(copied).lastModified().toSecsSinceEpoch(), QFileInfo(original).lastModified().toSecsSinceEpoch());
        bytes += original.size();
    }
    QCOMPARE(report->bytesCopied, bytes);
    QVERIFY(!QFileInfo::exists(QDir(spool()).filePath(QStringLiteral("DCIM/.thumbnails"))));   // hidden, as on a card
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().at(0).toInt(), files);
    QCOMPARE(listed.first().at(1).toLongLong(), bytes);
    QCOMPARE(progress.size(), files);
    QCOMPARE(progress.last().at(0).toInt(), files);
    QCOMPARE(progress.last().at(2).toLongLong(), bytes);
    QCOMPARE(progress.last().at(3).toLongLong(), bytes);
}

void TestUsbCamera::cancelStopsTheCopyBetweenFiles()
{
    const auto camera = open();
    QVERIFY(camera);
    UsbCameraCopy copy(*camera, m_camera->camera().label(), spool(), m_cancel);
    connect(&copy, &UsbCameraCopy::progress, this, [this](int done) {
        if (done == 2)
            m_cancel.cancel();   // the Cancel button, pressed while the second file arrives
    });
    const Result<UsbCopyReport> report = copy.run();
    QVERIFY(report);
    QVERIFY(report->cancelled);
    QCOMPARE(report->copied, 2);
    QVERIFY(!QFileInfo::exists(QDir(spool()).filePath(m_camera->listed.at(2))));
}

void TestUsbCamera::aFileThatFailsIsNamedAndTheRestGoesOn()
{
    const auto camera = open();
    QVERIFY(camera);
    UsbCameraCopy copy(*camera, m_camera->camera().label(), spool(), m_cancel);
    const QString vanishing = m_camera->listed.at(2);
    connect(&copy, &UsbCameraCopy::progress, this, [this, &vanishing](int done) {
        if (done == 1)   // listed, and then gone from the camera before its turn
            QVERIFY(QFile::remove(m_camera->path(vanishing)));
    });
    const Result<UsbCopyReport> report = copy.run();
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message()));
    QCOMPARE(report->copied, int(m_camera->listed.size()) - 1);
    QCOMPARE(report->notCopied.size(), 1);
    const IngestRecord &failed = report->notCopied.first();
    QCOMPARE(failed.path, vanishing);
    QCOMPARE(failed.outcome, IngestOutcome::Rejected);
    QVERIFY2(failed.reason.startsWith(vanishing + QStringLiteral(" could not be copied from Directory Browse (disk:")),
             qPrintable(failed.reason));
    QVERIFY(failed.reason.contains(QLatin1String("(libgphoto2: ")));
    QVERIFY(report->cameraLost.isEmpty());
    QVERIFY(!QFileInfo::exists(QDir(spool()).filePath(vanishing)));   // no half file left
    QVERIFY(QFileInfo::exists(QDir(spool()).filePath(m_camera->listed.last())));
}

void TestUsbCamera::aCameraThatStopsAnsweringEndsTheCopy()
{
    const auto camera = open();
    QVERIFY(camera);
    UsbCameraCopy copy(*camera, m_camera->camera().label(), spool(), m_cancel);
    const QString root = m_camera->root();
    connect(&copy, &UsbCameraCopy::progress, this, [&root](int done) {
        if (done == 2)   // unplugged: the whole camera is gone
            QVERIFY(QDir().rename(root, root + QStringLiteral(".unplugged")));
    });
    const Result<UsbCopyReport> report = copy.run();
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message()));
    QCOMPARE(report->copied, 2);
    QVERIFY2(report->cameraLost.contains(QLatin1String("no longer answers")), qPrintable(report->cameraLost));
    QCOMPARE(report->notCopied.size(), m_camera->listed.size() - 2);
    QCOMPARE(report->notCopied.first().path, m_camera->listed.at(2));
    QCOMPARE(report->notCopied.last().path, m_camera->listed.last());
    QVERIFY2(report->notCopied.last().reason.startsWith(QLatin1String("not copied: Directory Browse")),
             qPrintable(report->notCopied.last().reason));
    QVERIFY(QDir().rename(root + QStringLiteral(".unplugged"), root));
}

void TestUsbCamera::keepsTheCameraInsideTheSpool()
{
    const QDateTime when(QDate(2026, 1, 2), QTime(3, 4), Qt::UTC);
    ReplayedCamera camera({ { QStringLiteral("/DCIM"), QStringLiteral("../../escape.jpg"),
                              QStringLiteral("real/jpeg/DSCN0010.jpg"), when },
                            { QStringLiteral("/DCIM"), QStringLiteral(".trashed-IMG_1.JPG"),
                              QStringLiteral("real/jpeg/DSCN0012.jpg"), when },
                            { QStringLiteral("/DCIM"), QStringLiteral("IMG_1.JPG"),
                              QStringLiteral("real/jpeg/DSCN0021.jpg"), when } });
    UsbCameraCopy copy(camera, QStringLiteral("Phone"), spool(), m_cancel);
    const Result<UsbCopyReport> report = copy.run();
    QVERIFY(report);
    QCOMPARE(report->copied, 1);
    QCOMPARE(report->notCopied.size(), 1);   // the hidden one is left out without a word, as on a card
    QCOMPARE(report->notCopied.first().path, QStringLiteral("DCIM/../../escape.jpg"));
    QVERIFY(report->notCopied.first().reason.contains(QLatin1String("cannot be a file's name")));
    QVERIFY(!QFileInfo::exists(QFileInfo(spool()).dir().filePath(QStringLiteral("escape.jpg"))));
    QCOMPARE(QDir(spool() + QStringLiteral("/DCIM")).entryList(QDir::Files | QDir::Hidden),
             QStringList { QStringLiteral("IMG_1.JPG") });
}

void TestUsbCamera::aCameraWithoutFilesSaysWhatToDo()
{
    ReplayedCamera locked({});   // a locked phone shows its storage, and nothing in it
    UsbCameraCopy copy(locked, QStringLiteral("Apple iPhone (usb:001,007)"), spool(), m_cancel);
    const Result<UsbCopyReport> report = copy.run();
    QVERIFY(!report);
    QVERIFY2(report.error().message().startsWith(QLatin1String("Apple iPhone (usb:001,007) shows no files.")),
             qPrintable(report.error().message()));
    QVERIFY(report.error().message().contains(QLatin1String("unlock it")));
}

void TestUsbCamera::detectsOnlyCamerasOnUsb()
{
    // Whatever is plugged into this machine: only usb: ports, never a mounted volume.
    const Result<QList<UsbCamera>> cameras = UsbCameras::detect();
    QVERIFY2(cameras, qPrintable(cameras ? QString() : cameras.error().message()));
    for (const UsbCamera &camera : *cameras)
        QVERIFY2(camera.port.startsWith(QLatin1String("usb:")), qPrintable(camera.label()));
    const Result<UsbCamera> named = UsbCameras::find(m_camera->camera().port, QStringLiteral("Directory Browse"));
    QVERIFY(named);
    QCOMPARE(*named, m_camera->camera());
    const Result<UsbCamera> absent = UsbCameras::find(QStringLiteral("usb:999,999"));
    QVERIFY(!absent);
    QCOMPARE(absent.error().kind(), Error::Kind::Usage);
}

void TestUsbCamera::watcherReportsCamerasPluggedInLater()
{
    std::mutex guard;
    QList<UsbCamera> connected { { QStringLiteral("Nikon DSC D5300"), QStringLiteral("usb:001,003") } };
    std::atomic<int> looks { 0 };
    UsbCameraWatcher watcher;
    watcher.setInterval(20);
    watcher.setDetector([&]() -> Result<QList<UsbCamera>> {
        const std::lock_guard<std::mutex> lock(guard);
        ++looks;
        return connected;
    });
    QSignalSpy attached(&watcher, &UsbCameraWatcher::cameraAttached);
    QSignalSpy detached(&watcher, &UsbCameraWatcher::cameraDetached);
    watcher.start();
    QTRY_VERIFY(looks >= 3);
    QCOMPARE(attached.size(), 0);   // connected before the watch began
    const UsbCamera phone { QStringLiteral("Apple iPhone"), QStringLiteral("usb:001,009") };
    {
        const std::lock_guard<std::mutex> lock(guard);
        connected.append(phone);
    }
    QVERIFY(attached.wait());
    QCOMPARE(attached.size(), 1);
    QCOMPARE(attached.first().first().value<UsbCamera>(), phone);
    {
        const std::lock_guard<std::mutex> lock(guard);
        connected.removeAll(phone);
    }
    QVERIFY(detached.wait());
    QCOMPARE(detached.first().first().value<UsbCamera>(), phone);
    QCOMPARE(attached.size(), 1);
    watcher.stop();
}

QTEST_GUILESS_MAIN(TestUsbCamera)
#include "tst_usbcamera.moc"
