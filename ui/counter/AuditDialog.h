// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/Customers.h"

#include <QDialog>

class QTreeWidget;

namespace Keepsake {

class Lab;

// The audit trail of a customer, or of one of their albums: who did what, when.
class AuditDialog : public QDialog
{
    Q_OBJECT

public:
    AuditDialog(const Lab &lab, const Customer &customer, qint64 albumId, QWidget *parent = nullptr);

    int entryCount() const;

private:
    QTreeWidget *m_entries = nullptr;
};

} // namespace Keepsake
