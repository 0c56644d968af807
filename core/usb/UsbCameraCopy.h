// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CameraFiles.h"
#include "base/CancelToken.h"
#include "ingest/IngestTypes.h"

#include <QObject>

namespace Keepsake {

// What a copy from a camera did.
struct UsbCopyReport
{
    int listed = 0;            // files the camera listed
    qint64 bytesListed = 0;
    int copied = 0;            // of them, now in the spool folder
    qint64 bytesCopied = 0;
    // Every file not copied, as a rejected hand-in record with the reason (a file
    // that failed, one too large for a photo, those left when the camera went away).
    QList<IngestRecord> notCopied;
    QString cameraLost;        // the camera stopped answering mid-copy: what to do
    bool cancelled = false;
};

// Copies every file of a camera or phone into a spool folder, folder by folder as on
// the camera ("store_00010001/DCIM/100CANON/IMG_0001.JPG"), with the files' times
// where the camera gives them. Each file streams to disk as it arrives; none is held
// in memory whole. A file that fails is named with the reason and the copy goes on;
// when the camera itself stops answering (unplugged, asleep), what is left is named
// as not copied and the copy ends. Hidden entries (.thumbnails) are left out, as a
// card's are. Not a job of its own: UsbHandin runs it, on the thread that opened the
// camera.
class UsbCameraCopy : public QObject
{
    Q_OBJECT

public:
    // A camera listing more than this many folders deep is not followed further.
    static constexpr int MaxDepth = 16;

    UsbCameraCopy(CameraFiles &camera, QString cameraName, QString spoolFolder, const CancelToken &cancel,
                  QObject *parent = nullptr);

    // Errors: the camera cannot be listed (locked, refused), shows no files at all, or
    // the spool folder has no room for them. Cancelled: report.cancelled.
    Result<UsbCopyReport> run();

Q_SIGNALS:
    void listed(int files, qint64 bytes);
    // After each file, copied or not.
    void progress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal);

private:
    Status walk(const QString &folder, int depth, QList<CameraFileEntry> &into, UsbCopyReport &report);
    void keep(const CameraFileEntry &entry, QList<CameraFileEntry> &into, UsbCopyReport &report);
    Status checkRoom(qint64 bytes) const;
    // False when the copy must end (cancelled, camera gone, spool full).
    bool copy(const CameraFileEntry &entry, UsbCopyReport &report, Error &stop);
    Status store(const CameraFileEntry &entry, qint64 &bytes);
    void notCopied(UsbCopyReport &report, const QString &path, const QString &reason, qint64 size = 0) const;

    CameraFiles &m_camera;
    QString m_cameraName;
    QString m_spool;
    const CancelToken &m_cancel;
};

} // namespace Keepsake
