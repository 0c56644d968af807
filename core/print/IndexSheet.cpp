// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "IndexSheet.h"

#include "PrintLanguage.h"
#include "PrintLog.h"

#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace Keepsake {

struct IndexSheet::Geometry
{
    qreal dpmm = 1;            // device pixels per millimetre
    QSizeF page;               // the printable area, in device pixels
    QFont title, info, caption;
    qreal titleLine = 0, infoLine = 0, captionLine = 0;
    qreal headerHeight = 0;
    qreal gap = 0;
    int columns = 1, rows = 1;
    QSizeF cell;
    qreal thumbHeight = 0;
};

namespace {

// A five-pointed star, the cover's mark, drawn as a vector path.
QPainterPath star(const QPointF &centre, qreal radius)
{
    QPainterPath path;
    for (int i = 0; i < 10; ++i) {
        const qreal r = i % 2 == 0 ? radius : radius * 0.45;
        const qreal angle = -std::numbers::pi / 2 + i * std::numbers::pi / 5;
        const QPointF point(centre.x() + r * std::cos(angle), centre.y() + r * std::sin(angle));
        if (i == 0)
            path.moveTo(point);
        else
            path.lineTo(point);
    }
    path.closeSubpath();
    return path;
}

QRectF fitted(const QSizeF &image, const QRectF &box)
{
    const QSizeF size = image.scaled(box.size(), Qt::KeepAspectRatio);
    return { box.x() + (box.width() - size.width()) / 2, box.y() + (box.height() - size.height()) / 2,
             size.width(), size.height() };
}

} // namespace

IndexSheet::IndexSheet(IndexSheetContent content, PaperFormat format, int columns, const PrintLanguage &language)
    : m_content(std::move(content)),
      m_format(format),
      m_columns(columns > 0 ? std::min(columns, 20) : format.defaultColumns()),
      m_language(language)
{
}

IndexSheet::Geometry IndexSheet::geometry(const QPaintDevice &device) const
{
    Geometry g;
    g.dpmm = device.logicalDpiX() / 25.4;
    g.page = QSizeF(device.width(), device.height());
    const qreal body = m_format.bodyPointSize();
    g.title = m_language.font(body * 1.45, true);
    g.info = m_language.font(body * 1.1);
    g.caption = m_language.font(body);
    g.titleLine = QFontMetricsF(g.title, &device).lineSpacing();
    g.infoLine = QFontMetricsF(g.info, &device).lineSpacing();
    g.captionLine = QFontMetricsF(g.caption, &device).lineSpacing();
    g.headerHeight = g.titleLine + 2 * g.infoLine + 2.5 * g.dpmm;
    g.gap = (m_format.isPhotoPaper() ? 1.2 : 2.0) * g.dpmm;
    g.columns = m_columns;
    const qreal cellWidth = (g.page.width() - (g.columns - 1) * g.gap) / g.columns;
    g.thumbHeight = cellWidth * 0.75;
    g.cell = QSizeF(cellWidth, g.thumbHeight + 2 * g.captionLine + 0.6 * g.dpmm);
    const qreal gridHeight = g.page.height() - g.headerHeight;
    g.rows = std::max(1, int(std::floor((gridHeight + g.gap) / (g.cell.height() + g.gap))));
    return g;
}

int IndexSheet::photosPerPage(const QPaintDevice &device) const
{
    const Geometry g = geometry(device);
    return g.columns * g.rows;
}

int IndexSheet::pageCount(const QPaintDevice &device) const
{
    const int perPage = photosPerPage(device);
    return std::max<int>(1, int((m_content.entries.size() + perPage - 1) / perPage));
}

Status IndexSheet::render(QPagedPaintDevice &device, const ThumbnailLoader &thumbnails, const CancelToken *cancel,
                          const Progress &progress) const
{
    QPainter painter;
    if (!painter.begin(&device))
        return Error::failure(m_language.translate("Keepsake::IndexSheet",
            "The index sheet cannot be drawn: the printer or PDF file did not open for painting."));
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    const Geometry g = geometry(device);
    const int perPage = g.columns * g.rows;
    const int total = int(m_content.entries.size());
    const int pages = pageCount(device);
    for (int page = 0; page < pages; ++page) {
        if (page > 0 && !device.newPage()) {
            painter.end();
            return Error::failure(m_language.translate("Keepsake::IndexSheet",
                "The printer or PDF file refused a new page; check the free space and try again."));
        }
        drawHeader(painter, g, page + 1, pages);
        for (int slot = 0; slot < perPage; ++slot) {
            const int index = page * perPage + slot;
            if (index >= total)
                break;
            if (cancel && cancel->isCancelled()) {
                painter.end();
                return Error::cancelled(m_language.translate("Keepsake::IndexSheet",
                    "The index sheet was cancelled; nothing was printed."));
            }
            const IndexEntry &entry = m_content.entries.at(index);
            const QRectF cell(QPointF((slot % g.columns) * (g.cell.width() + g.gap),
                                      g.headerHeight + (slot / g.columns) * (g.cell.height() + g.gap)),
                              g.cell);
            drawCell(painter, g, cell, entry, thumbnails ? thumbnails(entry) : QImage());
            if (progress)
                progress(index + 1, total);
        }
        if (total == 0) {
            painter.setFont(g.info);
            painter.drawText(QRectF(0, g.headerHeight, g.page.width(), g.infoLine * 2), Qt::AlignCenter,
                             m_language.translate("Keepsake::IndexSheet", "No photos."));
        }
    }
    if (!painter.end())
        return Error::failure(m_language.translate("Keepsake::IndexSheet",
            "The index sheet could not be finished; check the free space and try again."));
    qCDebug(lcPrint) << "Index sheet:" << total << "photos on" << pages << "pages";
    return Status::success();
}

void IndexSheet::drawHeader(QPainter &painter, const Geometry &g, int page, int pages) const
{
    const QLocale &locale = m_language.locale();
    const qreal width = g.page.width();
    const auto row = [&](qreal y, qreal height, const QFont &font, const QString &left, const QString &right) {
        painter.setFont(font);
        const QFontMetricsF metrics(font, painter.device());
        const qreal rightWidth = metrics.horizontalAdvance(right);
        const QString shown = metrics.elidedText(left, Qt::ElideRight, width - rightWidth - 4 * g.dpmm);
        painter.drawText(QRectF(0, y, width, height), Qt::AlignLeft | Qt::AlignVCenter, shown);
        painter.drawText(QRectF(0, y, width, height), Qt::AlignRight | Qt::AlignVCenter, right);
    };
    const QString pageText = m_language.translate("Keepsake::IndexSheet", "Page %1 of %2").arg(page).arg(pages);
    row(0, g.titleLine, g.title, m_content.labName, pageText);

    const QString customer = m_language.translate("Keepsake::IndexSheet", "%1 (customer %2)")
                                 .arg(m_content.customerName, m_content.customerCode);
    const QString disc = m_content.discId.isEmpty()
        ? m_language.translate("Keepsake::IndexSheet", "Not yet on disc")
        : m_language.translate("Keepsake::IndexSheet", "Disc %1, recorded on %2")
              .arg(m_content.discId, locale.toString(m_content.recordedAt.toLocalTime().date(), QLocale::ShortFormat));
    row(g.titleLine, g.infoLine, g.info, customer, disc);

    const QString albums = m_language.translate("Keepsake::IndexSheet", "Album(s): %1", nullptr,
                                                int(m_content.albumTitles.size()))
                               .arg(m_content.albumTitles.join(QStringLiteral(", ")));
    const int shown = int(m_content.entries.size());
    const QString count = m_content.isSelection
        ? m_language.translate("Keepsake::IndexSheet", "Selection: %1 of %n photo(s)", nullptr, m_content.totalPhotos)
              .arg(shown)
        : m_language.translate("Keepsake::IndexSheet", "%n photo(s)", nullptr, shown);
    row(g.titleLine + g.infoLine, g.infoLine, g.info, albums, count);

    const qreal lineY = g.titleLine + 2 * g.infoLine + 0.8 * g.dpmm;
    painter.setPen(QPen(Qt::black, 0.25 * g.dpmm));
    painter.drawLine(QPointF(0, lineY), QPointF(width, lineY));
}

void IndexSheet::drawCell(QPainter &painter, const Geometry &g, const QRectF &cell, const IndexEntry &entry,
                          const QImage &thumbnail) const
{
    const QRectF box(cell.topLeft(), QSizeF(cell.width(), g.thumbHeight));
    painter.fillRect(box, QColor(242, 242, 242));
    QRectF picture = box;
    if (!thumbnail.isNull()) {
        picture = fitted(thumbnail.size(), box);
        painter.drawImage(picture, thumbnail);
    } else {
        painter.setFont(g.caption);
        painter.setPen(Qt::darkGray);
        painter.drawText(box, Qt::AlignCenter | Qt::TextWordWrap,
                         m_language.translate("Keepsake::IndexSheet", "no picture"));
    }
    if (entry.cover) {
        painter.setPen(QPen(Qt::black, 0.6 * g.dpmm, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(picture);
        const qreal radius = 2.2 * g.dpmm;
        const QPointF centre = picture.topLeft() + QPointF(radius + 0.8 * g.dpmm, radius + 0.8 * g.dpmm);
        painter.setPen(QPen(Qt::black, 0.2 * g.dpmm));
        painter.setBrush(QColor(255, 200, 0));
        painter.drawPath(star(centre, radius));
        painter.setBrush(Qt::NoBrush);
    } else {
        painter.setPen(QPen(QColor(160, 160, 160), 0.15 * g.dpmm));
        painter.drawRect(picture);
    }

    painter.setPen(Qt::black);
    painter.setFont(g.caption);
    const QFontMetricsF metrics(g.caption, painter.device());
    const QString frame = QStringLiteral("%1  ").arg(entry.frame);
    const qreal frameWidth = metrics.horizontalAdvance(frame);
    const qreal y = box.bottom() + 0.4 * g.dpmm;
    painter.drawText(QRectF(cell.x(), y, cell.width(), g.captionLine), Qt::AlignLeft | Qt::AlignVCenter, frame);
    painter.drawText(QRectF(cell.x() + frameWidth, y, cell.width() - frameWidth, g.captionLine),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(entry.fileName, Qt::ElideMiddle, cell.width() - frameWidth));
    const QDate taken = QDate::fromString(entry.taken.left(10), Qt::ISODate);
    QString second = taken.isValid() ? m_language.locale().toString(taken, QLocale::ShortFormat)
                                     : m_language.translate("Keepsake::IndexSheet", "no capture date");
    if (entry.cover)
        second = m_language.translate("Keepsake::IndexSheet", "%1 · cover").arg(second);
    painter.drawText(QRectF(cell.x(), y + g.captionLine, cell.width(), g.captionLine),
                     Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(second, Qt::ElideRight, cell.width()));
}

} // namespace Keepsake
