// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ThumbnailMaker.h"

#include "NetLog.h"
#include "lab/Lab.h"
#include "metadata/Thumbnailer.h"
#include "store/BlobStore.h"

namespace Keepsake {

ThumbnailMaker::ThumbnailMaker(const Lab &lab) : m_lab(lab)
{
    m_pool.setMaxThreadCount(1);   // the service keeps the other core
}

ThumbnailMaker::~ThumbnailMaker()
{
    stop();
    m_pool.waitForDone();
}

void ThumbnailMaker::make(const QString &sha256)
{
    if (m_stopped || m_lab.thumbnails().has(sha256))
        return;
    {
        const QMutexLocker lock(&m_mutex);
        if (m_queued.contains(sha256))
            return;
        m_queued.insert(sha256);
    }
    m_pool.start([this, sha256] {
        {
            const QMutexLocker lock(&m_mutex);
            m_making = sha256;
        }
        if (!m_stopped) {
            const Status made = m_lab.thumbnails().make(sha256, m_lab.store().pathFor(sha256));
            if (!made)
                qCWarning(lcNet).noquote() << "No thumbnail for received file" << sha256 << made.error().message();
        }
        const QMutexLocker lock(&m_mutex);
        m_queued.remove(sha256);
        m_making.clear();
    });
}

void ThumbnailMaker::stop()
{
    m_stopped = true;
    m_pool.clear();
    const QMutexLocker lock(&m_mutex);
    m_queued.clear();
    if (!m_making.isEmpty())
        m_queued.insert(m_making);
}

bool ThumbnailMaker::isIdle() const
{
    const QMutexLocker lock(&m_mutex);
    return m_queued.isEmpty();
}

} // namespace Keepsake
