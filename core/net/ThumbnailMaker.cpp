// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ThumbnailMaker.h"

#include "NetLog.h"
#include "lab/Lab.h"
#include "lab/PhotoThumbnails.h"
#include "metadata/Thumbnailer.h"
#include "store/BlobStore.h"

#include <QThread>

#include <QFileInfo>

namespace Keepsake {

ThumbnailMaker::ThumbnailMaker(const Lab &lab) : m_lab(lab)
{
    m_pool.setMaxThreadCount(1);   // the service keeps the other core
    // Only on a core nobody else wants: photos arriving, hand-ins and burns go first,
    // and the thumbnails follow as soon as the device has a moment.
    m_pool.setThreadPriority(QThread::IdlePriority);
}

ThumbnailMaker::~ThumbnailMaker()
{
    stop();
    m_pool.waitForDone();
}

void ThumbnailMaker::make(const QString &sha256)
{
    if (m_lab.thumbnails().has(sha256))
        return;
    queue(sha256, [this, sha256] {
        const Status made = m_lab.thumbnails().make(sha256, m_lab.store().pathFor(sha256));
        if (!made)
            qCWarning(lcNet).noquote() << "No thumbnail for file" << sha256 << made.error().message();
    });
}

void ThumbnailMaker::fetch(const QString &sha256, const QString &holder)
{
    if (QFileInfo::exists(m_lab.thumbnails().path(sha256, Thumbnailer::Size::Grid)))
        return;
    queue(sha256, [this, sha256, holder] {
        const Result<QString> fetched = PhotoThumbnails(m_lab).ensure(sha256, Thumbnailer::Size::Grid, holder);
        if (!fetched)
            qCInfo(lcNet).noquote() << "No thumbnail of file" << sha256 << "from device" << holder
                                    << fetched.error().message();
    });
}

void ThumbnailMaker::queue(const QString &sha256, std::function<void()> work)
{
    if (m_stopped)
        return;
    {
        const QMutexLocker lock(&m_mutex);
        if (m_queued.contains(sha256))
            return;
        m_queued.insert(sha256);
    }
    m_pool.start([this, sha256, work = std::move(work)] {
        {
            const QMutexLocker lock(&m_mutex);
            m_making = sha256;
        }
        if (!m_stopped)
            work();
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
