// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "catalog/Customers.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace Keepsake {

class Lab;

// A customer's new PIN, set at the counter: the clerk types the one the customer
// chooses, or lets the window make one, which is shown here once (the catalog keeps
// only its hash) for the clerk to tell the customer. Saved through core as the
// counter's clerk (CustomerEdits, audited without the PIN).
class PinDialog : public QDialog
{
    Q_OBJECT

public:
    PinDialog(const Lab &lab, Actor clerk, const Customer &customer, QWidget *parent = nullptr);

    // Fills in a new random PIN and says to tell it now.
    void makePin();
    // Saves the PIN; false (the problem shown under the field) when nothing was written.
    bool save();

Q_SIGNALS:
    void saved(const Keepsake::Customer &customer);

private:
    const Lab &m_lab;
    const Actor m_clerk;
    const Customer m_customer;
    QLineEdit *m_pin = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace Keepsake
