// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// CustomerPanel: customers added and changed (CustomerEditor), orders found by a
// receipt's pickup code (PickupSearch), photo captions (PhotoCaptions).
#include "CustomerPanel.h"

#include "CustomerEditor.h"
#include "PhotoCaptions.h"
#include "PickupSearch.h"
#include "catalog/PickupCode.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QToolButton>

namespace Keepsake {

void CustomerPanel::buildCustomerParts()
{
    m_editor = new CustomerEditor(m_lab, m_clerk, this);
    connect(m_editor, &CustomerEditor::saved, this, &CustomerPanel::customerSaved);
    m_pickup = new PickupSearch(m_lab, m_clerk, this);
    connect(m_pickup, &PickupSearch::found, this, &CustomerPanel::openOrder);
    m_captions = new PhotoCaptions(m_lab, m_clerk, m_model, m_grid, this);
    connect(m_captions, &PhotoCaptions::saved, this, [this](const QString &text) {
        Q_EMIT message(text);
        refresh();
        Q_EMIT changed();
    });
}

QWidget *CustomerPanel::headerRow()
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header, 1);
    for (QAction *action : { m_editor->editAction(), m_editor->pinAction() }) {
        auto *button = new QToolButton;
        button->setObjectName(action->objectName().replace(QLatin1String("Action"), QLatin1String("Button")));
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        layout->addWidget(button, 0, Qt::AlignTop);
    }
    return row;
}

void CustomerPanel::customerSaved(const Customer &customer, bool added, const QString &text)
{
    Q_EMIT message(text);
    if (added)
        openFound(customer.id, customer.code);
    else
        refresh();
    Q_EMIT changed();
}

void CustomerPanel::openOrder(const PickupOrder &order, const QString &description)
{
    m_selectFor = order.customerId;
    m_selectOnLoad = order.albumIds;
    openFound(order.customerId, order.customerCode);
    Q_EMIT message(tr("Pickup code %1: %2 — %3 (%4).").arg(PickupCode::display(order.code), description,
                                                           order.customerName, order.customerCode));
}

void CustomerPanel::openFound(qint64 customerId, const QString &code)
{
    showCustomer(customerId);   // chosen first: the search below keeps them
    m_search->setText(code);
    search();
}

} // namespace Keepsake
