// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PieceFile.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace Keepsake {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PieceFile)
};

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Closes the descriptor on every way out.
struct Descriptor
{
    int fd = -1;
    ~Descriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

bool writeAll(int fd, const char *data, qint64 size, qint64 offset)
{
    qint64 at = 0;
    while (at < size) {
        const ssize_t wrote = ::pwrite(fd, data + at, size_t(size - at), off_t(offset + at));
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            return false;
        at += wrote;
    }
    return true;
}

} // namespace

Status PieceFile::write(const QString &path, qint64 offset, const QByteArray &bytes)
{
    const QByteArray name = QFile::encodeName(path);
    QString reason;
    if (offset % FileBytes::Alignment == 0 && !bytes.isEmpty()) {
        switch (writeDirect(name, offset, bytes, reason)) {
        case BlobStore::Direct::Written: return Status::success();
        case BlobStore::Direct::Failed: return Error::failure(Tr::tr("%1 cannot be written: %2.").arg(path, reason));
        case BlobStore::Direct::Unsupported: break;
        }
    }
    Descriptor file { ::open(name.constData(), O_WRONLY | O_CREAT | O_CLOEXEC | (offset == 0 ? O_TRUNC : 0), 0666) };
    if (file.fd < 0 || !writeAll(file.fd, bytes.constData(), bytes.size(), offset)
        || ::ftruncate(file.fd, off_t(offset + bytes.size())) != 0)
        return Error::failure(Tr::tr("%1 cannot be written: %2.").arg(path, systemError()));
    return Status::success();
}

Result<FileBytes> PieceFile::read(const QString &path, qint64 offset, qint64 length)
{
    const QByteArray name = QFile::encodeName(path);
    const bool aligned = offset % FileBytes::Alignment == 0;
    Descriptor file { ::open(name.constData(), O_RDONLY | O_CLOEXEC | (aligned ? O_DIRECT : 0)) };
    if (file.fd < 0 && aligned && errno == EINVAL)   // a file system without direct I/O
        file.fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
    if (file.fd < 0)
        return Error::failure(Tr::tr("%1 cannot be read: %2.").arg(path, systemError()));
    FileBytes bytes = m_buffers.take(length);
    qint64 at = 0;
    while (at < length) {
        // Whole blocks into the padded memory: the last read stops at the file's end.
        const qint64 want = (length - at + FileBytes::Alignment - 1) / FileBytes::Alignment * FileBytes::Alignment;
        const ssize_t got = ::pread(file.fd, bytes.data() + at, size_t(want), off_t(offset + at));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return Error::failure(Tr::tr("%1 cannot be read: %2.").arg(path, systemError()));
        if (got == 0)
            break;
        at += got;
        if (got % FileBytes::Alignment != 0)
            break;   // the file's end
    }
    bytes.shrink(at);
    return bytes;
}

BlobStore::Direct PieceFile::writeDirect(const QByteArray &name, qint64 offset, const QByteArray &bytes,
                                         QString &reason)
{
    Descriptor file { ::open(name.constData(), O_WRONLY | O_CREAT | O_CLOEXEC | O_DIRECT | (offset == 0 ? O_TRUNC : 0),
                             0666) };
    if (file.fd < 0) {
        reason = systemError();
        return errno == EINVAL ? BlobStore::Direct::Unsupported : BlobStore::Direct::Failed;
    }
    FileBytes aligned = m_buffers.take(bytes.size());   // zeros after the bytes, to the block's end
    std::memcpy(aligned.data(), bytes.constData(), size_t(bytes.size()));
    return BlobStore::writeDirectAt(file.fd, aligned, offset, reason);
}

} // namespace Keepsake
