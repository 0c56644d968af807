// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "catalog/Customers.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace Keepsake {

class Lab;

// A customer added or changed at the counter: code (a new one only), name, e-mail,
// phone, language, plan (a retention rule, or the lab's default), home device (when
// the lab has devices), and for a new customer a PIN. What core finds wrong is said
// under the field it is about; the clerk's change goes through core as the counter's
// clerk (CustomerEdits), with its audit entry.
class CustomerDialog : public QDialog
{
    Q_OBJECT

public:
    // A new customer when 'existing' has no ID.
    CustomerDialog(const Lab &lab, Actor clerk, const Customer &existing, QWidget *parent = nullptr);

    bool isNew() const { return m_existing.id == 0; }
    // Saves what the form holds; false (the problems shown) when nothing was written.
    bool save();

Q_SIGNALS:
    void saved(const Keepsake::Customer &customer);

private:
    enum class Field { Code, Name, Email, Pin, Plan, Home, General };

    void buildForm(QFormLayout *form);
    QLineEdit *lineField(QFormLayout *form, const char *name, const QString &label, const QString &value);
    void addErrorRow(QFormLayout *form, Field field, const char *name);
    void fillLanguages();
    void fillPlans();
    void fillHomes();
    NewCustomer typed() const;
    bool showProblems(const NewCustomer &customer);
    void showError(Field field, const QString &text);
    void clearErrors();
    Result<Customer> addNew(const NewCustomer &customer);
    Result<Customer> change(const NewCustomer &customer);

    const Lab &m_lab;
    const Actor m_clerk;
    const Customer m_existing;
    QLineEdit *m_code = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_phone = nullptr;
    QLineEdit *m_pin = nullptr;
    QComboBox *m_language = nullptr;
    QComboBox *m_plan = nullptr;
    QComboBox *m_home = nullptr;   // only when the lab has devices
    QMap<Field, QLabel *> m_errors;
};

} // namespace Keepsake
