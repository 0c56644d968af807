// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AuditSentences.h"
#include "catalog/Customers.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Keepsake {

class Lab;

// The audit trail in words (AuditSentences): of a customer, of one of their albums,
// or of the whole lab; narrowed by customer, kind of entry, dates and a text search;
// an entry's details shown, readable, when the clerk asks for them.
class AuditDialog : public QDialog
{
    Q_OBJECT

public:
    // customer.id 0: every customer's.
    AuditDialog(const Lab &lab, const Customer &customer, qint64 albumId, QWidget *parent = nullptr);

    int entryCount() const;     // read for the customer and dates chosen
    int shownCount() const;     // of those, the ones the kind and text let through
    void setCustomer(qint64 customerId);
    void setKind(const QString &action);
    void setDates(const QDate &from, const QDate &until);
    void setSearchText(const QString &text);
    void showDetails(bool shown);

private:
    QWidget *buildFilters();
    void read();
    void applyFilters();
    void currentChanged();

    const Lab &m_lab;
    AuditSentences m_sentences;
    qint64 m_albumId = 0;
    QList<AuditEntry> m_entries;
    QComboBox *m_customer = nullptr;
    QComboBox *m_kind = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_until = nullptr;
    QLineEdit *m_search = nullptr;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_detailsButton = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace Keepsake
