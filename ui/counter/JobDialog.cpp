// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobDialog.h"

#include "common/JobProgress.h"
#include "print/QrCode.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPainter>
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
    m_qr = new QLabel;
    m_qr->setObjectName(QStringLiteral("pickupQr"));
    m_qr->setAlignment(Qt::AlignCenter);
    m_qr->hide();
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
    m_qr->clear();
    m_qr->hide();
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
    const QImage qr = qrImage(pickupCode, 6);
    if (!qr.isNull()) {
        m_qr->setPixmap(QPixmap::fromImage(qr));
        m_qr->setToolTip(tr("The receipt's QR code: a scanner at the counter reads %1 from it.").arg(pickupCode));
        m_qr->show();
    }
    m_print = std::move(print);
    m_receipt->show();
    m_receipt->setDefault(true);
}

QImage JobDialog::qrImage(const QString &text, int modulePixels)
{
    const Result<QrCode> code = QrCode::encode(text);
    if (!code)
        return {};
    const int side = (code->size() + 2 * QrCode::QuietZone) * modulePixels;
    QImage image(side, side, QImage::Format_RGB32);
    QPainter painter(&image);
    code->draw(painter, QRectF(0, 0, side, side));
    return image;
}

} // namespace Keepsake
