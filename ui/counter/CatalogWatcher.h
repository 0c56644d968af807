// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

namespace Keepsake {

class Catalog;

// Tells the counter when the catalog changed, whoever changed it (a kiosk, another
// program, another device of the chain): it reads the catalog's change counter
// (CatalogVersion, one integer) every couple of seconds and says changed() when it
// moved. On PostgreSQL the counter moves just before the change commits, so a move is
// announced once more on the next look.
class CatalogWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultIntervalMs = 2000;

    explicit CatalogWatcher(const Catalog &catalog, QObject *parent = nullptr);

    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    int interval() const { return m_timer.interval(); }
    // Looks now (the timer does it on its own).
    void check();

Q_SIGNALS:
    void changed();

private:
    const Catalog &m_catalog;
    QTimer m_timer;
    qint64 m_seen = -1;
    bool m_lookAgain = false;
    bool m_warned = false;
};

} // namespace Keepsake
