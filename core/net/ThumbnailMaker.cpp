// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ThumbnailMaker.h"

#include "NetLog.h"
#include "lab/Lab.h"
#include "lab/PhotoThumbnails.h"
#include "metadata/Thumbnailer.h"
#include "store/BlobStore.h"

#include <QFileInfo>
#include <QThread>

#include <algorithm>

namespace Keepsake {

namespace {

void makeNow(const Lab &lab, const QString &sha256)
{
    const Status made = lab.thumbnails().make(sha256, lab.store().pathFor(sha256));
    if (!made)
        qCWarning(lcNet).noquote() << "No thumbnail for file" << sha256 << made.error().message();
}

} // namespace

ThumbnailMaker::ThumbnailMaker(const Lab &lab, int quietMs) : m_lab(lab), m_quietMs(quietMs)
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
    queue({ sha256, [this, sha256] { makeNow(m_lab, sha256); } }, true);
}

void ThumbnailMaker::makeWhenQuiet(const QString &sha256)
{
    {
        const QMutexLocker lock(&m_mutex);
        m_quiet.setRemainingTime(m_quietMs);
    }
    if (m_lab.thumbnails().has(sha256))
        return;
    queue({ sha256, [this, sha256] { makeNow(m_lab, sha256); } }, false);
}

void ThumbnailMaker::fetch(const QString &sha256, const QString &holder)
{
    if (QFileInfo::exists(m_lab.thumbnails().path(sha256, Thumbnailer::Size::Grid)))
        return;
    queue({ sha256, [this, sha256, holder] {
              const Result<QString> fetched = PhotoThumbnails(m_lab).ensure(sha256, Thumbnailer::Size::Grid, holder);
              if (!fetched)
                  qCInfo(lcNet).noquote() << "No thumbnail of file" << sha256 << "from device" << holder
                                          << fetched.error().message();
          } },
          true);
}

void ThumbnailMaker::queue(Task task, bool asked)
{
    if (m_stopped)
        return;
    const QMutexLocker lock(&m_mutex);
    if (m_queued.contains(task.sha256)) {
        if (asked)
            moveAhead(task.sha256);
        return;
    }
    m_queued.insert(task.sha256);
    (asked ? m_asked : m_arrived).append(std::move(task));
    if (asked)
        m_changed.wakeAll();   // an arrival only moves the quiet deadline, which the maker reads
    if (!m_working) {
        m_working = true;
        m_pool.start([this] { work(); });
    }
}

// Asked for while waiting behind the arrivals: it goes ahead now. Under m_mutex.
void ThumbnailMaker::moveAhead(const QString &sha256)
{
    const auto waiting = std::find_if(m_arrived.begin(), m_arrived.end(),
                                      [&sha256](const Task &queued) { return queued.sha256 == sha256; });
    if (waiting == m_arrived.end())
        return;   // being made, or already among those asked for
    m_asked.append(std::move(*waiting));
    m_arrived.erase(waiting);
    m_changed.wakeAll();
}

// The maker's thread: what is asked for first, then the arrivals' once quiet, until
// nothing is left.
void ThumbnailMaker::work()
{
    QMutexLocker lock(&m_mutex);
    Task task;
    while (takeNext(task)) {
        m_making = task.sha256;
        lock.unlock();
        if (!m_stopped)
            task.work();
        lock.relock();
        m_queued.remove(task.sha256);
        m_making.clear();
    }
    m_working = false;
}

bool ThumbnailMaker::takeNext(Task &task)
{
    while (!m_stopped) {
        if (!m_asked.isEmpty()) {
            task = m_asked.takeFirst();
            return true;
        }
        if (m_arrived.isEmpty())
            return false;
        if (m_quiet.hasExpired()) {
            task = m_arrived.takeFirst();
            return true;
        }
        m_changed.wait(&m_mutex, m_quiet);   // until quiet, or something is asked for
    }
    return false;
}

void ThumbnailMaker::stop()
{
    m_stopped = true;
    const QMutexLocker lock(&m_mutex);
    m_asked.clear();
    m_arrived.clear();
    m_queued.clear();
    if (!m_making.isEmpty())
        m_queued.insert(m_making);
    m_changed.wakeAll();
}

bool ThumbnailMaker::isIdle() const
{
    const QMutexLocker lock(&m_mutex);
    return m_queued.isEmpty();
}

} // namespace Keepsake
