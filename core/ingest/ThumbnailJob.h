// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace Keepsake {

class Lab;

// Makes every missing thumbnail (both sizes) of the stored photos, of one customer
// or of the whole lab, on all cores; or of the files a hand-in just stored, which
// ingest runs once the card may be removed (issue 14). It also fills in after
// `ingest --no-thumbnails` or a cleared cache. Of one customer or the whole lab, it
// also gives their perceptual hash (PictureHasher) to the photos stored before ingest
// made one (catalog migration 12), from the same decode where a thumbnail is missing too.
class ThumbnailJob : public QObject
{
    Q_OBJECT

public:
    explicit ThumbnailJob(const Lab &lab, std::optional<qint64> customerId = std::nullopt,
                          QObject *parent = nullptr);
    // Exactly these stored files (SHA-256s), e.g. those of one hand-in.
    ThumbnailJob(const Lab &lab, QStringList storedFiles, QObject *parent = nullptr);

    struct Summary
    {
        int made = 0;     // files whose thumbnails were made
        int present = 0;  // files whose thumbnails (and hash) were there
        int failed = 0;
        int hashed = 0;   // files whose perceptual hash was filled in
        double seconds = 0;
    };
    Result<Summary> run();
    CancelToken &cancelToken() { return m_cancel; }

Q_SIGNALS:
    void progress(int done, int total);
    // One file's thumbnails are in the cache (emitted from a worker thread).
    void made(const QString &sha256);
    void failed(const QString &sha256, const QString &reason);

private:
    // One stored file to work on, and what it lacks.
    struct Work
    {
        QString sha256;
        bool thumbnails = true;
        bool hash = false;
    };
    // A perceptual hash found for the photos of one stored file (none: too little detail).
    struct Found
    {
        QString sha256;
        std::optional<qint64> hash;
    };
    Result<QList<Work>> missingOfCatalog(Summary &summary) const;
    QList<Work> missingOf(const QStringList &storedFiles, Summary &summary) const;
    Status makeOne(const Work &work, std::optional<Found> &found) const;
    Status keepHashes(const QList<Found> &found) const;

    const Lab &m_lab;
    std::optional<qint64> m_customerId;
    std::optional<QStringList> m_storedFiles;
    CancelToken m_cancel;
};

} // namespace Keepsake
