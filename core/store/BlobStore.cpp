// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "BlobStore.h"

#include "StoreLog.h"
#include "Sha256.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::BlobStore)
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::BlobStore", text);
}

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Flushes a file or folder to the disk.
bool flushPath(const QString &path, bool folder)
{
    const int fd = ::open(QFile::encodeName(path).constData(),
                          (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

const QLatin1String TempPrefix(".incoming-");

} // namespace

BlobStore::BlobStore(QString root) : m_root(QDir(root).absolutePath()) { }

QString BlobStore::pathFor(const QString &sha256) const
{
    return m_root + QLatin1Char('/') + sha256.left(2) + QLatin1Char('/') + sha256.mid(2, 2)
        + QLatin1Char('/') + sha256;
}

bool BlobStore::flushFileSystem() const
{
    const int fd = ::open(QFile::encodeName(m_root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::syncfs(fd) == 0;
    ::close(fd);
    return ok;
}

bool BlobStore::contains(const QString &sha256) const
{
    return QFileInfo::exists(pathFor(sha256));
}

BlobStore::Batch::~Batch()
{
    discard();
}

Result<QString> BlobStore::Batch::prepare(const QString &sha256)
{
    if (m_shas.contains(sha256) || m_store.contains(sha256))
        return QString();
    const QString finalPath = m_store.pathFor(sha256);
    const QString folder = finalPath.left(finalPath.lastIndexOf(QLatin1Char('/')));
    if (!m_folders.contains(folder)) {
        if (!QDir().mkpath(folder))
            return Error::failure(Tr::tr("The photo store folder %1 cannot be created. Check the data "
                                         "folder's permissions and free space.").arg(folder));
        m_folders.insert(folder);
    }
    return folder + QLatin1Char('/') + TempPrefix + sha256 + QLatin1Char('-')
        + QUuid::createUuid().toString(QUuid::Id128).left(8);
}

void BlobStore::Batch::added(const QString &sha256, const QString &tempPath, qint64 size)
{
    m_pending.append({ sha256, tempPath });
    m_shas.insert(sha256);
    m_bytes += size;
}

Status BlobStore::Batch::add(const QString &sha256, const QByteArray &data)
{
    const Result<QString> tempPath = prepare(sha256);
    if (!tempPath)
        return tempPath.error();
    if (tempPath->isEmpty())
        return Status::success();
    if (Status written = writeBuffered(*tempPath, data.constData(), data.size()); !written)
        return written;
    added(sha256, *tempPath, data.size());
    return Status::success();
}

Status BlobStore::Batch::add(const QString &sha256, const FileBytes &bytes)
{
    const Result<QString> tempPath = prepare(sha256);
    if (!tempPath)
        return tempPath.error();
    if (tempPath->isEmpty())
        return Status::success();
    QString reason;
    const Direct direct = m_directRefused ? Direct::Unsupported : writeDirect(*tempPath, bytes, reason);
    if (direct == Direct::Failed)
        return Error::failure(Tr::tr("The photo store could not write a photo (%1). Make room on the "
                                     "disk holding %2 and hand the photos in again.").arg(reason, m_store.root()));
    if (direct == Direct::Unsupported) {
        m_directRefused = true;
        if (Status written = writeBuffered(*tempPath, bytes.constData(), bytes.size()); !written)
            return written;
    }
    added(sha256, *tempPath, bytes.size());
    return Status::success();
}

Status BlobStore::Batch::writeBuffered(const QString &tempPath, const char *data, qsizetype size)
{
    QFile file(tempPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error::failure(Tr::tr("The photo store cannot write %1: %2.").arg(tempPath, file.errorString()));
    errno = 0;
    if (file.write(data, size) != size || !file.flush()) {
        // QFile says "Unknown error" when its buffer fails to flush: the system knows (ENOSPC).
        const QString reason = errno != 0 ? systemError() : file.errorString();
        file.close();
        QFile::remove(tempPath);
        return Error::failure(Tr::tr("The photo store could not write a photo (%1). Make room on the "
                                     "disk holding %2 and hand the photos in again.")
                                  .arg(reason, m_store.root()));
    }
    // Start writing it back now, so that the batch's flush finds little left to do.
    ::sync_file_range(file.handle(), 0, 0, SYNC_FILE_RANGE_WRITE);
    file.close();
    return Status::success();
}

BlobStore::Direct BlobStore::writeDirectAt(int fd, const FileBytes &bytes, qint64 offset, QString &reason)
{
    if (reinterpret_cast<quintptr>(bytes.constData()) % FileBytes::Alignment != 0 || offset % FileBytes::Alignment != 0)
        return Direct::Unsupported;
    qint64 at = 0;
    const qint64 padded = bytes.paddedSize();
    while (at < padded) {
        const ssize_t wrote = ::pwrite(fd, bytes.constData() + at, size_t(padded - at), off_t(offset + at));
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0 || wrote % FileBytes::Alignment != 0) {
            const bool unsupported = at == 0 && wrote < 0 && errno == EINVAL;
            reason = wrote < 0 ? systemError() : Tr::tr("a short write");
            return unsupported ? Direct::Unsupported : Direct::Failed;
        }
        at += wrote;
    }
    if (::ftruncate(fd, off_t(offset + bytes.size())) != 0) {
        reason = systemError();
        return Direct::Failed;
    }
    return Direct::Written;
}

// A new file from the aligned memory. The batch's syncfs() makes the file's size and
// place durable as for a buffered write.
BlobStore::Direct BlobStore::Batch::writeDirect(const QString &tempPath, const FileBytes &bytes, QString &reason)
{
    if (reinterpret_cast<quintptr>(bytes.constData()) % FileBytes::Alignment != 0)
        return Direct::Unsupported;
    const QByteArray name = QFile::encodeName(tempPath);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_DIRECT, 0666);
    if (fd < 0) {
        reason = systemError();
        return errno == EINVAL ? Direct::Unsupported : Direct::Failed;
    }
    const Direct written = writeDirectAt(fd, bytes, 0, reason);
    ::close(fd);
    if (written != Direct::Written)
        ::unlink(name.constData());
    return written;
}

bool BlobStore::Batch::addLinked(const QString &sha256, const QString &path, qint64 size)
{
    if (m_shas.contains(sha256) || m_store.contains(sha256))
        return true;
    const QString folder = QFileInfo(m_store.pathFor(sha256)).path();
    if (!QDir().mkpath(folder))
        return false;
    const QString tempPath = folder + QLatin1Char('/') + TempPrefix + sha256 + QLatin1Char('-')
        + QUuid::createUuid().toString(QUuid::Id128).left(8);
    if (::link(QFile::encodeName(path).constData(), QFile::encodeName(tempPath).constData()) != 0)
        return false;
    m_pending.append({ sha256, tempPath });
    m_shas.insert(sha256);
    m_bytes += size;
    return true;
}

Status BlobStore::Batch::commit()
{
    if (m_pending.isEmpty())
        return Status::success();
    // The files' bytes first, then their names: one syncfs() each time covers the
    // whole batch (Linux); where it fails, every file and folder is flushed alone.
    const bool wholeFileSystem = m_store.flushFileSystem();
    if (!wholeFileSystem) {
        for (const Pending &pending : std::as_const(m_pending)) {
            if (!flushPath(pending.tempPath, false))
                return Error::failure(Tr::tr("The photo store could not flush %1 to disk: %2.")
                                          .arg(pending.tempPath, systemError()));
        }
    }
    QSet<QString> folders;
    for (const Pending &pending : std::as_const(m_pending)) {
        const QString finalPath = m_store.pathFor(pending.sha256);
        if (::rename(QFile::encodeName(pending.tempPath).constData(),
                     QFile::encodeName(finalPath).constData()) != 0)
            return Error::failure(Tr::tr("The photo store could not put %1 in place: %2.")
                                      .arg(finalPath, systemError()));
        folders.insert(QFileInfo(finalPath).path());
    }
    if (!wholeFileSystem || !m_store.flushFileSystem()) {
        for (const QString &folder : std::as_const(folders)) {
            if (!flushPath(folder, true))
                return Error::failure(Tr::tr("The photo store could not flush the folder %1: %2.")
                                          .arg(folder, systemError()));
        }
    }
    qCDebug(lcStore) << "Stored" << m_pending.size() << "files," << m_bytes << "bytes";
    m_pending.clear();
    m_shas.clear();
    m_bytes = 0;
    return Status::success();
}

void BlobStore::Batch::discard()
{
    for (const Pending &pending : std::as_const(m_pending))
        QFile::remove(pending.tempPath);
    m_pending.clear();
    m_shas.clear();
    m_bytes = 0;
}

QString BlobStore::incomingPath(const QString &sha256) const
{
    const QString finalPath = pathFor(sha256);
    return QFileInfo(finalPath).path() + QLatin1Char('/') + TempPrefix + sha256 + QLatin1String("-forward");
}

Status BlobStore::adopt(const QString &sha256, const QString &digest) const
{
    const QString temp = incomingPath(sha256);
    const Result<QString> got = digest.isEmpty() ? Sha256::ofFile(temp) : Result<QString>(digest);
    if (!got)
        return got.error();
    if (*got != sha256) {
        QFile::remove(temp);
        return Error::failure(Tr::tr("The file that arrived for %1 has another SHA-256 (%2): it was damaged on "
                                     "the way and is sent again.").arg(sha256, *got));
    }
    const QString finalPath = pathFor(sha256);
    if (!flushPath(temp, false)
        || ::rename(QFile::encodeName(temp).constData(), QFile::encodeName(finalPath).constData()) != 0
        || !flushPath(QFileInfo(finalPath).path(), true))
        return Error::failure(Tr::tr("The photo store could not put %1 in place: %2.").arg(finalPath, systemError()));
    return Status::success();
}

Status BlobStore::remove(const QString &sha256) const
{
    return remove(QStringList { sha256 });
}

Status BlobStore::remove(const QStringList &sha256s) const
{
    QSet<QString> folders;
    for (const QString &sha256 : sha256s) {
        const QString path = pathFor(sha256);
        if (QFile::exists(path) && !QFile::remove(path))
            return Error::failure(tr("The stored file %1 cannot be deleted.").arg(path));
        folders.insert(QFileInfo(path).path());
    }
    if (folders.size() > 1 && flushFileSystem())
        return Status::success();
    for (const QString &folder : std::as_const(folders))
        flushPath(folder, true);
    return Status::success();
}

Result<BlobStore::Listing> BlobStore::list() const
{
    static const QRegularExpression blobName(QStringLiteral("^[0-9a-f]{64}$"));
    Listing listing;
    if (!QFileInfo::exists(m_root))
        return listing;
    QDirIterator it(m_root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = it.fileName();
        if (name == QLatin1String(LockFile) && it.fileInfo().path() == m_root)
            continue;   // StoreLock's
        if (name.startsWith(TempPrefix))
            listing.temporaries.append(path);
        else if (blobName.match(name).hasMatch() && path == pathFor(name))
            listing.blobs.append(name);
        else
            listing.temporaries.append(path);
    }
    listing.blobs.sort();
    return listing;
}

} // namespace Keepsake
