// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerEditor.h"

#include "CustomerDialog.h"
#include "PinDialog.h"

#include <QAction>
#include <QWidget>

namespace Keepsake {

CustomerEditor::CustomerEditor(const Lab &lab, Actor clerk, QWidget *parent)
    : QObject(parent), m_lab(lab), m_clerk(std::move(clerk)), m_parent(parent)
{
    m_new = new QAction(tr("New customer…"), this);
    m_new->setObjectName(QStringLiteral("newCustomerAction"));
    m_new->setShortcut(QKeySequence::New);
    m_new->setToolTip(tr("Add a customer: code, name, contact, language and plan"));
    m_edit = new QAction(tr("Edit customer…"), this);
    m_edit->setObjectName(QStringLiteral("editCustomerAction"));
    m_edit->setToolTip(tr("Change the name, contact, language or plan of the customer on show"));
    m_pin = new QAction(tr("Reset PIN…"), this);
    m_pin->setObjectName(QStringLiteral("resetPinAction"));
    m_pin->setToolTip(tr("Give the customer on show a new PIN for the kiosk"));
    connect(m_new, &QAction::triggered, this, &CustomerEditor::newCustomer);
    connect(m_edit, &QAction::triggered, this, &CustomerEditor::editCustomer);
    connect(m_pin, &QAction::triggered, this, &CustomerEditor::resetPin);
    setCustomer({});
}

void CustomerEditor::setCustomer(const Customer &customer)
{
    m_customer = customer;
    m_edit->setEnabled(customer.id != 0);
    m_pin->setEnabled(customer.id != 0);
}

void CustomerEditor::newCustomer()
{
    auto *dialog = new CustomerDialog(m_lab, m_clerk, Customer(), m_parent);
    connect(dialog, &CustomerDialog::saved, this, [this](const Customer &customer) {
        Q_EMIT saved(customer, true, tr("Added customer %1 — %2.").arg(customer.code, customer.name));
    });
    open(dialog);
}

void CustomerEditor::editCustomer()
{
    if (!m_customer.id)
        return;
    auto *dialog = new CustomerDialog(m_lab, m_clerk, m_customer, m_parent);
    connect(dialog, &CustomerDialog::saved, this, [this](const Customer &customer) {
        Q_EMIT saved(customer, false, tr("Saved the details of %1 — %2.").arg(customer.code, customer.name));
    });
    open(dialog);
}

void CustomerEditor::resetPin()
{
    if (!m_customer.id)
        return;
    auto *dialog = new PinDialog(m_lab, m_clerk, m_customer, m_parent);
    connect(dialog, &PinDialog::saved, this, [this](const Customer &customer) {
        Q_EMIT saved(customer, false, tr("%1 — %2 has a new PIN.").arg(customer.code, customer.name));
    });
    open(dialog);
}

void CustomerEditor::open(QDialog *dialog)
{
    if (m_dialog)
        m_dialog->close();
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace Keepsake
