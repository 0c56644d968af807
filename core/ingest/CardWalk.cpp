// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CardWalk.h"

#include "IngestLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::CardWalk)
};

// The messages for what is handed in by name were IngestJob's and keep its context, so
// that their translations still match.
struct HandinTr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::IngestJob)
};

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Why an entry that is not a regular file or a folder is not taken in.
QString refusalFor(mode_t mode, const QString &path)
{
    if (S_ISLNK(mode) && QFileInfo(path).isDir()) {
        return Tr::tr("it is a symbolic link to the folder %1; only folders on the card itself are looked "
                      "into: copy the photos onto the card instead").arg(QFile::symLinkTarget(path));
    }
    if (S_ISLNK(mode)) {
        return Tr::tr("it is a symbolic link (to %1); only files stored on the card itself are taken in: "
                      "copy the photo onto the card instead").arg(QFile::symLinkTarget(path));
    }
    if (S_ISFIFO(mode))
        return Tr::tr("it is a named pipe (FIFO), not a file; nothing was read from it");
    if (S_ISSOCK(mode))
        return Tr::tr("it is a socket, not a file; nothing was read from it");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return Tr::tr("it is a device file, not a photo; nothing was read from it");
    return Tr::tr("it is not a regular file; nothing was read from it");
}

QString unreadableFolder(int error)
{
    return Tr::tr("the folder cannot be read (%1), so none of its photos were taken in; check its "
                  "permissions and hand the card in again").arg(systemError(error));
}

// Opens `relative` below the folder `root` without following any symbolic link and
// without leaving the folder (openat2's RESOLVE_BENEATH, Linux 5.6). Where the kernel
// lacks openat2, only the last component is checked (O_NOFOLLOW).
int openBeneath(const QString &root, const QString &relative)
{
    const int folder = ::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0)
        return -1;
    const QByteArray name = QFile::encodeName(relative);
    open_how how {};
    how.flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    int fd = int(::syscall(SYS_openat2, folder, name.constData(), &how, sizeof how));
    if (fd < 0 && errno == ENOSYS)
        fd = ::openat(folder, name.constData(), int(how.flags));
    const int error = errno;
    ::close(folder);
    errno = error;
    return fd;
}

QString openRefusal(int error, const QString &path)
{
    switch (error) {
    case ELOOP:
        return refusalFor(S_IFLNK, path);
    case EXDEV:
        return Tr::tr("its path leads outside the folder handed in; nothing was read from it");
    default:
        return Tr::tr("the file cannot be read (%1)").arg(systemError(error));
    }
}

} // namespace

Result<QList<CardEntry>> CardWalk::collect(const QStringList &sources)
{
    QList<CardEntry> entries;
    if (sources.isEmpty())
        return Error::usage(HandinTr::tr("Name the card or folder to hand in."));
    for (const QString &given : sources) {
        const QFileInfo info(given);   // what is handed in by name may be a link
        if (!info.exists())
            return Error::usage(HandinTr::tr("%1 does not exist. Check the card is inserted and the path is right.").arg(given));
        if (!info.isDir()) {
            const CardWalk alone(QString{});
            entries.append(alone.entryFor(info.absoluteFilePath()));
            continue;
        }
        if (!info.isReadable() || !info.isExecutable())
            return Error::usage(HandinTr::tr("The folder %1 cannot be read. Check its permissions.").arg(given));
        const CardWalk walk(info.absoluteFilePath());
        QList<CardEntry> found;
        walk.walk(walk.m_root, found);
        std::sort(found.begin(), found.end(),
                  [](const CardEntry &a, const CardEntry &b) { return a.relativePath < b.relativePath; });
        entries.append(found);
    }
    return entries;
}

void CardWalk::walk(const QString &folder, QList<CardEntry> &into) const
{
    DIR *listing = ::opendir(QFile::encodeName(folder).constData());
    if (!listing) {
        CardEntry entry = entryFor(folder);
        entry.refusal = unreadableFolder(errno);
        into.append(entry);
        return;
    }
    QStringList subfolders;
    while (const dirent *item = ::readdir(listing)) {
        const QString name = QFile::decodeName(item->d_name);
        if (name.startsWith(QLatin1Char('.')))
            continue;   // ".", ".." and hidden entries
        const QString path = folder + QLatin1Char('/') + name;
        CardEntry entry = entryFor(path);
        if (entry.refusal.isNull() && entry.size < 0)
            subfolders.append(path);
        else
            into.append(entry);
    }
    ::closedir(listing);
    for (const QString &subfolder : std::as_const(subfolders))
        walk(subfolder, into);
}

// A regular file, a refused entry, or (size -1, no refusal) a real folder to walk.
CardEntry CardWalk::entryFor(const QString &path) const
{
    CardEntry entry;
    entry.absolutePath = path;
    entry.root = m_root;
    entry.relativePath = m_root.isEmpty() ? QFileInfo(path).fileName() : QDir(m_root).relativeFilePath(path);
    struct stat status {};
    const bool follow = m_root.isEmpty();   // a file handed in by name
    const int got = follow ? ::stat(QFile::encodeName(path).constData(), &status)
                           : ::lstat(QFile::encodeName(path).constData(), &status);
    if (got != 0) {
        entry.refusal = Tr::tr("the file cannot be read (%1)").arg(systemError(errno));
    } else if (S_ISREG(status.st_mode)) {
        entry.size = qint64(status.st_size);
    } else if (S_ISDIR(status.st_mode) && !follow) {
        entry.size = -1;
    } else {
        entry.refusal = refusalFor(status.st_mode, path);
    }
    if (entry.refused())
        qCInfo(lcIngest) << "Not taken in:" << path << "-" << entry.refusal;
    return entry;
}

Status CardWalk::open(const CardEntry &entry, QFile &file)
{
    const int fd = entry.root.isEmpty()
        ? ::open(QFile::encodeName(entry.absolutePath).constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        : openBeneath(entry.root, entry.relativePath);
    if (fd < 0)
        return Error::failure(openRefusal(errno, entry.absolutePath));
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        const mode_t mode = status.st_mode;
        ::close(fd);
        return Error::failure(refusalFor(mode, entry.absolutePath));
    }
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return Error::failure(Tr::tr("the file cannot be read (%1)").arg(file.errorString()));
    }
    return Status::success();
}

} // namespace Keepsake
