// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsbCameraCopy.h"

#include "UsbLog.h"
#include "base/ByteSize.h"
#include "ingest/FileInspector.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Keepsake {

namespace {

// Room kept free beside the photos, for the catalog and the store's own writes.
constexpr qint64 ReserveBytes = qint64(16) << 20;

bool hidden(const QString &name)
{
    return name.startsWith(QLatin1Char('.'));
}

// A name a camera gives that stays one entry inside the spool folder.
bool usableName(const QString &name)
{
    return !name.isEmpty() && name != QLatin1String("..") && !name.contains(QLatin1Char('/'))
        && !name.contains(QChar(0));
}

QString childOf(const QString &folder, const QString &name)
{
    return folder.endsWith(QLatin1Char('/')) ? folder + name : folder + QLatin1Char('/') + name;
}

QString relativeFolder(const QString &folder)
{
    return folder.startsWith(QLatin1Char('/')) ? folder.mid(1) : folder;
}

} // namespace

QString CameraFileEntry::relativePath() const
{
    const QString inFolder = relativeFolder(folder);
    return inFolder.isEmpty() ? name : childOf(inFolder, name);
}

UsbCameraCopy::UsbCameraCopy(CameraFiles &camera, QString cameraName, QString spoolFolder,
                             const CancelToken &cancel, QObject *parent)
    : QObject(parent), m_camera(camera), m_cameraName(std::move(cameraName)), m_spool(std::move(spoolFolder)),
      m_cancel(cancel)
{
}

void UsbCameraCopy::notCopied(UsbCopyReport &report, const QString &path, const QString &reason, qint64 size) const
{
    IngestRecord record;
    record.path = path;
    record.outcome = IngestOutcome::Rejected;
    record.reason = reason;
    record.size = std::max<qint64>(size, 0);
    report.notCopied.append(record);
    qCInfo(lcUsb).noquote() << "Not copied from" << m_cameraName << path << "-" << reason;
}

Result<UsbCopyReport> UsbCameraCopy::run()
{
    UsbCopyReport report;
    QList<CameraFileEntry> files;
    if (Status walked = walk(QStringLiteral("/"), 0, files, report); !walked)
        return walked.error();
    report.cancelled = m_cancel.isCancelled();
    if (report.cancelled)
        return report;
    if (files.isEmpty() && report.notCopied.isEmpty())
        return Error::failure(tr("%1 shows no files. A phone shows its photos only while it is unlocked and allows "
                                 "this computer in (\"Trust\" on an iPhone; \"File transfer\" or \"PTP\" on Android): "
                                 "unlock it, allow access, then unplug it and plug it in again.").arg(m_cameraName));
    report.listed = int(files.size());
    for (const CameraFileEntry &entry : std::as_const(files))
        report.bytesListed += std::max<qint64>(entry.size, 0);
    if (Status room = checkRoom(report.bytesListed); !room)
        return room.error();
    Q_EMIT listed(report.listed, report.bytesListed);

    qint64 bytesDone = 0;
    for (qsizetype i = 0; i < files.size(); ++i) {
        if (m_cancel.isCancelled()) {
            report.cancelled = true;
            break;
        }
        Error stop;
        const bool goOn = copy(files.at(i), report, stop);
        bytesDone += std::max<qint64>(files.at(i).size, 0);
        Q_EMIT progress(int(i + 1), report.listed, bytesDone, report.bytesListed);
        if (goOn)
            continue;
        if (stop.kind() == Error::Kind::Cancelled) {
            report.cancelled = true;
        } else if (!report.cameraLost.isEmpty()) {
            for (qsizetype rest = i + 1; rest < files.size(); ++rest)
                notCopied(report, files.at(rest).relativePath(), tr("not copied: %1").arg(report.cameraLost),
                          files.at(rest).size);
        } else {
            return stop;   // the spool folder is full: nothing is handed in
        }
        break;
    }
    return report;
}

Status UsbCameraCopy::walk(const QString &folder, int depth, QList<CameraFileEntry> &into, UsbCopyReport &report)
{
    if (m_cancel.isCancelled())
        return Status::success();
    Result<QList<CameraFileEntry>> files = m_camera.files(folder);
    Result<QStringList> folders = files ? m_camera.folders(folder) : Result<QStringList>(files.error());
    if (!folders) {
        // The root, or a camera that stopped answering: nothing to hand in. A folder
        // that is gone: named, and the rest goes on.
        if (depth == 0 || folders.error().kind() != Error::Kind::NotFound)
            return folders.error();
        notCopied(report, relativeFolder(folder), folders.error().message());
        return Status::success();
    }
    // In name order, as a card's walk goes: the same camera is copied the same way each time.
    std::sort(files->begin(), files->end(),
              [](const CameraFileEntry &a, const CameraFileEntry &b) { return a.name < b.name; });
    folders->sort();
    for (const CameraFileEntry &entry : std::as_const(*files))
        keep(entry, into, report);
    for (const QString &name : std::as_const(*folders)) {
        if (name == QLatin1String(".") || name == QLatin1String(".."))
            continue;
        const QString sub = childOf(folder, name);
        if (usableName(name) && hidden(name)) {
            continue;
        } else if (!usableName(name)) {
            notCopied(report, relativeFolder(sub), tr("the camera gives this folder a name that cannot be a "
                                                      "folder's name here; its files were not copied"));
        } else if (depth + 1 >= MaxDepth) {
            notCopied(report, relativeFolder(sub), tr("the folder lies more than %n folder(s) deep on the camera; "
                                                      "its files were not copied", nullptr, MaxDepth));
        } else if (Status walked = walk(sub, depth + 1, into, report); !walked) {
            return walked;
        }
    }
    return Status::success();
}

void UsbCameraCopy::keep(const CameraFileEntry &entry, QList<CameraFileEntry> &into, UsbCopyReport &report)
{
    if (!usableName(entry.name)) {
        notCopied(report, entry.relativePath(),
                  tr("the camera gives this file a name that cannot be a file's name here"), entry.size);
    } else if (hidden(entry.name)) {
        return;   // the phone's or camera's own (.thumbnails, .trashed-…), as on a card
    } else if (entry.size > FileInspector::MaxPictureBytes) {
        // No photo is this large (a video is): not worth the minutes over USB.
        notCopied(report, entry.relativePath(),
                  tr("the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB); it was not "
                     "copied").arg(entry.size >> 20).arg(FileInspector::MaxPictureBytes >> 20), entry.size);
    } else {
        into.append(entry);
    }
}

Status UsbCameraCopy::checkRoom(qint64 bytes) const
{
    const QStorageInfo volume(m_spool);
    if (!volume.isValid() || volume.bytesAvailable() >= bytes + ReserveBytes)
        return Status::success();
    return Error::failure(tr("There is no room for the photos of %1: they take %2, and %3 has only %4 free. Free "
                             "some space there and hand the camera in again.")
                              .arg(m_cameraName, formatBytes(bytes), volume.rootPath(),
                                   formatBytes(volume.bytesAvailable())));
}

bool UsbCameraCopy::copy(const CameraFileEntry &entry, UsbCopyReport &report, Error &stop)
{
    qint64 bytes = 0;
    const Status stored = store(entry, bytes);
    if (stored) {
        ++report.copied;
        report.bytesCopied += bytes;
        return true;
    }
    if (stored.error().kind() == Error::Kind::Cancelled || m_cancel.isCancelled()) {
        stop = Error::cancelled(stored.error().message());
        return false;
    }
    if (Status room = checkRoom(std::max<qint64>(entry.size, 0)); !room) {
        stop = room.error();
        return false;
    }
    // The file, or the camera? Ask the camera.
    if (Status answers = m_camera.probe(entry); !answers) {
        report.cameraLost = answers.error().message();
        notCopied(report, entry.relativePath(), stored.error().message(), entry.size);
        stop = answers.error();
        return false;
    }
    notCopied(report, entry.relativePath(), stored.error().message(), entry.size);
    return true;
}

// The file into the spool, under its path on the camera, with the camera's time.
Status UsbCameraCopy::store(const CameraFileEntry &entry, qint64 &bytes)
{
    const QString target = QDir(m_spool).filePath(entry.relativePath());
    const QString folder = QFileInfo(target).path();
    if (!QDir().mkpath(folder))
        return Error::failure(tr("The spool folder %1 cannot be made: check the free space and permissions of %2.")
                                  .arg(folder, m_spool));
    const QByteArray path = QFile::encodeName(target);
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error::failure(tr("%1 cannot be written into the spool folder %2: %3.")
                                  .arg(entry.relativePath(), m_spool, qt_error_string(errno)));
    const Status got = m_camera.download(entry, fd);
    struct stat written {};
    if (got && ::fstat(fd, &written) == 0)
        bytes = written.st_size;
    if (got && entry.modified.isValid()) {
        const timespec when { time_t(entry.modified.toSecsSinceEpoch()), 0 };
        const timespec times[2] = { when, when };
        ::futimens(fd, times);
    }
    ::close(fd);
    if (!got)
        ::unlink(path.constData());
    return got;
}

} // namespace Keepsake
