// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReceiptLine.h"

#include "PrintLanguage.h"
#include "QrCode.h"

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QTextLayout>

namespace Keepsake {

namespace {

constexpr qreal QrSizeMm = 30;
constexpr qreal PairGapMm = 2;

} // namespace

ReceiptLineLayout::ReceiptLineLayout(const PrintLanguage &language, bool roll, const QPaintDevice &device, qreal width)
    : m_device(device), m_width(width), m_dpmm(device.logicalDpiX() / 25.4)
{
    const qreal body = roll ? 8 : 9;
    m_title = language.font(body * 1.5, true);
    m_heading = language.font(body * 1.1, true);
    m_text = language.font(body);
    m_code = language.font(body * 2, true);
}

const QFont &ReceiptLineLayout::fontOf(ReceiptLine::Kind kind) const
{
    switch (kind) {
    case ReceiptLine::Title: return m_title;
    case ReceiptLine::Heading: return m_heading;
    case ReceiptLine::Code: return m_code;
    default: return m_text;
    }
}

// The space above (and again below) a line's text, so that the receipt reads as before when
// every text fits on one line.
qreal ReceiptLineLayout::paddingOf(ReceiptLine::Kind kind) const
{
    switch (kind) {
    case ReceiptLine::Title: return 1.3 * m_dpmm;
    case ReceiptLine::Heading: return 1.2 * m_dpmm;
    case ReceiptLine::Code: return 1.7 * m_dpmm;
    default: return 0.55 * m_dpmm;
    }
}

// Lays out one text over the whole width, and draws it at y when a painter is given;
// returns the height of its lines.
qreal ReceiptLineLayout::textHeight(const QString &text, const QFont &font, Qt::Alignment align, QPainter *painter,
                                    qreal y) const
{
    QTextLayout layout(text, font, &m_device);
    QTextOption option(align);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.setCacheEnabled(true);
    qreal height = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(m_width);
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout.endLayout();
    if (painter)
        layout.draw(painter, QPointF(0, y));
    return height;
}

bool ReceiptLineLayout::pairFitsOnOneLine(const ReceiptLine &line) const
{
    const QFontMetricsF metrics(m_text, &m_device);
    return metrics.horizontalAdvance(line.left) + PairGapMm * m_dpmm + metrics.horizontalAdvance(line.right) <= m_width;
}

// A pair side by side when both fit; else the label, wrapped, and under it the value,
// wrapped and right-aligned.
qreal ReceiptLineLayout::pairHeight(const ReceiptLine &line, QPainter *painter, qreal y) const
{
    if (pairFitsOnOneLine(line)) {
        const qreal left = textHeight(line.left, m_text, Qt::AlignLeft, painter, y);
        const qreal right = line.right.isEmpty() ? 0 : textHeight(line.right, m_text, Qt::AlignRight, painter, y);
        return std::max(left, right);
    }
    const qreal left = textHeight(line.left, m_text, Qt::AlignLeft, painter, y);
    return left + textHeight(line.right, m_text, Qt::AlignRight, painter, y + left);
}

qreal ReceiptLineLayout::height(const ReceiptLine &line) const
{
    switch (line.kind) {
    case ReceiptLine::Rule: return 3.0 * m_dpmm;
    case ReceiptLine::Qr: return (QrSizeMm + 2) * m_dpmm;
    case ReceiptLine::Gap: return 2.0 * m_dpmm;
    case ReceiptLine::Pair: return pairHeight(line, nullptr, 0) + 2 * paddingOf(line.kind);
    default: return textHeight(line.left, fontOf(line.kind), Qt::AlignLeft, nullptr, 0) + 2 * paddingOf(line.kind);
    }
}

void ReceiptLineLayout::draw(QPainter &painter, const ReceiptLine &line, qreal y, const QrCode &qr) const
{
    const qreal top = y + paddingOf(line.kind);
    switch (line.kind) {
    case ReceiptLine::Title:
    case ReceiptLine::Heading:
    case ReceiptLine::Text:
        textHeight(line.left, fontOf(line.kind), Qt::AlignLeft, &painter, top);
        break;
    case ReceiptLine::Code:
        textHeight(line.left, m_code, Qt::AlignHCenter, &painter, top);
        break;
    case ReceiptLine::Pair:
        pairHeight(line, &painter, top);
        break;
    case ReceiptLine::Rule: {
        const qreal middle = y + height(line) / 2;
        painter.save();
        painter.setPen(QPen(Qt::black, 0.2 * m_dpmm, Qt::DashLine));
        painter.drawLine(QPointF(0, middle), QPointF(m_width, middle));
        painter.restore();
        break;
    }
    case ReceiptLine::Qr: {
        const qreal side = QrSizeMm * m_dpmm;
        qr.draw(painter, QRectF((m_width - side) / 2, y + (height(line) - side) / 2, side, side));
        break;
    }
    case ReceiptLine::Gap:
        break;
    }
}

} // namespace Keepsake
