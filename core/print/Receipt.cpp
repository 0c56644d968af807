// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Receipt.h"

#include "PrintLanguage.h"
#include "PrintOutput.h"
#include "QrCode.h"
#include "catalog/PickupCode.h"

#include <QBuffer>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>

namespace Keepsake {

Receipt::Receipt(ReceiptContent content, PaperFormat format, const PrintLanguage &language)
    : m_content(std::move(content)), m_format(format), m_language(language)
{
}

QList<ReceiptLine> Receipt::lines() const
{
    const QLocale &locale = m_language.locale();
    const auto date = [&](const QDate &day) { return locale.toString(day, QLocale::ShortFormat); };
    QList<ReceiptLine> out;
    out.append({ ReceiptLine::Title, m_content.labName, {} });
    if (!m_content.labAddress.isEmpty())
        out.append({ ReceiptLine::Text, m_content.labAddress, {} });
    out.append({ ReceiptLine::Heading, m_content.handin
                     ? m_language.translate("Keepsake::Receipt", "Receipt for your hand-in")
                     : m_language.translate("Keepsake::Receipt", "Receipt for your disc"), {} });
    out.append({ ReceiptLine::Pair, m_language.translate("Keepsake::Receipt", "Customer"), m_content.customerName });
    out.append({ ReceiptLine::Pair, m_language.translate("Keepsake::Receipt", "Customer code"), m_content.customerCode });
    out.append({ ReceiptLine::Pair, m_language.translate("Keepsake::Receipt", "Date"),
                 locale.toString(m_content.when.toLocalTime(), QLocale::ShortFormat) });
    out.append({ ReceiptLine::Rule, {}, {} });
    if (m_content.handin) {
        const ReceiptContent::Handin &h = *m_content.handin;
        out.append({ ReceiptLine::Heading, m_language.translate("Keepsake::Receipt", "Handed in"), {} });
        out.append({ ReceiptLine::Pair, m_language.translate("Keepsake::Receipt", "New photos"), locale.toString(h.fresh) });
        out.append({ ReceiptLine::Pair, m_language.translate("Keepsake::Receipt", "Already received"), locale.toString(h.already) });
        out.append({ ReceiptLine::Pair, m_language.translate("Keepsake::Receipt", "New versions"), locale.toString(h.versions) });
        out.append({ ReceiptLine::Pair, m_language.translate("Keepsake::Receipt", "Not accepted"), locale.toString(h.rejected) });
        out.append({ ReceiptLine::Rule, {}, {} });
    }
    if (!m_content.albums.isEmpty()) {
        out.append({ ReceiptLine::Heading, m_language.translate("Keepsake::Receipt", "Your albums"), {} });
        for (const ReceiptContent::Album &album : m_content.albums) {
            QString when;
            if (album.state == QLatin1String("recorded") || album.state == QLatin1String("purged"))
                when = m_language.translate("Keepsake::Receipt", "on disc %1").arg(album.disc);
            else if (album.expires.isValid())
                when = m_language.translate("Keepsake::Receipt", "kept until %1").arg(date(album.expires));
            out.append({ ReceiptLine::Pair, m_language.translate("Keepsake::Receipt", "%1 (%n photo(s))", nullptr, album.photos)
                                         .arg(album.title), when });
        }
        out.append({ ReceiptLine::Rule, {}, {} });
    }
    if (!m_content.discs.isEmpty()) {
        out.append({ ReceiptLine::Heading, m_language.translate("Keepsake::Receipt", "Recorded onto disc"), {} });
        for (const ReceiptContent::Disc &disc : m_content.discs) {
            out.append({ ReceiptLine::Pair, disc.discId, date(disc.recordedAt.toLocalTime().date()) });
            out.append({ ReceiptLine::Text, m_language.translate("Keepsake::Receipt", "%1: %n photo(s)", nullptr, disc.photos)
                                         .arg(disc.albums.join(QStringLiteral(", "))), {} });
        }
        out.append({ ReceiptLine::Rule, {}, {} });
    }
    out.append({ ReceiptLine::Heading, m_language.translate("Keepsake::Receipt", "Pickup code"), {} });
    out.append({ ReceiptLine::Code, PickupCode::display(m_content.pickupCode), {} });
    out.append({ ReceiptLine::Qr, PickupCode::display(m_content.pickupCode), {} });
    out.append({ ReceiptLine::Text, m_language.translate("Keepsake::Receipt",
                                                  "Show this code at the counter to collect your order."), {} });
    return out;
}

// The roll's length comes from the same layout render() makes, measured on a PDF
// writer of the resolution every print is written at.
qreal Receipt::contentHeightMm() const
{
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    QPdfWriter measure(&sink);
    measure.setResolution(PrintOutput::PdfResolution);
    measure.setPageLayout(m_format.pageLayout());
    const qreal dpmm = measure.logicalDpiX() / 25.4;
    const ReceiptLineLayout layout(m_language, m_format.isRoll(), measure, std::min<qreal>(measure.width(), 100 * dpmm));
    qreal height = 0;
    const QList<ReceiptLine> all = lines();
    for (const ReceiptLine &line : all)
        height += layout.height(line);
    return height / dpmm;
}

QPageLayout Receipt::pageLayout() const
{
    // The margins, and a little room for a device that sets a line a little taller.
    const qreal content = contentHeightMm();
    return m_format.pageLayout(content * 1.03 + 8 + 2);
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
    const ReceiptLineLayout layout(m_language, m_format.isRoll(), device, std::min<qreal>(device.width(), 100 * dpmm));
    const qreal pageHeight = device.height();
    qreal y = 0;
    const QList<ReceiptLine> all = lines();
    for (const ReceiptLine &line : all) {
        const qreal height = layout.height(line);
        if (!m_format.isRoll() && y + height > pageHeight && y > 0) {
            device.newPage();
            y = 0;
        }
        layout.draw(painter, line, y, *qr);
        y += height;
    }
    if (!painter.end())
        return Error::failure(m_language.translate("Keepsake::Receipt",
            "The receipt could not be finished; check the free space and try again."));
    return Status::success();
}

} // namespace Keepsake
