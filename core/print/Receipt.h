// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PaperFormat.h"
#include "ReceiptLine.h"
#include "base/Error.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QPagedPaintDevice;
class QPainter;

namespace Keepsake {

class PrintLanguage;

// What a receipt says: who, what was handed in (or recorded), the customer's albums
// with their dates, the discs, and the pickup code.
struct ReceiptContent
{
    QString labName;
    QString labAddress;
    QString customerName;
    QString customerCode;
    QDateTime when;           // of the hand-in or the recording

    struct Handin { int fresh = 0; int already = 0; int versions = 0; int rejected = 0; QString source; };
    std::optional<Handin> handin;   // a hand-in receipt; empty: a disc order's

    struct Album { QString title; QDate expires; QString state; QString disc; int photos = 0; };
    QList<Album> albums;

    struct Disc { QString discId; int session = 0; QDateTime recordedAt; QStringList albums; int photos = 0; };
    QList<Disc> discs;

    QString pickupCode;       // 8 characters; printed as ABCD-EFGH, the QR code holds that text
};

// A receipt for the counter's 80 mm roll printer (the roll is as long as the receipt)
// or for an office page, drawn with QPainter onto any paged device.
class Receipt
{
public:
    Receipt(ReceiptContent content, PaperFormat format, const PrintLanguage &language);

    const ReceiptContent &content() const { return m_content; }
    // The layout to set on a device before render(); on a roll, as long as the text
    // measured on a PDF of PrintOutput's resolution, wrapped lines and all.
    QPageLayout pageLayout() const;
    Status render(QPagedPaintDevice &device) const;

private:
    QList<ReceiptLine> lines() const;
    qreal contentHeightMm() const;

    ReceiptContent m_content;
    PaperFormat m_format;
    const PrintLanguage &m_language;
};

} // namespace Keepsake
