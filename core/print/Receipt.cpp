// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Receipt.h"

#include "PrintLanguage.h"
#include "QrCode.h"
#include "catalog/PickupCode.h"

#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QPainter>

#include <algorithm>

namespace Keepsake {

// One line of the receipt; heights are fixed so that a roll's length is known before
// drawing.
struct Receipt::Line
{
    enum Kind { Title, Heading, Text, Pair, Rule, Code, Qr, Gap };
    Kind kind = Text;
    QString left;
    QString right;

    qreal heightMm() const
    {
        switch (kind) {
        case Title: return 7.5;
        case Heading: return 6.0;
        case Text:
        case Pair: return 4.4;
        case Rule: return 3.0;
        case Code: return 10.0;
        case Qr: return 32.0;
        case Gap: return 2.0;
        }
        return 0;
    }
};

namespace {

constexpr qreal QrSizeMm = 30;

} // namespace

Receipt::Receipt(ReceiptContent content, PaperFormat format, const PrintLanguage &language)
    : m_content(std::move(content)), m_format(format), m_language(language)
{
}

QList<Receipt::Line> Receipt::lines() const
{
    const QLocale &locale = m_language.locale();
    const auto date = [&](const QDate &day) { return locale.toString(day, QLocale::ShortFormat); };
    QList<Line> out;
    out.append({ Line::Title, m_content.labName, {} });
    if (!m_content.labAddress.isEmpty())
        out.append({ Line::Text, m_content.labAddress, {} });
    out.append({ Line::Heading, m_content.handin
                     ? m_language.translate("Keepsake::Receipt", "Receipt for your hand-in")
                     : m_language.translate("Keepsake::Receipt", "Receipt for your disc"), {} });
    out.append({ Line::Pair, m_language.translate("Keepsake::Receipt", "Customer"), m_content.customerName });
    out.append({ Line::Pair, m_language.translate("Keepsake::Receipt", "Customer code"), m_content.customerCode });
    out.append({ Line::Pair, m_language.translate("Keepsake::Receipt", "Date"),
                 locale.toString(m_content.when.toLocalTime(), QLocale::ShortFormat) });
    out.append({ Line::Rule, {}, {} });
    if (m_content.handin) {
        const ReceiptContent::Handin &h = *m_content.handin;
        out.append({ Line::Heading, m_language.translate("Keepsake::Receipt", "Handed in"), {} });
        out.append({ Line::Pair, m_language.translate("Keepsake::Receipt", "New photos"), locale.toString(h.fresh) });
        out.append({ Line::Pair, m_language.translate("Keepsake::Receipt", "Already received"), locale.toString(h.already) });
        out.append({ Line::Pair, m_language.translate("Keepsake::Receipt", "New versions"), locale.toString(h.versions) });
        out.append({ Line::Pair, m_language.translate("Keepsake::Receipt", "Not accepted"), locale.toString(h.rejected) });
        out.append({ Line::Rule, {}, {} });
    }
    if (!m_content.albums.isEmpty()) {
        out.append({ Line::Heading, m_language.translate("Keepsake::Receipt", "Your albums"), {} });
        for (const ReceiptContent::Album &album : m_content.albums) {
            QString when;
            if (album.state == QLatin1String("recorded") || album.state == QLatin1String("purged"))
                when = m_language.translate("Keepsake::Receipt", "on disc %1").arg(album.disc);
            else if (album.expires.isValid())
                when = m_language.translate("Keepsake::Receipt", "kept until %1").arg(date(album.expires));
            out.append({ Line::Pair, m_language.translate("Keepsake::Receipt", "%1 (%n photo(s))", nullptr, album.photos)
                                         .arg(album.title), when });
        }
        out.append({ Line::Rule, {}, {} });
    }
    if (!m_content.discs.isEmpty()) {
        out.append({ Line::Heading, m_language.translate("Keepsake::Receipt", "Recorded onto disc"), {} });
        for (const ReceiptContent::Disc &disc : m_content.discs) {
            out.append({ Line::Pair, disc.discId, date(disc.recordedAt.toLocalTime().date()) });
            out.append({ Line::Text, m_language.translate("Keepsake::Receipt", "%1: %n photo(s)", nullptr, disc.photos)
                                         .arg(disc.albums.join(QStringLiteral(", "))), {} });
        }
        out.append({ Line::Rule, {}, {} });
    }
    out.append({ Line::Heading, m_language.translate("Keepsake::Receipt", "Pickup code"), {} });
    out.append({ Line::Code, PickupCode::display(m_content.pickupCode), {} });
    out.append({ Line::Qr, PickupCode::display(m_content.pickupCode), {} });
    out.append({ Line::Text, m_language.translate("Keepsake::Receipt",
                                                  "Show this code at the counter to collect your order."), {} });
    return out;
}

qreal Receipt::contentHeightMm() const
{
    qreal height = 0;
    const QList<Line> all = lines();
    for (const Line &line : all)
        height += line.heightMm();
    return height;
}

QPageLayout Receipt::pageLayout() const
{
    return m_format.pageLayout(contentHeightMm() + 8 + 2);
}

Status Receipt::render(QPagedPaintDevice &device) const
{
    const Result<QrCode> qr = QrCode::encode(PickupCode::display(m_content.pickupCode));
    if (!qr)
        return qr.error();
    QPainter painter;
    if (!painter.begin(&device))
        return Error::failure(m_language.translate("Keepsake::Receipt",
            "The receipt cannot be drawn: the printer or PDF file did not open for painting."));
    const qreal dpmm = device.logicalDpiX() / 25.4;
    const qreal width = std::min<qreal>(device.width(), 100 * dpmm);
    const qreal pageHeight = device.height();
    const qreal body = m_format.isRoll() ? 8 : 9;
    const QFont title = m_language.font(body * 1.5, true);
    const QFont heading = m_language.font(body * 1.1, true);
    const QFont text = m_language.font(body);
    const QFont code = m_language.font(body * 2, true);
    qreal y = 0;
    const QList<Line> all = lines();
    for (const Line &line : all) {
        const qreal height = line.heightMm() * dpmm;
        if (!m_format.isRoll() && y + height > pageHeight && y > 0) {
            device.newPage();
            y = 0;
        }
        const QRectF rect(0, y, width, height);
        switch (line.kind) {
        case Line::Title:
        case Line::Heading:
        case Line::Text: {
            const QFont &font = line.kind == Line::Title ? title : line.kind == Line::Heading ? heading : text;
            painter.setFont(font);
            painter.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                             QFontMetricsF(font, &device).elidedText(line.left, Qt::ElideRight, width));
            break;
        }
        case Line::Pair: {
            painter.setFont(text);
            const QFontMetricsF metrics(text, &device);
            const QString right = metrics.elidedText(line.right, Qt::ElideLeft, width * 0.5);
            const qreal rightWidth = metrics.horizontalAdvance(right);
            painter.drawText(rect, Qt::AlignRight | Qt::AlignVCenter, right);
            painter.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(line.left, Qt::ElideRight, width - rightWidth - 2 * dpmm));
            break;
        }
        case Line::Rule:
            painter.setPen(QPen(Qt::black, 0.2 * dpmm, Qt::DashLine));
            painter.drawLine(QPointF(0, rect.center().y()), QPointF(width, rect.center().y()));
            painter.setPen(Qt::black);
            break;
        case Line::Code:
            painter.setFont(code);
            painter.drawText(rect, Qt::AlignHCenter | Qt::AlignVCenter, line.left);
            break;
        case Line::Qr: {
            const qreal side = QrSizeMm * dpmm;
            qr->draw(painter, QRectF((width - side) / 2, y + (height - side) / 2, side, side));
            break;
        }
        case Line::Gap:
            break;
        }
        y += height;
    }
    if (!painter.end())
        return Error::failure(m_language.translate("Keepsake::Receipt",
            "The receipt could not be finished; check the free space and try again."));
    return Status::success();
}

} // namespace Keepsake
