// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CameraFiles.h"
#include "UsbCamera.h"
#include "UsbCameraCopy.h"
#include "base/CancelToken.h"
#include "ingest/IngestTypes.h"

#include <QObject>

#include <functional>
#include <memory>

namespace Keepsake {

class Lab;

// A camera or phone on USB handed in as a card is (issue 16): its files are copied
// into a spool folder (UsbCameraCopy), and the spool is handed in through the card's
// hand-in: the same dedup, the same records, paths relative to the camera's root.
// The spool is removed after, whatever happened. One job for a JobRunner, with one
// cancel: during the copy it stops the transfer in flight and nothing is handed in;
// during the hand-in it stops as a card's does (what is stored stays).
//
// Reports come in two stages: copyStarted/copyProgress while copying, then
// cameraReleased (the camera or phone may be unplugged), then the hand-in's own
// signals, passed on from whatever hands the spool in: IngestJob on this lab
// (onLab), or a device's client (a kiosk or keepsakectl with --device).
//
// The camera is opened, read and closed on the thread that calls run().
class UsbHandin : public QObject
{
    Q_OBJECT

public:
    // Hands the spool in (options.sources holds it): runs a hand-in job and returns its
    // result, passing its signals on through handInWith().
    using HandIn = std::function<Result<IngestSummary>(UsbHandin &self, const IngestOptions &options)>;
    // Opens the camera (GPhotoCamera::open unless a test replays a camera).
    using Opener = std::function<Result<std::unique_ptr<CameraFiles>>(const UsbCamera &camera,
                                                                       const CancelToken &cancel)>;

    // `spoolRoot`: where the copy goes, in a folder of its own made and removed here.
    UsbHandin(UsbCamera camera, IngestOptions options, QString spoolRoot, HandIn handIn, QObject *parent = nullptr);
    ~UsbHandin() override;
    // On this lab: the spool in the data folder (spool/usb), its files linked into the
    // store rather than copied again, and IngestJob hands it in.
    static std::unique_ptr<UsbHandin> onLab(const Lab &lab, UsbCamera camera, IngestOptions options);

    void setOpener(Opener opener) { m_opener = std::move(opener); }
    const UsbCamera &camera() const { return m_camera; }

    Result<IngestSummary> run();
    CancelToken &cancelToken() { return m_cancel; }

    // For HandIn: runs `job` (IngestJob, RemoteIngest and alike) with its signals
    // passed on as this job's and this job's cancel passed on to it.
    template <typename Job>
    Result<IngestSummary> handInWith(Job &job);

Q_SIGNALS:
    void copyStarted(int files, qint64 bytes);
    void copyProgress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal);
    // The copy is over: the camera is closed and may be unplugged.
    void cameraReleased(int copied, int notCopied);
    // The hand-in's, as IngestJob's.
    void started(int files, qint64 bytes);
    void fileDecided(const Keepsake::IngestRecord &record);
    void progress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal);
    void cardReleased(const Keepsake::IngestSummary &summary);
    void thumbnailsStarted(int count);
    void thumbnailMade(const QString &sha256);          // from worker threads
    void thumbnailProgress(int done, int total);        // from worker threads

private:
    Result<QString> makeSpool() const;
    Result<UsbCopyReport> copyToSpool(const QString &spool);
    void followCancel(CancelToken &inner) const;

    UsbCamera m_camera;
    IngestOptions m_options;
    QString m_spoolRoot;
    HandIn m_handIn;
    Opener m_opener;
    CancelToken m_cancel;
};

template <typename Job>
Result<IngestSummary> UsbHandin::handInWith(Job &job)
{
    // Emitted on this thread (the thumbnails' from their workers): passed on as they come.
    connect(&job, &Job::started, this, &UsbHandin::started, Qt::DirectConnection);
    connect(&job, &Job::fileDecided, this, &UsbHandin::fileDecided, Qt::DirectConnection);
    connect(&job, &Job::progress, this, &UsbHandin::progress, Qt::DirectConnection);
    CancelToken &inner = job.cancelToken();
    connect(&job, &Job::progress, this, [this, &inner] { followCancel(inner); }, Qt::DirectConnection);
    if constexpr (requires { &Job::cardReleased; }) {
        connect(&job, &Job::cardReleased, this, &UsbHandin::cardReleased, Qt::DirectConnection);
        if constexpr (requires { &Job::thumbnailMade; }) {   // a local hand-in: made here
            connect(&job, &Job::thumbnailsStarted, this, &UsbHandin::thumbnailsStarted, Qt::DirectConnection);
            connect(&job, &Job::thumbnailMade, this, &UsbHandin::thumbnailMade, Qt::DirectConnection);
        }
        connect(&job, &Job::thumbnailProgress, this, &UsbHandin::thumbnailProgress, Qt::DirectConnection);
        connect(&job, &Job::thumbnailProgress, this, [this, &inner] { followCancel(inner); }, Qt::DirectConnection);
    }
    if constexpr (requires { job.followCancel(&m_cancel); })
        job.followCancel(&m_cancel);   // at once, from any thread
    followCancel(inner);
    return job.run();
}

} // namespace Keepsake
