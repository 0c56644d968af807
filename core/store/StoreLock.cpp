// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreLock.h"

#include "BlobStore.h"
#include "StoreLog.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <mutex>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace Keepsake {

namespace {

// The test hook and its guard: the only state StoreLock keeps besides the lock file.
struct WaitHook
{
    std::mutex guard;
    std::function<void(StoreLock::Mode)> hook;
};

WaitHook &waitHook()
{
    static WaitHook theHook;
    return theHook;
}

void callWaitHook(StoreLock::Mode mode)
{
    WaitHook &w = waitHook();
    const std::lock_guard<std::mutex> lock(w.guard);
    if (w.hook)
        w.hook(mode);
}

} // namespace

void StoreLock::setWaitHook(std::function<void(Mode)> hook)
{
    WaitHook &w = waitHook();
    const std::lock_guard<std::mutex> lock(w.guard);
    w.hook = std::move(hook);
}

Result<StoreLock> StoreLock::acquire(const BlobStore &store, Mode mode)
{
    QDir().mkpath(store.root());
    const QString path = QDir(store.root()).filePath(QLatin1String(BlobStore::LockFile));
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return Error::failure(tr("The photo store's lock %1 cannot be opened: %2. Check the data folder's permissions.")
                                  .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    const int operation = mode == Mode::Shared ? LOCK_SH : LOCK_EX;
    int locked = ::flock(fd, operation | LOCK_NB);
    if (locked != 0 && errno == EWOULDBLOCK) {
        qCDebug(lcStore) << "Waiting for the store's lock" << path;
        callWaitHook(mode);
        do
            locked = ::flock(fd, operation);
        while (locked != 0 && errno == EINTR);
    }
    if (locked != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return Error::failure(tr("The photo store's lock %1 cannot be taken: %2.").arg(path, reason));
    }
    return StoreLock(fd);
}

StoreLock &StoreLock::operator=(StoreLock &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

StoreLock::~StoreLock()
{
    if (m_fd >= 0)
        ::close(m_fd);   // releases the lock
}

} // namespace Keepsake
