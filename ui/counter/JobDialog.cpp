// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobDialog.h"

#include "common/JobProgress.h"
#include "common/QrLabel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keepsake {

JobDialog::JobDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("jobDialog"));
    setWindowModality(Qt::WindowModal);
    setMinimumWidth(560);
    m_progress = new JobProgress;
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_close = buttons->button(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("jobClose"));
    m_pickup = new QLabel;
    m_pickup->setObjectName(QStringLiteral("pickupCode"));
    m_pickup->setAlignment(Qt::AlignCenter);
    m_pickup->setWordWrap(true);
    m_pickup->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_pickup->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_pickup->setFont(big);
    m_pickup->hide();
    m_qr = new QrLabel(6);
    m_qr->setObjectName(QStringLiteral("pickupQr"));
    m_receipt = buttons->addButton(tr("Print receipt…"), QDialogButtonBox::ActionRole);
    m_receipt->setObjectName(QStringLiteral("printHandinReceipt"));
    m_receipt->hide();
    connect(m_receipt, &QPushButton::clicked, this, [this] {
        if (m_print)
            m_print();
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_progress);
    layout->addWidget(m_pickup);
    layout->addWidget(m_qr);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        if (!m_progress->isBusy())
            accept();
    });
}

void JobDialog::begin(const QString &title)
{
    setWindowTitle(title);
    m_progress->begin(title);
    m_close->setEnabled(false);
    m_pickup->hide();
    m_qr->clearCode();
    m_receipt->hide();
    m_print = nullptr;
    show();
}

void JobDialog::end(const QString &result)
{
    m_progress->end(result);
    m_close->setEnabled(true);
}

void JobDialog::offerReceipt(const QString &pickupCode, std::function<void()> print)
{
    m_pickup->setText(tr("Pickup code: %1").arg(pickupCode));
    m_pickup->show();
    m_qr->showCode(pickupCode);
    m_print = std::move(print);
    m_receipt->show();
    m_receipt->setDefault(true);
}

} // namespace Keepsake
