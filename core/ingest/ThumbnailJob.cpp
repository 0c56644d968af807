// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ThumbnailJob.h"

#include "IngestLog.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"
#include "metadata/Thumbnailer.h"
#include "store/BlobStore.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <atomic>

namespace Keepsake {

ThumbnailJob::ThumbnailJob(const Lab &lab, std::optional<qint64> customerId, QObject *parent)
    : QObject(parent), m_lab(lab), m_customerId(customerId)
{
}

ThumbnailJob::ThumbnailJob(const Lab &lab, QStringList storedFiles, QObject *parent)
    : QObject(parent), m_lab(lab), m_storedFiles(std::move(storedFiles))
{
}

Result<QStringList> ThumbnailJob::missingOfCatalog(Summary &summary) const
{
    SqlQuery query(m_lab.catalog().db(), m_customerId
        ? QStringLiteral("SELECT DISTINCT p.sha256 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 "
                         "WHERE b.removed_at IS NULL AND p.customer_id = :customer")
        : QStringLiteral("SELECT DISTINCT p.sha256 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 "
                         "WHERE b.removed_at IS NULL"));
    if (m_customerId)
        query.bind(QStringLiteral(":customer"), *m_customerId);
    if (Status status = query.exec(); !status)
        return status.error();
    QStringList stored;
    while (query.next()) {
        const QString sha = query.text(0);
        if (m_lab.device() && !m_lab.store().contains(sha))
            continue;   // kept by another device, which made its thumbnails; fetched from there when shown
        stored.append(sha);
    }
    return missingOf(stored, summary);
}

QStringList ThumbnailJob::missingOf(const QStringList &storedFiles, Summary &summary) const
{
    QStringList missing;
    for (const QString &sha : storedFiles) {
        if (m_lab.thumbnails().has(sha))
            ++summary.present;
        else
            missing.append(sha);
    }
    return missing;
}

Result<ThumbnailJob::Summary> ThumbnailJob::run()
{
    QElapsedTimer timer;
    timer.start();
    Summary summary;
    Result<QStringList> missing = m_storedFiles ? Result<QStringList>(missingOf(*m_storedFiles, summary))
                                                : missingOfCatalog(summary);
    if (!missing)
        return missing.error();

    std::atomic<int> done { 0 };
    std::atomic<int> failures { 0 };
    const int total = int(missing->size());
    const Thumbnailer &thumbnails = m_lab.thumbnails();
    QThreadPool pool;
    QtConcurrent::blockingMap(&pool, *missing, [&](const QString &sha) {
        if (m_cancel.isCancelled())
            return;
        const Status status = thumbnails.make(sha, m_lab.store().pathFor(sha));
        if (status) {
            Q_EMIT made(sha);
        } else {
            ++failures;
            qCWarning(lcIngest) << "No thumbnail for" << sha << status.error().message();
            Q_EMIT failed(sha, status.error().message());
        }
        Q_EMIT progress(++done, total);
    });
    summary.failed = failures;
    summary.made = done - failures;
    summary.seconds = double(timer.elapsed()) / 1000.0;
    if (m_cancel.isCancelled())
        return Error::cancelled(tr("Cancelled after %1 of %2 thumbnails.").arg(summary.made).arg(total));
    return summary;
}

} // namespace Keepsake
