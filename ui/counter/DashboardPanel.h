// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/DayDashboard.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace Keepsake {

class Lab;

// The counter's day: albums expiring soon, expired albums waiting for their disc
// (grouped by customer), albums in their grace period, notices that failed.
class DashboardPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardPanel(const Lab &lab, QWidget *parent = nullptr);

    void refresh();
    const DayDashboardData &data() const { return m_data; }

Q_SIGNALS:
    void customerChosen(qint64 customerId);
    void refreshed();

private:
    QTreeWidget *makeTree(const char *name, const QStringList &headers);
    void fill(QTreeWidget *tree, const QList<DashboardAlbum> &albums, bool groupByCustomer);
    void fillNotices();

    const Lab &m_lab;
    DayDashboardData m_data;
    QTimer m_timer;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_expiring = nullptr;
    QTreeWidget *m_expired = nullptr;
    QTreeWidget *m_grace = nullptr;
    QTreeWidget *m_notices = nullptr;
};

} // namespace Keepsake
