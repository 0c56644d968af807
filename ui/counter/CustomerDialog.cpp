// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerDialog.h"

#include "base/Translations.h"
#include "catalog/CustomerEdits.h"
#include "catalog/Devices.h"
#include "lab/Lab.h"
#include "retention/RuleBook.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

QLabel *errorLabel(const char *name)
{
    auto *label = new QLabel;
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xa0, 0, 0));
    label->setPalette(palette);
    label->hide();
    return label;
}

// The combo box's entry with this data, added (shown as it is) when it has none.
void choose(QComboBox *combo, const QString &value)
{
    int index = -1;
    for (int i = 0; i < combo->count() && index < 0; ++i)
        if (combo->itemData(i).toString().compare(value, Qt::CaseInsensitive) == 0)
            index = i;
    if (index < 0) {
        combo->addItem(value, value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

} // namespace

CustomerDialog::CustomerDialog(const Lab &lab, Actor clerk, const Customer &existing, QWidget *parent)
    : QDialog(parent), m_lab(lab), m_clerk(std::move(clerk)), m_existing(existing)
{
    setObjectName(QStringLiteral("customerDialog"));
    setWindowTitle(isNew() ? tr("New customer") : tr("Customer %1").arg(existing.code));
    setMinimumWidth(520);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    buildForm(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    QPushButton *save = buttons->button(QDialogButtonBox::Save);
    save->setObjectName(QStringLiteral("customerSave"));
    save->setText(isNew() ? tr("Add customer") : tr("Save"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto *general = errorLabel("customerError");
    m_errors.insert(Field::General, general);
    layout->addWidget(general);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &CustomerDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void CustomerDialog::buildForm(QFormLayout *form)
{
    if (isNew()) {
        m_code = lineField(form, "customerCodeEdit", tr("Customer code:"), QString());
        m_code->setPlaceholderText(tr("as on the customer's card, e.g. K-00042"));
        addErrorRow(form, Field::Code, "codeError");
    } else {
        auto *code = new QLabel(m_existing.code);
        code->setObjectName(QStringLiteral("customerCodeShown"));
        form->addRow(tr("Customer code:"), code);
    }
    m_name = lineField(form, "customerNameEdit", tr("Name:"), m_existing.name);
    addErrorRow(form, Field::Name, "nameError");
    m_email = lineField(form, "customerEmailEdit", tr("E-mail:"), m_existing.email);
    m_email->setPlaceholderText(tr("for notices before albums expire"));
    addErrorRow(form, Field::Email, "emailError");
    m_phone = lineField(form, "customerPhoneEdit", tr("Phone:"), m_existing.phone);
    if (isNew()) {
        m_pin = lineField(form, "customerPinEdit", tr("PIN:"), QString());
        m_pin->setPlaceholderText(tr("4 to 8 digits, to sign in at the kiosk (may stay empty)"));
        m_pin->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), m_pin));
        addErrorRow(form, Field::Pin, "pinError");
    }
    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("customerLanguage"));
    form->addRow(tr("Language:"), m_language);
    fillLanguages();
    m_plan = new QComboBox;
    m_plan->setObjectName(QStringLiteral("customerPlan"));
    form->addRow(tr("Plan:"), m_plan);
    addErrorRow(form, Field::Plan, "planError");
    fillPlans();
    fillHomes();
    if (m_home) {
        form->addRow(tr("Home device:"), m_home);
        addErrorRow(form, Field::Home, "homeError");
    }
}

QLineEdit *CustomerDialog::lineField(QFormLayout *form, const char *name, const QString &label, const QString &value)
{
    auto *edit = new QLineEdit(value);
    edit->setObjectName(QLatin1String(name));
    form->addRow(label, edit);
    return edit;
}

void CustomerDialog::addErrorRow(QFormLayout *form, Field field, const char *name)
{
    QLabel *label = errorLabel(name);
    m_errors.insert(field, label);
    form->addRow(QString(), label);
}

void CustomerDialog::fillLanguages()
{
    m_language->addItem(tr("The lab's language"), QString());
    for (const QString &code : Translations::available())
        m_language->addItem(tr("%1 (%2)").arg(QLocale(code).nativeLanguageName(), code), code);
    choose(m_language, m_existing.language);
}

void CustomerDialog::fillPlans()
{
    m_plan->addItem(tr("None: the lab's default rule"), QString());
    const Result<QList<RetentionRule>> rules = RuleBook(m_lab.catalog(), m_lab.clock()).list();
    if (!rules) {
        showError(Field::Plan, rules.error().message());
        return;
    }
    for (const RetentionRule &rule : *rules)
        m_plan->addItem(rule.name, rule.name);
    choose(m_plan, m_existing.planRule);
}

void CustomerDialog::fillHomes()
{
    const Result<QList<Device>> devices = Devices(m_lab.catalog()).list();
    if (!devices || devices->isEmpty())
        return;
    m_home = new QComboBox;
    m_home->setObjectName(QStringLiteral("customerHome"));
    m_home->addItem(tr("None"), QString());
    for (const Device &device : *devices)
        m_home->addItem(device.name, device.name);
    choose(m_home, m_existing.homeDevice);
}

NewCustomer CustomerDialog::typed() const
{
    NewCustomer customer;
    customer.code = m_code ? m_code->text().trimmed() : m_existing.code;
    customer.name = m_name->text().trimmed();
    customer.email = m_email->text().trimmed();
    customer.phone = m_phone->text().trimmed();
    customer.language = m_language->currentData().toString();
    customer.pin = m_pin ? m_pin->text().trimmed() : QString();
    customer.homeDevice = m_home ? m_home->currentData().toString() : QString();
    return customer;
}

bool CustomerDialog::save()
{
    clearErrors();
    const NewCustomer customer = typed();
    if (!showProblems(customer))
        return false;
    const Result<Customer> done = isNew() ? addNew(customer) : change(customer);
    if (!done)
        return false;
    Q_EMIT saved(*done);
    accept();
    return true;
}

bool CustomerDialog::showProblems(const NewCustomer &customer)
{
    const QList<CustomerProblem> problems = Customers::problems(customer);
    for (const CustomerProblem &problem : problems) {
        switch (problem.field) {
        case CustomerProblem::Field::Code: showError(Field::Code, problem.message); break;
        case CustomerProblem::Field::Name: showError(Field::Name, problem.message); break;
        case CustomerProblem::Field::Email: showError(Field::Email, problem.message); break;
        case CustomerProblem::Field::Pin: showError(Field::Pin, problem.message); break;
        }
    }
    return problems.isEmpty();
}

Result<Customer> CustomerDialog::addNew(const NewCustomer &customer)
{
    const Result<Customer> added = CustomerEdits(m_lab.catalog(), m_lab.clock())
                                       .add(m_clerk, customer, m_plan->currentData().toString());
    if (!added) {
        // A code another customer has is the code field's problem.
        const bool taken = Customers(m_lab.catalog()).byCode(customer.code).ok();
        showError(taken ? Field::Code : Field::General, added.error().message());
    }
    return added;
}

Result<Customer> CustomerDialog::change(const NewCustomer &customer)
{
    CustomerChanges changes;
    const auto differs = [](const QString &now, const QString &before, std::optional<QString> &into) {
        if (now != before)
            into = now;
    };
    differs(customer.name, m_existing.name, changes.name);
    differs(customer.email, m_existing.email, changes.email);
    differs(customer.phone, m_existing.phone, changes.phone);
    differs(customer.language, m_existing.language, changes.language);
    if (m_plan->currentData().toString().compare(m_existing.planRule, Qt::CaseInsensitive) != 0)
        changes.plan = m_plan->currentData().toString();
    if (m_home && customer.homeDevice.compare(m_existing.homeDevice, Qt::CaseInsensitive) != 0)
        changes.homeDevice = customer.homeDevice;
    if (changes.isEmpty())
        return m_existing;   // nothing to write
    const Result<Customer> changed = CustomerEdits(m_lab.catalog(), m_lab.clock()).update(m_clerk, m_existing.code, changes);
    if (!changed)
        showError(Field::General, changed.error().message());
    return changed;
}

void CustomerDialog::showError(Field field, const QString &text)
{
    QLabel *label = m_errors.value(field, m_errors.value(Field::General));
    if (!label)
        return;
    label->setText(text);
    label->show();
}

void CustomerDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors)) {
        label->clear();
        label->hide();
    }
}

} // namespace Keepsake
