// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreCheck.h"

#include "store/BlobStore.h"
#include "store/Sha256.h"
#include "store/StoreLock.h"
#include "store/StoreLog.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"

#include <QCoreApplication>
#include <QFile>
#include <QMutex>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <atomic>

namespace Keepsake {

namespace {

Result<QSet<QString>> referencedHashes(const Catalog &catalog)
{
    // A purged album's files are gone on purpose (blobs.removed_at): not expected.
    SqlQuery query(catalog.db(), QStringLiteral(
        "SELECT DISTINCT p.sha256 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 "
        "WHERE b.removed_at IS NULL"));
    if (Status status = query.exec(); !status)
        return status.error();
    QSet<QString> hashes;
    while (query.next())
        hashes.insert(query.text(0));
    return hashes;
}

} // namespace

Result<StoreCheck::Report> StoreCheck::run(const CancelToken &cancel,
                                           const std::function<void(int, int)> &progress) const
{
    const Result<QSet<QString>> referenced = referencedHashes(m_catalog);
    if (!referenced)
        return referenced.error();
    const Result<BlobStore::Listing> listing = m_store.list();
    if (!listing)
        return listing.error();

    Report report;
    report.unreferenced = listing->temporaries;
    QSet<QString> onDisk;
    QStringList toVerify;
    for (const QString &sha : listing->blobs) {
        onDisk.insert(sha);
        if (referenced->contains(sha))
            toVerify.append(sha);
        else
            report.unreferenced.append(m_store.pathFor(sha));
    }
    for (const QString &sha : *referenced) {
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

Result<bool> StoreCheck::referencedNow(const QString &sha) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT 1 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 WHERE p.sha256 = :sha AND b.removed_at IS NULL"));
    query.bind(QStringLiteral(":sha"), sha);
    return query.execFindsRow();
}

Result<int> StoreCheck::repair(const Report &report) const
{
    const Result<StoreLock> lock = StoreLock::acquire(m_store, StoreLock::Mode::Exclusive);
    if (!lock)
        return lock.error();
    int removed = 0;
    for (const QString &path : report.unreferenced) {
        const QString sha = path.section(QLatin1Char('/'), -1);
        const Result<bool> referenced = referencedNow(sha);
        if (!referenced)
            return referenced.error();
        if (*referenced) {
            qCInfo(lcStore) << "Kept" << path << "- a hand-in committed it since the check";
            continue;
        }
        if (QFile::remove(path)) {
            ++removed;
            qCInfo(lcStore) << "Removed unreferenced file" << path;
        }
        SqlQuery forget(m_catalog.db(), QStringLiteral(
            "DELETE FROM blobs WHERE sha256 = :sha AND NOT EXISTS "
            "(SELECT 1 FROM photos WHERE photos.sha256 = :sha2)"));
        forget.bind(QStringLiteral(":sha"), sha).bind(QStringLiteral(":sha2"), sha);
        if (Status status = forget.exec(); !status)
            return status.error();
    }
    return removed;
}

} // namespace Keepsake
