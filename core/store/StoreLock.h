// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <utility>

namespace Keepsake {

class BlobStore;

// Which store jobs may overlap, for every process and thread on the machine: a lock
// on the file ROOT/.lock (flock(2), so a dead process's lock goes with it).
// - Shared: a hand-in holds it from the first file of a batch until the batch's rows
//   are committed (or rolled back); any number of hand-ins at once.
// - Exclusive: check --repair holds it while it deletes: no batch is then between
//   writing its files and committing its rows, so "unreferenced" means unreferenced.
// Held while the object lives; movable.
class StoreLock
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::StoreLock)

public:
    enum class Mode { Shared, Exclusive };

    // Waits until the lock is granted.
    static Result<StoreLock> acquire(const BlobStore &store, Mode mode);

    // Test hook: called on a thread that finds the lock held elsewhere, just before it
    // waits. Lets a test prove that a job waits instead of running into another.
    static void setWaitHook(std::function<void(Mode)> hook);

    StoreLock(StoreLock &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) { }
    StoreLock &operator=(StoreLock &&other) noexcept;
    StoreLock(const StoreLock &) = delete;
    StoreLock &operator=(const StoreLock &) = delete;
    ~StoreLock();

private:
    explicit StoreLock(int fd) : m_fd(fd) { }
    int m_fd = -1;
};

} // namespace Keepsake
