// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PinDialog.h"

#include "catalog/CustomerEdits.h"
#include "catalog/PinHash.h"
#include "lab/Lab.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace Keepsake {

PinDialog::PinDialog(const Lab &lab, Actor clerk, const Customer &customer, QWidget *parent)
    : QDialog(parent), m_lab(lab), m_clerk(std::move(clerk)), m_customer(customer)
{
    setObjectName(QStringLiteral("pinDialog"));
    setWindowTitle(tr("New PIN for %1").arg(customer.code));
    setMinimumWidth(480);
    auto *intro = new QLabel(tr("A new PIN for %1 (%2), to sign in at the kiosk: 4 to 8 digits. The old PIN stops "
                                "working.").arg(customer.name, customer.code));
    intro->setWordWrap(true);
    m_pin = new QLineEdit;
    m_pin->setObjectName(QStringLiteral("pinEdit"));
    m_pin->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), m_pin));
    QFont big = m_pin->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    m_pin->setFont(big);
    auto *make = new QPushButton(tr("Make one"));
    make->setObjectName(QStringLiteral("pinMake"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_pin, 1);
    row->addWidget(make);
    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("pinNote"));
    m_note->setWordWrap(true);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("pinError"));
    m_error->setWordWrap(true);
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, QColor(0xa0, 0, 0));
    m_error->setPalette(palette);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("pinSave"));
    buttons->button(QDialogButtonBox::Save)->setText(tr("Set PIN"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row);
    layout->addWidget(m_note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(make, &QPushButton::clicked, this, &PinDialog::makePin);
    connect(m_pin, &QLineEdit::textEdited, m_note, &QLabel::clear);
    connect(buttons, &QDialogButtonBox::accepted, this, &PinDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void PinDialog::makePin()
{
    m_pin->setText(PinHash::random(6));
    m_note->setText(tr("Tell %1 this PIN now: it is shown only here, and the lab keeps no copy it can read.")
                        .arg(m_customer.name));
    m_error->clear();
    adjustSize();   // room for the wrapped note
}

bool PinDialog::save()
{
    m_error->clear();
    const QString pin = m_pin->text().trimmed();
    if (pin.isEmpty()) {
        m_error->setText(tr("Type a PIN of 4 to 8 digits, or let the window make one."));
        adjustSize();
        return false;
    }
    CustomerChanges changes;
    changes.pin = pin;
    const Result<Customer> changed = CustomerEdits(m_lab.catalog(), m_lab.clock()).update(m_clerk, m_customer.code, changes);
    if (!changed) {
        m_error->setText(changed.error().message());
        adjustSize();
        return false;
    }
    Q_EMIT saved(*changed);
    accept();
    return true;
}

} // namespace Keepsake
