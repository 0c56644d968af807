// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PaperFormat.h"
#include "base/CancelToken.h"
#include "base/Error.h"

#include <QDateTime>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QPainter;
class QPaintDevice;
class QPagedPaintDevice;

namespace Keepsake {

class PrintLanguage;

// One photo on an index sheet.
struct IndexEntry
{
    qint64 photoId = 0;
    int frame = 0;            // its number on the disc (or in the album): kept in a selection
    QString fileName;         // its name on the disc, else its original name
    QString taken;            // capture time as the camera wrote it (ISO), or empty
    QString sha256;           // finds its print-size thumbnail
    bool cover = false;       // the album's cover photo (claim 5): marked, not repeated
};

// What an index sheet shows (claims 8, 9): the header and the photos.
struct IndexSheetContent
{
    QString labName;
    QString customerName;
    QString customerCode;
    QStringList albumTitles;
    QString discId;           // empty: not yet on disc
    QDateTime recordedAt;
    bool isSelection = false; // only the photos a customer or clerk chose
    int totalPhotos = 0;      // of the albums or disc, before any selection
    QList<IndexEntry> entries;
};

// A contact sheet drawn with QPainter onto any paged device: QPdfWriter in core,
// QPrinter (with its preview) in the GUI. Thumbnails come from the loader, which
// gives the cached print-size thumbnail; nothing decodes full photos here.
class IndexSheet
{
public:
    // The print-size thumbnail of an entry, orientation applied; null when missing.
    using ThumbnailLoader = std::function<QImage(const IndexEntry &)>;
    using Progress = std::function<void(int done, int total)>;

    // columns <= 0: the paper's default (35 photos to an A4 page).
    IndexSheet(IndexSheetContent content, PaperFormat format, int columns, const PrintLanguage &language);

    const IndexSheetContent &content() const { return m_content; }
    const PaperFormat &format() const { return m_format; }
    int columns() const { return m_columns; }

    // The layout to set on a device before render() (QPdfWriter, QPrinter).
    QPageLayout pageLayout() const { return m_format.pageLayout(); }
    int photosPerPage(const QPaintDevice &device) const;
    int pageCount(const QPaintDevice &device) const;

    // Draws every page onto the device, whose page layout is already set. Checks the
    // token between photos; reports progress after each photo.
    Status render(QPagedPaintDevice &device, const ThumbnailLoader &thumbnails,
                  const CancelToken *cancel = nullptr, const Progress &progress = {}) const;

private:
    struct Geometry;
    Geometry geometry(const QPaintDevice &device) const;
    void drawHeader(QPainter &painter, const Geometry &g, int page, int pages) const;
    void drawCell(QPainter &painter, const Geometry &g, const QRectF &cell, const IndexEntry &entry,
                  const QImage &thumbnail) const;

    IndexSheetContent m_content;
    PaperFormat m_format;
    int m_columns;
    const PrintLanguage &m_language;
};

} // namespace Keepsake
