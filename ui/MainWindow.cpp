// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "ctl/Console.h"
#include "lab/Lab.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Keepsake {

MainWindow::MainWindow(const Lab &lab, QWidget *parent) : QMainWindow(parent), m_lab(lab)
{
    setObjectName(QStringLiteral("counterWindow"));
    setWindowTitle(tr("Keepsake — Counter"));
    resize(1280, 800);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("customerSearch"));
    m_search->setPlaceholderText(tr("Find a customer by code, name, phone or e-mail"));
    m_search->setClearButtonEnabled(true);
    m_customers = new QListWidget;
    m_customers->setObjectName(QStringLiteral("customerList"));
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_customers);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    m_customerHeader = new QLabel(tr("Choose a customer on the left."));
    m_customerHeader->setObjectName(QStringLiteral("customerHeader"));
    QFont headerFont = m_customerHeader->font();
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.4);
    m_customerHeader->setFont(headerFont);
    m_albums = new QTreeWidget;
    m_albums->setObjectName(QStringLiteral("albumList"));
    m_albums->setRootIsDecorated(false);
    m_albums->setHeaderLabels({ tr("Album"), tr("State"), tr("Expires"), tr("Photos"), tr("Size"), tr("Why") });
    m_albums->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    rightLayout->addWidget(m_customerHeader);
    rightLayout->addWidget(m_albums);

    auto *splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);
    statusBar()->showMessage(tr("Data folder: %1").arg(m_lab.dataDir()));

    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::searchCustomers);
    connect(m_customers, &QListWidget::currentRowChanged, this, &MainWindow::showCustomer);
    searchCustomers(QString());
}

void MainWindow::searchCustomers(const QString &text)
{
    m_customers->clear();
    const auto found = Customers(m_lab.catalog()).search(text);
    if (!found) {
        statusBar()->showMessage(found.error().message());
        return;
    }
    for (const Customer &customer : *found) {
        auto *item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(customer.code, customer.name));
        item->setData(Qt::UserRole, customer.id);
        m_customers->addItem(item);
    }
}

void MainWindow::showCustomer()
{
    m_albums->clear();
    const QListWidgetItem *item = m_customers->currentItem();
    if (!item)
        return;
    const auto customer = Customers(m_lab.catalog()).byId(item->data(Qt::UserRole).toLongLong());
    if (!customer)
        return;
    m_customerHeader->setText(QStringLiteral("%1 — %2").arg(customer->code, customer->name));
    const auto albums = Albums(m_lab.catalog()).customerView(customer->id, true);
    if (!albums) {
        statusBar()->showMessage(albums.error().message());
        return;
    }
    for (const AlbumSummary &album : *albums) {
        auto *row = new QTreeWidgetItem({ album.title, albumStateText(album.state),
                                          QLocale().toString(album.expires, QLocale::ShortFormat),
                                          QString::number(album.photos), formatBytes(album.bytes),
                                          album.expiryReason() });
        row->setData(0, Qt::UserRole, album.id);
        m_albums->addTopLevelItem(row);
    }
}

} // namespace Keepsake
