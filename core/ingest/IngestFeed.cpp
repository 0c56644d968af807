// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestFeed.h"

#include <QDeadlineTimer>

namespace Keepsake {

void IngestFeed::add(Item item)
{
    QMutexLocker lock(&m_mutex);
    if (!item.decided) {
        ++m_files;
        m_bytes += std::max<qint64>(item.entry.size, 0);
    }
    m_items.push_back(std::move(item));
    m_added.wakeAll();
}

void IngestFeed::close()
{
    QMutexLocker lock(&m_mutex);
    m_closed = true;
    m_added.wakeAll();
}

void IngestFeed::cancel()
{
    QMutexLocker lock(&m_mutex);
    m_cancelled = true;
    m_added.wakeAll();
}

std::optional<IngestFeed::Item> IngestFeed::take(int waitMs)
{
    QMutexLocker lock(&m_mutex);
    const QDeadlineTimer deadline(waitMs);
    while (m_items.empty() && !m_closed && !m_cancelled) {
        if (!m_added.wait(&m_mutex, deadline))
            break;
    }
    if (m_items.empty() || m_cancelled)
        return std::nullopt;
    Item item = std::move(m_items.front());
    m_items.pop_front();
    return item;
}

bool IngestFeed::over() const
{
    QMutexLocker lock(&m_mutex);
    return m_cancelled || (m_closed && m_items.empty());
}

bool IngestFeed::cancelled() const
{
    QMutexLocker lock(&m_mutex);
    return m_cancelled;
}

int IngestFeed::files() const
{
    QMutexLocker lock(&m_mutex);
    return m_files;
}

qint64 IngestFeed::bytes() const
{
    QMutexLocker lock(&m_mutex);
    return m_bytes;
}

} // namespace Keepsake
