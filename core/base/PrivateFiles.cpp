// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Keepsake {

namespace {

constexpr mode_t PrivateFolder = S_IRWXU;          // 0700
constexpr mode_t PrivateFile = S_IRUSR | S_IWUSR;  // 0600
constexpr mode_t OthersBits = S_IRWXG | S_IRWXO;   // 0077

QString systemReason()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

Status PrivateFiles::makeFolder(const QString &path)
{
    const QString absolute = QDir(path).absolutePath();
    if (QFileInfo(absolute).isDir())
        return Status::success();
    const QString parent = QFileInfo(absolute).absolutePath();
    if (!QDir().mkpath(parent))
        return Error::failure(tr("The folder %1 cannot be created. Check the path and its permissions.").arg(parent));
    const QByteArray native = QFile::encodeName(absolute);
    // mkdir applies the umask: the mode is set again after, before anything goes in.
    if (::mkdir(native.constData(), PrivateFolder) != 0 && errno != EEXIST)
        return Error::failure(tr("The folder %1 cannot be created: %2. Check the path and its permissions.")
                                  .arg(absolute, systemReason()));
    if (::chmod(native.constData(), PrivateFolder) != 0)
        return Error::failure(tr("The folder %1 cannot be made private (mode 700): %2. Check its owner.")
                                  .arg(absolute, systemReason()));
    return Status::success();
}

Status PrivateFiles::makeFile(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, PrivateFile);
    if (fd < 0) {
        if (errno == EEXIST)
            return Status::success();
        return Error::failure(tr("The file %1 cannot be created: %2. Check the folder's permissions.")
                                  .arg(path, systemReason()));
    }
    const bool privateNow = ::fchmod(fd, PrivateFile) == 0;
    ::close(fd);
    if (!privateNow)
        return Error::failure(tr("The file %1 cannot be made private (mode 600): %2. Check its owner.")
                                  .arg(path, systemReason()));
    return Status::success();
}

std::optional<PrivateFiles::TooOpen> PrivateFiles::tooOpen(const QString &path)
{
    struct stat status {};
    if (::lstat(QFile::encodeName(path).constData(), &status) != 0)
        return std::nullopt;
    const int mode = int(status.st_mode & 07777);
    if ((status.st_mode & OthersBits) == 0)
        return std::nullopt;
    return TooOpen { path, mode, S_ISDIR(status.st_mode) ? int(PrivateFolder) : int(PrivateFile) };
}

} // namespace Keepsake
