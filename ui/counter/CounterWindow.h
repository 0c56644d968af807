// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QTabWidget;

namespace Keepsake {

class CustomerPanel;
class DashboardPanel;
class Lab;
class RecordPanel;

// The clerk's window at the counter: the day's dashboard, and customers with their
// albums, photos and everything done with them.
class CounterWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit CounterWindow(const Lab &lab, QWidget *parent = nullptr);

    CustomerPanel *customers() const { return m_customers; }
    DashboardPanel *dashboard() const { return m_dashboard; }
    RecordPanel *recording() const { return m_recording; }
    void showCustomer(qint64 customerId);
    // The recording screen for this customer's albums (empty: their expired ones).
    void showRecording(qint64 customerId, const QList<qint64> &albumIds);

private:
    void buildMenus();
    void openSettings();

    const Lab &m_lab;
    QTabWidget *m_tabs = nullptr;
    CustomerPanel *m_customers = nullptr;
    DashboardPanel *m_dashboard = nullptr;
    RecordPanel *m_recording = nullptr;
};

} // namespace Keepsake
