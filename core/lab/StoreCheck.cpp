// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreCheck.h"

#include "Lab.h"
#include "LabLog.h"
#include "catalog/Catalog.h"
#include "catalog/StoredFiles.h"
#include "store/BlobStore.h"
#include "store/Sha256.h"
#include "store/StoreLock.h"

#include <QCoreApplication>
#include <QFile>
#include <QMutex>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <atomic>

namespace Keepsake {

StoreCheck::StoreCheck(const Lab &lab) : StoreCheck(lab.catalog(), lab.store(), lab.deviceId()) { }

Result<StoreCheck::Report> StoreCheck::run(const CancelToken &cancel,
                                           const std::function<void(int, int)> &progress) const
{
    const StoredFiles files(m_catalog, m_deviceId);
    const Result<QSet<QString>> expected = files.expected();
    if (!expected)
        return expected.error();
    const Result<QSet<QString>> kept = files.kept();
    if (!kept)
        return kept.error();
    const Result<BlobStore::Listing> listing = m_store.list();
    if (!listing)
        return listing.error();

    Report report;
    report.unreferenced = listing->temporaries;
    QSet<QString> onDisk;
    QStringList toVerify;
    for (const QString &sha : listing->blobs) {
        onDisk.insert(sha);
        if (kept->contains(sha) || expected->contains(sha))
            toVerify.append(sha);
        else
            report.unreferenced.append(m_store.pathFor(sha));
    }
    for (const QString &sha : *expected) {
        if (!onDisk.contains(sha))
            report.missing.append(sha);
    }

    QMutex mutex;
    std::atomic<int> done { 0 };
    QThreadPool pool;
    QtConcurrent::blockingMap(&pool, toVerify, [&](const QString &sha) {
        if (cancel.isCancelled())
            return;
        const Result<QString> actual = Sha256::ofFile(m_store.pathFor(sha));
        if (!actual || *actual != sha) {
            const QMutexLocker lock(&mutex);
            report.damaged.append(sha);
        }
        const int now = ++done;
        if (progress)
            progress(now, int(toVerify.size()));
    });
    if (cancel.isCancelled())
        return Error::cancelled(QCoreApplication::translate("Keepsake::StoreCheck", "The check of the photo store was cancelled."));
    report.checked = int(toVerify.size());
    report.unreferenced.sort();
    report.missing.sort();
    report.damaged.sort();
    return report;
}

Result<int> StoreCheck::repair(const Report &report) const
{
    const Result<StoreLock> lock = StoreLock::acquire(m_store, StoreLock::Mode::Exclusive);
    if (!lock)
        return lock.error();
    int removed = 0;
    for (const QString &path : report.unreferenced) {
        const QString sha = path.section(QLatin1Char('/'), -1);
        const Result<bool> referenced = StoredFiles(m_catalog, m_deviceId).isReferenced(sha);
        if (!referenced)
            return referenced.error();
        if (*referenced) {
            qCInfo(lcLab) << "Kept" << path << "- a hand-in committed it since the check, or it is owed a device";
            continue;
        }
        if (QFile::remove(path)) {
            ++removed;
            qCInfo(lcLab) << "Removed unreferenced file" << path;
        }
        if (Status forgotten = StoredFiles(m_catalog, m_deviceId).forgetUnreferenced(sha); !forgotten)
            return forgotten.error();
    }
    return removed;
}

} // namespace Keepsake
