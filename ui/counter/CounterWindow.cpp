// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CounterWindow.h"

#include "CustomerPanel.h"
#include "DashboardPanel.h"
#include "RecordPanel.h"
#include "SettingsDialog.h"
#include "lab/Lab.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

namespace Keepsake {

CounterWindow::CounterWindow(const Lab &lab, QWidget *parent) : QMainWindow(parent), m_lab(lab)
{
    setObjectName(QStringLiteral("counterWindow"));
    setWindowTitle(tr("Keepsake — Counter"));
    resize(1600, 960);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("counterTabs"));
    m_dashboard = new DashboardPanel(lab);
    m_customers = new CustomerPanel(lab);
    m_recording = new RecordPanel(lab);
    m_tabs->addTab(m_customers, tr("Customers"));
    m_tabs->addTab(m_dashboard, tr("Today"));
    m_tabs->addTab(m_recording, tr("Recording"));
    setCentralWidget(m_tabs);
    buildMenus();
    statusBar()->showMessage(tr("Data folder: %1").arg(m_lab.dataDir()));
    connect(m_dashboard, &DashboardPanel::customerChosen, this, &CounterWindow::showCustomer);
    connect(m_customers, &CustomerPanel::changed, m_dashboard, &DashboardPanel::refresh);
    connect(m_customers, &CustomerPanel::recordRequested, this, &CounterWindow::showRecording);
    connect(m_dashboard, &DashboardPanel::recordRequested, this, &CounterWindow::showRecording);
    connect(m_recording, &RecordPanel::recorded, m_dashboard, &DashboardPanel::refresh);
    connect(m_recording, &RecordPanel::recorded, m_customers, &CustomerPanel::refresh);
    const auto show = [this](const QString &text) { statusBar()->showMessage(text); };
    connect(m_customers, &CustomerPanel::message, this, show);
    connect(m_recording, &RecordPanel::message, this, show);
    connect(m_dashboard, &DashboardPanel::message, this, show);
}

void CounterWindow::buildMenus()
{
    QMenu *lab = menuBar()->addMenu(tr("&Lab"));
    QAction *refresh = lab->addAction(tr("&Refresh"), QKeySequence::Refresh, this, [this] {
        m_dashboard->refresh();
        m_customers->refresh();
    });
    refresh->setObjectName(QStringLiteral("refreshAction"));
    QAction *settings = lab->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &CounterWindow::openSettings);
    settings->setObjectName(QStringLiteral("settingsAction"));
    lab->addSeparator();
    lab->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
}

void CounterWindow::showCustomer(qint64 customerId)
{
    m_tabs->setCurrentWidget(m_customers);
    m_customers->showCustomer(customerId);
}

void CounterWindow::showRecording(qint64 customerId, const QList<qint64> &albumIds)
{
    m_tabs->setCurrentWidget(m_recording);
    m_recording->start(customerId, albumIds);
}

void CounterWindow::openSettings()
{
    SettingsDialog dialog(m_lab, this);
    dialog.exec();
}

} // namespace Keepsake
