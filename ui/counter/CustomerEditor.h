// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "catalog/Customers.h"

#include <QDialog>
#include <QObject>
#include <QPointer>

class QAction;
class QWidget;

namespace Keepsake {

class Lab;

// The counter's actions on customers themselves: "New customer…", "Edit customer…"
// (CustomerDialog) and "Reset PIN…" (PinDialog) for the customer on show. Each opens
// its dialog window-modal without blocking (one at a time) and says when it saved.
class CustomerEditor : public QObject
{
    Q_OBJECT

public:
    CustomerEditor(const Lab &lab, Actor clerk, QWidget *parent);

    QAction *newAction() const { return m_new; }
    QAction *editAction() const { return m_edit; }
    QAction *pinAction() const { return m_pin; }
    // The customer the edit and PIN actions act on (none: they are disabled).
    void setCustomer(const Customer &customer);
    // The dialog open now, if any.
    QDialog *dialog() const { return m_dialog; }

    void newCustomer();
    void editCustomer();
    void resetPin();

Q_SIGNALS:
    // Saved: the customer as stored now, and what to tell the clerk.
    void saved(const Keepsake::Customer &customer, bool added, const QString &message);

private:
    void open(QDialog *dialog);

    const Lab &m_lab;
    const Actor m_clerk;
    QWidget *m_parent;
    Customer m_customer;
    QAction *m_new = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_pin = nullptr;
    QPointer<QDialog> m_dialog;
};

} // namespace Keepsake
