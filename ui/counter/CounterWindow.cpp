// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CounterWindow.h"

#include "AuditDialog.h"
#include "CatalogWatcher.h"
#include "CustomerEditor.h"
#include "CustomerPanel.h"
#include "DashboardPanel.h"
#include "RecordPanel.h"
#include "StationQueueView.h"
#include "SettingsDialog.h"
#include "lab/Lab.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QScreen>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

namespace Keepsake {

CounterWindow::CounterWindow(const Lab &lab, QWidget *parent) : QMainWindow(parent), m_lab(lab)
{
    setObjectName(QStringLiteral("counterWindow"));
    setWindowTitle(tr("Keepsake — Counter"));
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        resize(sizeFor(screen->availableGeometry()));
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
    m_mailStatus = new QLabel;
    m_mailStatus->setObjectName(QStringLiteral("mailStatus"));
    m_mailStatus->setTextFormat(Qt::RichText);
    connect(m_mailStatus, &QLabel::linkActivated, this, [this] { openSettings(SettingsDialog::Tab::Mail); });
    statusBar()->addPermanentWidget(m_mailStatus);
    connect(m_dashboard, &DashboardPanel::mailQueueChanged, this, &CounterWindow::showMailQueue);
    showMailQueue();
    m_watcher = new CatalogWatcher(lab.catalog(), this);
    connect(m_watcher, &CatalogWatcher::changed, this, &CounterWindow::refreshViews);
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
    QAction *refresh = lab->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &CounterWindow::refreshViews);
    refresh->setObjectName(QStringLiteral("refreshAction"));
    QAction *settings = lab->addAction(tr("&Settings…"), QKeySequence::Preferences, this,
                                       [this] { openSettings(SettingsDialog::Tab::Lab); });
    settings->setObjectName(QStringLiteral("settingsAction"));
    QAction *audit = lab->addAction(tr("&Audit trail…"), this, [this] {
        auto *dialog = new AuditDialog(m_lab, Customer(), 0, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    audit->setObjectName(QStringLiteral("labAuditAction"));
    lab->addSeparator();
    lab->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
    QMenu *customer = menuBar()->addMenu(tr("&Customer"));
    const CustomerEditor *editor = m_customers->editor();
    customer->addActions({ editor->newAction(), editor->editAction(), editor->pinAction() });
}

QSize CounterWindow::sizeFor(const QRect &available)
{
    return (QSizeF(available.size()) * 0.9).toSize().boundedTo(available.size());
}

void CounterWindow::refreshViews()
{
    m_dashboard->refresh();
    m_customers->refresh();
    m_recording->queue()->refresh();
}

void CounterWindow::showMailQueue()
{
    const MailQueue &queue = m_dashboard->mailQueue();
    const QString text = DashboardPanel::mailQueueText(queue);
    m_mailStatus->setVisible(!text.isEmpty());
    if (text.isEmpty())
        return;
    // Short in the bar (the server's answer can be long), whole in the tooltip.
    const QFontMetrics metrics(m_mailStatus->font());
    const QString shown = metrics.elidedText(text, Qt::ElideRight, 560);
    m_mailStatus->setText(QStringLiteral("<span style=\"color:#a00000\">%1</span> <a href=\"settings\">%2</a>")
                              .arg(shown.toHtmlEscaped(), tr("Mail settings…").toHtmlEscaped()));
    m_mailStatus->setToolTip(text);
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

void CounterWindow::openSettings(SettingsDialog::Tab tab)
{
    SettingsDialog dialog(m_lab, this);
    dialog.showTab(tab);
    if (settingsHook())
        settingsHook()(dialog);
    else
        dialog.exec();
    refreshViews();   // the mail server may be set now
}

std::function<void(SettingsDialog &)> &CounterWindow::settingsHook()
{
    static std::function<void(SettingsDialog &)> hook;   // GUI thread only; tests
    return hook;
}

} // namespace Keepsake
