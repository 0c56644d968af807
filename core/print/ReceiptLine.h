// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QRectF>
#include <QString>

class QPaintDevice;
class QPainter;

namespace Keepsake {

class PrintLanguage;
class QrCode;

// One line of a receipt as the content gives it: a title, a heading, a text, a pair
// (a label on the left, its value on the right), a rule, the pickup code, its QR code.
struct ReceiptLine
{
    enum Kind { Title, Heading, Text, Pair, Rule, Code, Qr, Gap };
    Kind kind = Text;
    QString left;
    QString right;
};

// Lays receipt lines out on a paint device of a given width: every text wraps at word
// boundaries (inside a word only when the word alone is wider than the paper) and
// nothing is ever cut; a pair whose two sides do not fit side by side puts its value
// on a line of its own, right-aligned. Heights are in the device's units.
class ReceiptLineLayout
{
public:
    ReceiptLineLayout(const PrintLanguage &language, bool roll, const QPaintDevice &device, qreal width);

    qreal height(const ReceiptLine &line) const;
    void draw(QPainter &painter, const ReceiptLine &line, qreal y, const QrCode &qr) const;

private:
    const QFont &fontOf(ReceiptLine::Kind kind) const;
    qreal paddingOf(ReceiptLine::Kind kind) const;
    qreal textHeight(const QString &text, const QFont &font, Qt::Alignment align, QPainter *painter, qreal y) const;
    bool pairFitsOnOneLine(const ReceiptLine &line) const;
    qreal pairHeight(const ReceiptLine &line, QPainter *painter, qreal y) const;

    const QPaintDevice &m_device;
    qreal m_width;
    qreal m_dpmm;
    QFont m_title;
    QFont m_heading;
    QFont m_text;
    QFont m_code;
};

} // namespace Keepsake
