// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardPanel.h"

#include "catalog/Settings.h"
#include "ctl/Console.h"
#include "lab/Lab.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Keepsake {

DashboardPanel::DashboardPanel(const Lab &lab, QWidget *parent) : QWidget(parent), m_lab(lab)
{
    setObjectName(QStringLiteral("dashboardPanel"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("dashboardSummary"));
    QFont big = m_summary->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_summary->setFont(big);
    const QStringList albumHeaders { tr("Customer"), tr("Album"), tr("Expires"), tr("Photos"), tr("Size") };
    m_expiring = makeTree("expiringTree", albumHeaders);
    m_expired = makeTree("expiredTree", albumHeaders);
    m_grace = makeTree("graceTree", { tr("Customer"), tr("Album"), tr("Recorded"), tr("Photos"), tr("Size") });
    m_notices = makeTree("failedNoticesTree", { tr("Customer"), tr("Album"), tr("To"), tr("Why") });

    auto box = [](const QString &title, QWidget *content) {
        auto *group = new QGroupBox(title);
        auto *layout = new QVBoxLayout(group);
        layout->addWidget(content);
        return group;
    };
    auto *grid = new QGridLayout;
    grid->addWidget(box(tr("Expiring soon"), m_expiring), 0, 0);
    grid->addWidget(box(tr("Expired, waiting for their disc"), m_expired), 0, 1);
    grid->addWidget(box(tr("In their grace period after recording"), m_grace), 1, 0);
    grid->addWidget(box(tr("Notices that failed"), m_notices), 1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(grid, 1);

    m_timer.setInterval(60 * 1000);
    connect(&m_timer, &QTimer::timeout, this, &DashboardPanel::refresh);
    m_timer.start();
    refresh();
}

QTreeWidget *DashboardPanel::makeTree(const char *name, const QStringList &headers)
{
    auto *tree = new QTreeWidget;
    tree->setObjectName(QLatin1String(name));
    tree->setHeaderLabels(headers);
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qint64 customer = item->data(0, Qt::UserRole).toLongLong();
        if (customer)
            Q_EMIT customerChosen(customer);
    });
    return tree;
}

void DashboardPanel::refresh()
{
    const Settings settings(m_lab.catalog());
    auto data = DayDashboard(m_lab.catalog()).read(m_lab.clock().today(),
                                                   settings.intValue(QStringLiteral("notice.days_before")));
    if (!data) {
        m_summary->setText(data.error().message());
        return;
    }
    m_data = *data;
    fill(m_expiring, m_data.expiringSoon, false);
    fill(m_expired, m_data.expired, true);
    fill(m_grace, m_data.inGrace, false);
    fillNotices();
    m_summary->setText(tr("%1: %2 expiring soon, %3 waiting for their disc, %4 in their grace period.")
                           .arg(QLocale().toString(m_lab.clock().today(), QLocale::LongFormat))
                           .arg(m_data.expiringSoon.size()).arg(m_data.expired.size()).arg(m_data.inGrace.size()));
    Q_EMIT refreshed();
}

void DashboardPanel::fill(QTreeWidget *tree, const QList<DashboardAlbum> &albums, bool groupByCustomer)
{
    tree->clear();
    QTreeWidgetItem *group = nullptr;
    for (const DashboardAlbum &album : albums) {
        const QString customer = QStringLiteral("%1 — %2").arg(album.customerCode, album.customerName);
        QTreeWidgetItem *parent = nullptr;
        if (groupByCustomer) {
            if (!group || group->data(0, Qt::UserRole).toLongLong() != album.customerId) {
                group = new QTreeWidgetItem(tree, { customer });
                group->setData(0, Qt::UserRole, album.customerId);
                group->setExpanded(true);
            }
            parent = group;
        }
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
        item->setText(0, parent ? QString() : customer);
        item->setText(1, album.title);
        item->setText(2, album.recordedAt.isValid()
                             ? QLocale().toString(album.recordedAt.toLocalTime().date(), QLocale::ShortFormat)
                             : QLocale().toString(album.expires, QLocale::ShortFormat));
        item->setText(3, QLocale().toString(album.photos));
        item->setText(4, formatBytes(album.bytes));
        item->setData(0, Qt::UserRole, album.customerId);
        item->setData(1, Qt::UserRole, album.albumId);
    }
    if (groupByCustomer) {
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem *top = tree->topLevelItem(i);
            top->setText(1, tr("%n album(s)", nullptr, top->childCount()));
        }
    }
}

void DashboardPanel::fillNotices()
{
    m_notices->clear();
}

} // namespace Keepsake
