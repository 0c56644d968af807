// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/DayDashboard.h"
#include "catalog/KioskRegistrations.h"
#include "net/ChainStatus.h"
#include "notify/Notice.h"
#include "notify/NoticeMails.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Keepsake {

class JobRunner;
class Lab;

// The counter's day: albums expiring soon, expired albums waiting for their disc
// (grouped by customer), albums in their grace period, notices that failed, and
// customers who registered at the kiosk and wait for the clerk's confirmation; in a
// chain, its devices, whether each answers, and the photos waiting to go to each.
class DashboardPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardPanel(const Lab &lab, QWidget *parent = nullptr);

    void refresh();
    const DayDashboardData &data() const { return m_data; }
    const QList<Notice> &failedNotices() const { return m_failed; }
    const QList<KioskRegistration> &registrations() const { return m_registrations; }
    const MailQueue &mailQueue() const { return m_mail; }
    // The mails that wait or failed in words, with the reason ("76 mails waiting — no
    // mail server set"); empty when every mail went out.
    static QString mailQueueText(const MailQueue &queue);
    // The customer of the current row of the recording queue: their disc is next.
    void recordChosen();
    void confirmChosen();

Q_SIGNALS:
    void customerChosen(qint64 customerId);
    void recordRequested(qint64 customerId, const QList<qint64> &albumIds);
    void refreshed();
    void mailQueueChanged();
    void message(const QString &text);

private:
    QTreeWidget *makeTree(const char *name, const QStringList &headers);
    void fill(QTreeWidget *tree, const QList<DashboardAlbum> &albums, bool groupByCustomer);
    void fillNotices();
    void fillMailQueue();
    QString summaryText() const;
    void fillRegistrations();
    void fillStoppedHandins();
    // The chain's devices, asked off this thread: reachable or not, photos owed to each.
    void askDevices();
    void fillDevices(const Result<QList<DeviceState>> &states);
    QWidget *withButton(QTreeWidget *tree, QPushButton *button);

    const Lab &m_lab;
    DayDashboardData m_data;
    QTimer m_timer;
    QLabel *m_summary = nullptr;
    QLabel *m_mailQueue = nullptr;
    QTreeWidget *m_expiring = nullptr;
    QTreeWidget *m_expired = nullptr;
    QTreeWidget *m_grace = nullptr;
    QTreeWidget *m_notices = nullptr;
    QTreeWidget *m_registered = nullptr;
    QTreeWidget *m_stopped = nullptr;
    QTreeWidget *m_devices = nullptr;
    JobRunner *m_chain = nullptr;
    QPushButton *m_record = nullptr;
    QPushButton *m_confirm = nullptr;
    QList<Notice> m_failed;
    QList<KioskRegistration> m_registrations;
    MailQueue m_mail;
    int m_graceDays = 0;
};

} // namespace Keepsake
