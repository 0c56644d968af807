// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SettingsDialog.h"

#include <QMainWindow>

#include <functional>

class QLabel;
class QTabWidget;

namespace Keepsake {

class CatalogWatcher;
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
    CatalogWatcher *watcher() const { return m_watcher; }
    QLabel *mailStatus() const { return m_mailStatus; }
    // What fits the screen the window opens on: 90 % of its free area.
    static QSize sizeFor(const QRect &available);
    // Test hook: the settings dialog is handed to it instead of being run modally.
    static std::function<void(SettingsDialog &)> &settingsHook();
    void showCustomer(qint64 customerId);
    // The recording screen for this customer's albums (empty: their expired ones).
    void showRecording(qint64 customerId, const QList<qint64> &albumIds);

private:
    void buildMenus();
    void openSettings(SettingsDialog::Tab tab);
    // The views read the catalog again, keeping what the clerk has chosen.
    void refreshViews();
    void showMailQueue();

    const Lab &m_lab;
    QTabWidget *m_tabs = nullptr;
    CustomerPanel *m_customers = nullptr;
    DashboardPanel *m_dashboard = nullptr;
    RecordPanel *m_recording = nullptr;
    CatalogWatcher *m_watcher = nullptr;
    QLabel *m_mailStatus = nullptr;
};

} // namespace Keepsake
