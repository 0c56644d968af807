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
// `ingest --no-thumbnails` or a cleared cache.
class ThumbnailJob : public QObject
{
    Q_OBJECT

public:
    explicit ThumbnailJob(const Lab &lab, std::optional<qint64> customerId = std::nullopt,
                          QObject *parent = nullptr);
    // Exactly these stored files (SHA-256s), e.g. those of one hand-in.
    ThumbnailJob(const Lab &lab, QStringList storedFiles, QObject *parent = nullptr);

    struct Summary { int made = 0; int present = 0; int failed = 0; double seconds = 0; };
    Result<Summary> run();
    CancelToken &cancelToken() { return m_cancel; }

Q_SIGNALS:
    void progress(int done, int total);
    // One file's thumbnails are in the cache (emitted from a worker thread).
    void made(const QString &sha256);
    void failed(const QString &sha256, const QString &reason);

private:
    Result<QStringList> missingOfCatalog(Summary &summary) const;
    QStringList missingOf(const QStringList &storedFiles, Summary &summary) const;

    const Lab &m_lab;
    std::optional<qint64> m_customerId;
    std::optional<QStringList> m_storedFiles;
    CancelToken m_cancel;
};

} // namespace Keepsake
