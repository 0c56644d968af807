// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Keepsake {

class Catalog;

// The counter's day at a glance: albums expiring soon, expired albums waiting to be
// recorded, albums in their grace period after recording.
struct DashboardAlbum
{
    qint64 albumId = 0;
    QString title;
    qint64 customerId = 0;
    QString customerCode;
    QString customerName;
    QString state;          // catalog name
    QDate expires;
    QDateTime recordedAt;
    int photos = 0;
    qint64 bytes = 0;
};

// A hand-in that did not end as it should: its program died (interrupted) or it
// stopped on an error (failed). Its committed photos stay; the card is to be handed
// in again.
struct DashboardHandin
{
    qint64 handinId = 0;
    qint64 customerId = 0;
    QString customerCode;
    QString customerName;
    QString state;          // interrupted, failed
    QDateTime startedAt;
    QString source;
    int stored = 0;         // photos it stored (new and new versions)
};

struct DayDashboardData
{
    QList<DashboardAlbum> expiringSoon;   // by date
    QList<DashboardAlbum> expired;        // by customer code: the recording queue
    QList<DashboardAlbum> inGrace;        // recorded, not yet purged
    QList<DashboardHandin> stoppedHandins;   // of the last RecentDays, newest first
};

class DayDashboard
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DayDashboard)

public:
    static constexpr int RecentDays = 14;

    explicit DayDashboard(const Catalog &catalog) : m_catalog(catalog) { }

    // "Soon" is up to today + the notice window (`notice.days_before`).
    Result<DayDashboardData> read(const QDate &today, int noticeDays) const;

private:
    Result<QList<DashboardAlbum>> select(const QString &where, const QString &order,
                                         const QVariantList &values) const;
    Result<QList<DashboardHandin>> stoppedHandins(const QDate &today) const;

    const Catalog &m_catalog;
};

} // namespace Keepsake
