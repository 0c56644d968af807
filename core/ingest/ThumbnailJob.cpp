// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ThumbnailJob.h"

#include "IngestLog.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"
#include "metadata/MetadataReader.h"
#include "metadata/PictureHasher.h"
#include "metadata/Thumbnailer.h"
#include "store/BlobStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
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

Result<QList<ThumbnailJob::Work>> ThumbnailJob::missingOfCatalog(Summary &summary) const
{
    const QString sql = QStringLiteral(
        "SELECT p.sha256, MAX(CASE WHEN p.picture_hash_method = :method THEN 0 ELSE 1 END) "
        "FROM photos p JOIN blobs b ON b.sha256 = p.sha256 WHERE b.removed_at IS NULL %1 GROUP BY p.sha256")
        .arg(m_customerId ? QStringLiteral("AND p.customer_id = :customer") : QString());
    SqlQuery query(m_lab.catalog().db(), sql);
    query.bind(QStringLiteral(":method"), PerceptualHash::Method);
    if (m_customerId)
        query.bind(QStringLiteral(":customer"), *m_customerId);
    if (Status status = query.exec(); !status)
        return status.error();
    QList<Work> missing;
    while (query.next()) {
        const QString sha = query.text(0);
        if (m_lab.device() && !m_lab.store().contains(sha))
            continue;   // kept by another device, which made its thumbnails; fetched from there when shown
        const Work work { sha, !m_lab.thumbnails().has(sha), query.integer(1) != 0 };
        if (work.thumbnails || work.hash)
            missing.append(work);
        else
            ++summary.present;
    }
    return missing;
}

QList<ThumbnailJob::Work> ThumbnailJob::missingOf(const QStringList &storedFiles, Summary &summary) const
{
    QList<Work> missing;
    for (const QString &sha : storedFiles) {
        if (m_lab.thumbnails().has(sha))
            ++summary.present;
        else
            missing.append({ sha, true, false });
    }
    return missing;
}

// One stored file: its thumbnails where they are missing, its perceptual hash where the
// catalog lacks it — one decode for both where the hash needs the picture decoded.
Status ThumbnailJob::makeOne(const Work &work, std::optional<Found> &found) const
{
    const Thumbnailer &thumbnails = m_lab.thumbnails();
    const QString stored = m_lab.store().pathFor(work.sha256);
    if (!work.hash)
        return thumbnails.make(work.sha256, stored);
    QFile file(stored);
    if (!file.open(QIODevice::ReadOnly))
        return Error::failure(tr("Cannot open the stored file %1: %2").arg(stored, file.errorString()));
    const QByteArray data = file.readAll();
    const Result<PhotoMetadata> read = MetadataReader().read(data);
    const PhotoMetadata meta = read ? *read : PhotoMetadata();
    const PictureHasher::Looked looked = PictureHasher().look(data, meta);
    found = Found { work.sha256, looked.hash ? std::optional<qint64>(looked.hash->toCatalog()) : std::nullopt };
    if (!work.thumbnails)
        return Status::success();
    if (looked.rendition.accepted && !looked.rendition.picture.isNull())
        return thumbnails.saveFrom(work.sha256, looked.rendition, meta.orientation);
    return thumbnails.make(work.sha256, stored);   // from the camera's preview
}

// Every photo of these stored files gets its hash, in one transaction.
Status ThumbnailJob::keepHashes(const QList<Found> &found) const
{
    if (found.isEmpty())
        return Status::success();
    return m_lab.catalog().transaction([&found](QSqlDatabase &db) -> Status {
        for (const Found &one : found) {
            SqlQuery update(db, QStringLiteral(
                "UPDATE photos SET picture_hash = :hash, picture_hash_method = :method "
                "WHERE sha256 = :sha AND (picture_hash_method IS NULL OR picture_hash_method <> :method)"));
            update.bind(QStringLiteral(":hash"), one.hash ? QVariant(*one.hash) : QVariant(QMetaType(QMetaType::LongLong)))
                .bind(QStringLiteral(":method"), PerceptualHash::Method)
                .bind(QStringLiteral(":sha"), one.sha256);
            if (Status status = update.exec(); !status)
                return status;
        }
        return Status::success();
    });
}

Result<ThumbnailJob::Summary> ThumbnailJob::run()
{
    QElapsedTimer timer;
    timer.start();
    Summary summary;
    Result<QList<Work>> missing = m_storedFiles ? Result<QList<Work>>(missingOf(*m_storedFiles, summary))
                                                : missingOfCatalog(summary);
    if (!missing)
        return missing.error();

    std::atomic<int> done { 0 };
    std::atomic<int> failures { 0 };
    std::atomic<int> thumbnailsMade { 0 };
    const int total = int(missing->size());
    QMutex foundLock;
    QList<Found> found;
    QThreadPool pool;
    QtConcurrent::blockingMap(&pool, *missing, [&](const Work &work) {
        if (m_cancel.isCancelled())
            return;
        std::optional<Found> hash;
        const Status status = makeOne(work, hash);
        if (hash) {
            const QMutexLocker lock(&foundLock);
            found.append(*hash);
        }
        if (status && work.thumbnails) {
            ++thumbnailsMade;
            Q_EMIT made(work.sha256);
        } else if (!status) {
            ++failures;
            qCWarning(lcIngest) << "No thumbnail for" << work.sha256 << status.error().message();
            Q_EMIT failed(work.sha256, status.error().message());
        }
        Q_EMIT progress(++done, total);
    });
    if (Status kept = keepHashes(found); !kept)
        return kept.error();
    summary.failed = failures;
    summary.made = thumbnailsMade;
    summary.hashed = int(found.size());
    summary.seconds = double(timer.elapsed()) / 1000.0;
    if (m_cancel.isCancelled())
        return Error::cancelled(tr("Cancelled after %1 of %2 thumbnails.").arg(summary.made).arg(total));
    return summary;
}

} // namespace Keepsake
