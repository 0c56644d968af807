// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReceiptPanel.h"

#include "PhonePage.h"
#include "catalog/PickupCode.h"
#include "common/MessageLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

constexpr int QrSide = 240;   // pixels at most: a scanner at the counter or a phone reads it from the screen

} // namespace

ReceiptPanel::ReceiptPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("receiptPanel"));
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("receiptTitle"));
    m_code = new QLabel;
    m_code->setObjectName(QStringLiteral("receiptCode"));
    m_code->setProperty("role", QStringLiteral("code"));
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_qrLabel = new QLabel;
    m_qrLabel->setObjectName(QStringLiteral("receiptQr"));
    m_qrLabel->setAlignment(Qt::AlignCenter);
    m_hint = new QLabel;
    m_hint->setObjectName(QStringLiteral("receiptHint"));
    m_hint->setWordWrap(true);
    m_hint->setProperty("role", QStringLiteral("hint"));
    m_status = new MessageLabel(2);
    m_status->setObjectName(QStringLiteral("receiptStatus"));
    m_print = new QPushButton;
    m_print->setObjectName(QStringLiteral("receiptPrint"));
    m_print->hide();
    auto *text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_code);
    text->addWidget(m_hint);
    auto *action = new QHBoxLayout;
    action->addWidget(m_print);
    action->addWidget(m_status, 1);
    text->addLayout(action);
    text->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(text, 1);
    layout->addWidget(m_qrLabel);
    connect(m_print, &QPushButton::clicked, this, [this] {
        if (m_handinId)
            Q_EMIT printRequested(m_handinId);
    });
    retranslate();
    hide();
}

void ReceiptPanel::showReceipt(qint64 handinId, const QString &pickupCode)
{
    m_handinId = handinId;
    const QString shown = PickupCode::display(pickupCode);
    m_code->setText(shown);
    m_qr = PhonePage::qrImage(shown, QrSide);
    m_qrLabel->setPixmap(m_qr.isNull() ? QPixmap() : QPixmap::fromImage(m_qr));
    m_status->clear();
    m_print->setEnabled(true);
    retranslate();
    show();
}

void ReceiptPanel::clear()
{
    m_handinId = 0;
    m_qr = {};
    m_code->clear();
    m_qrLabel->clear();
    m_status->clear();
    setPrintable(false);
    hide();
}

void ReceiptPanel::setPrintable(bool printable)
{
    m_printable = printable;
    m_print->setVisible(printable);
    retranslate();
}

void ReceiptPanel::setPrintStatus(const QString &text, bool success)
{
    m_status->setRole(success ? QStringLiteral("success") : QStringLiteral("warning"));
    m_status->setText(text);
}

QString ReceiptPanel::codeText() const
{
    return m_code->text();
}

void ReceiptPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ReceiptPanel::retranslate()
{
    m_title->setText(tr("Your pickup code for this hand-in:"));
    m_print->setText(tr("Print receipt"));
    m_hint->setText(m_printable
        ? tr("Keep it: the counter finds your hand-in by this code or its QR code. Tap Print receipt to take it "
             "with you on paper.")
        : tr("Keep it: the counter finds your hand-in by this code or its QR code. Write it down or take a photo "
             "of this screen; there is no receipt printer at this kiosk."));
}

} // namespace Keepsake
