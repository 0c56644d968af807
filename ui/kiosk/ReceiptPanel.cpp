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

// Pixels at most: a phone or the counter's scanner reads its 5-pixel modules from the
// screen, and the page keeps room for the hand-in's files at 1280×800.
constexpr int QrSide = 160;

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
    auto *code = new QHBoxLayout;
    code->addWidget(m_title);
    code->addWidget(m_code);
    code->addStretch();
    auto *text = new QVBoxLayout;
    text->addLayout(code);
    text->addWidget(m_hint);
    text->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(text, 1);
    layout->addWidget(m_qrLabel);
    m_actions = new QWidget;
    m_actions->setObjectName(QStringLiteral("receiptActions"));
    auto *action = new QHBoxLayout(m_actions);
    action->setContentsMargins(0, 0, 0, 0);
    action->addWidget(m_status, 1);
    action->addWidget(m_print);
    m_actions->hide();
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
    m_actions->show();
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
    m_actions->hide();
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
    m_title->setText(tr("Your pickup code:"));
    m_print->setText(tr("Print receipt"));
    m_hint->setText(m_printable
        ? tr("Keep it: the counter finds your hand-in by this code or its QR code. Tap Print receipt to take it "
             "with you on paper.")
        : tr("Keep it: the counter finds your hand-in by this code or its QR code. Write it down or take a photo "
             "of this screen; there is no receipt printer at this kiosk."));
}

} // namespace Keepsake
