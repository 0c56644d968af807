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

Result<ThumbnailJob::Summary> ThumbnailJob::run()
{
    QElapsedTimer timer;
    timer.start();
    SqlQuery query(m_lab.catalog().db(), m_customerId
        ? QStringLiteral("SELECT DISTINCT p.sha256 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 "
                         "WHERE b.removed_at IS NULL AND p.customer_id = :customer")
        : QStringLiteral("SELECT DISTINCT p.sha256 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 "
                         "WHERE b.removed_at IS NULL"));
    if (m_customerId)
        query.bind(QStringLiteral(":customer"), *m_customerId);
    if (Status status = query.exec(); !status)
        return status.error();
    QStringList missing;
    Summary summary;
    const Thumbnailer &thumbnails = m_lab.thumbnails();
    while (query.next()) {
        const QString sha = query.text(0);
        if (m_lab.device() && !m_lab.store().contains(sha))
            continue;   // kept by another device, which made its thumbnails; fetched from there when shown
        if (thumbnails.has(sha))
            ++summary.present;
        else
            missing.append(sha);
    }

    std::atomic<int> done { 0 };
    std::atomic<int> failures { 0 };
    const int total = int(missing.size());
    QThreadPool pool;
    QtConcurrent::blockingMap(&pool, missing, [&](const QString &sha) {
        if (m_cancel.isCancelled())
            return;
        const Status status = thumbnails.make(sha, m_lab.store().pathFor(sha));
        if (!status) {
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
