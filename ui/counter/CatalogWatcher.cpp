// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CatalogWatcher.h"

#include "CounterLog.h"
#include "catalog/CatalogVersion.h"

namespace Keepsake {

CatalogWatcher::CatalogWatcher(const Catalog &catalog, QObject *parent) : QObject(parent), m_catalog(catalog)
{
    m_timer.setInterval(DefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &CatalogWatcher::check);
    m_timer.start();
    check();
}

void CatalogWatcher::check()
{
    const CatalogVersion version(m_catalog);
    const Result<qint64> now = version.read();
    if (!now) {
        if (!m_warned)   // once: the catalog may be away for a while
            qCWarning(lcCounter).noquote() << "The catalog's change counter could not be read:" << now.error().message();
        m_warned = true;
        return;
    }
    m_warned = false;
    const bool first = m_seen < 0;
    const bool moved = !first && *now != m_seen;
    m_seen = *now;
    if (moved || m_lookAgain)
        Q_EMIT changed();
    m_lookAgain = moved && version.movesBeforeCommit();
}

} // namespace Keepsake
