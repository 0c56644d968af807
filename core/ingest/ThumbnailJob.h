// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"

#include <QObject>

#include <optional>

namespace Keepsake {

class Lab;

// Makes every missing thumbnail (both sizes) of the stored photos, of one customer
// or of the whole lab, on all cores. Ingest makes them as it goes; this job fills
// in after `ingest --no-thumbnails` or a cleared cache.
class ThumbnailJob : public QObject
{
    Q_OBJECT

public:
    explicit ThumbnailJob(const Lab &lab, std::optional<qint64> customerId = std::nullopt,
                          QObject *parent = nullptr);

    struct Summary { int made = 0; int present = 0; int failed = 0; double seconds = 0; };
    Result<Summary> run();
    CancelToken &cancelToken() { return m_cancel; }

Q_SIGNALS:
    void progress(int done, int total);
    void failed(const QString &sha256, const QString &reason);

private:
    const Lab &m_lab;
    std::optional<qint64> m_customerId;
    CancelToken m_cancel;
};

} // namespace Keepsake
