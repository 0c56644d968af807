// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoticeWatch.h"

#include "KioskBackend.h"
#include "KioskLog.h"

#include <algorithm>

namespace Keepsake {

NoticeWatch::NoticeWatch(KioskBackend &backend, QObject *parent) : QObject(parent), m_backend(backend)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &NoticeWatch::ask);
}

void NoticeWatch::start()
{
    stop();
    m_watching = true;
    ask();
}

void NoticeWatch::stop()
{
    ++m_generation;
    m_watching = false;
    m_timer.stop();
    m_notices.clear();
    m_known.clear();
}

QList<Notice> NoticeWatch::unread() const
{
    QList<Notice> unread;
    std::copy_if(m_notices.cbegin(), m_notices.cend(), std::back_inserter(unread),
                 [](const Notice &notice) { return notice.state == QLatin1String("stored"); });
    std::stable_sort(unread.begin(), unread.end(), [](const Notice &a, const Notice &b) { return a.createdAt > b.createdAt; });
    return unread;
}

void NoticeWatch::ask()
{
    m_backend.notices([this, generation = m_generation](const Result<QList<Notice>> &notices) {
        if (generation == m_generation)
            answered(notices);
    });
}

void NoticeWatch::answered(const Result<QList<Notice>> &notices)
{
    if (!m_watching)
        return;
    m_timer.start();
    if (!notices) {
        qCInfo(lcKiosk) << "The customer's notices cannot be read now:" << notices.error().message();
        return;
    }
    bool arrived = false;
    for (const Notice &notice : *notices) {
        if (!m_known.contains(notice.id)) {
            m_known.insert(notice.id);
            arrived = true;
        }
    }
    m_notices = *notices;
    Q_EMIT updated(m_notices, arrived);
}

} // namespace Keepsake
