// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhotoGridModel.h"

#include "ThumbnailSource.h"

#include <QListView>
#include <QPainter>
#include <QScroller>

#include <functional>

namespace Keepsake {

namespace {

constexpr int MaxInFlight = 4;
constexpr int MaxQueued = 256;
constexpr int PixmapsPerFrame = 16;   // QImage → QPixmap on the GUI thread, in slices
constexpr int FrameMs = 16;

// Every tile's picture is edge × edge, the thumbnail centred on a clear square: a
// portrait and a landscape photo take the same room, so the grid's uniform item size
// (taken from whichever row comes first) leaves room for every caption.
QPixmap squareTile(int edge, const std::function<void(QPainter &, const QRect &)> &paint)
{
    QPixmap pixmap(edge, edge);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    paint(painter, pixmap.rect());
    return pixmap;
}

QPixmap makePlaceholder(int edge)
{
    return squareTile(edge, [edge](QPainter &painter, const QRect &square) {
        QRect frame(0, 0, edge, edge * 3 / 4);
        frame.moveCenter(square.center());
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0xd8, 0xdc, 0xe0));
        painter.drawRoundedRect(frame.adjusted(2, 2, -2, -2), 8, 8);
    });
}

QPixmap makeTile(const QImage &image, int edge)
{
    return squareTile(edge, [&image](QPainter &painter, const QRect &square) {
        const QSize size = image.size().scaled(square.size(), Qt::KeepAspectRatio);
        QRect target(QPoint(0, 0), size);
        target.moveCenter(square.center());
        painter.drawImage(target, image);
    });
}

} // namespace

PhotoGridModel::PhotoGridModel(const Lab &lab, int iconEdge, QObject *parent)
    : PhotoGridModel(std::make_shared<LabThumbnails>(lab), iconEdge, parent)
{
}

PhotoGridModel::PhotoGridModel(std::shared_ptr<const ThumbnailSource> source, int iconEdge, QObject *parent)
    : QAbstractListModel(parent), m_source(std::move(source)), m_edge(iconEdge),
      m_placeholder(makePlaceholder(iconEdge)), m_cache(600)
{
    m_pool.setMaxThreadCount(qBound(1, m_source->parallelReads(), MaxInFlight));
    m_pool.setObjectName(QStringLiteral("keepsake-thumbnails"));
    m_flush.setSingleShot(true);
    m_flush.setInterval(FrameMs);
    connect(&m_flush, &QTimer::timeout, this, &PhotoGridModel::flush);
}

void PhotoGridModel::setPhotos(const QList<PhotoRecord> &photos)
{
    beginResetModel();
    m_photos = photos;
    m_rowsBySha.clear();
    for (int row = 0; row < m_photos.size(); ++row)
        m_rowsBySha[m_photos[row].sha256].append(row);
    m_queue.clear();
    m_arrived.clear();
    m_failed.clear();   // a new list: those missing before are asked for again
    endResetModel();
}

void PhotoGridModel::setCover(std::optional<qint64> photoId)
{
    if (m_cover == photoId)
        return;
    const std::optional<qint64> before = std::exchange(m_cover, photoId);
    for (const std::optional<qint64> &id : { before, photoId }) {   // only the rows that change
        const int row = id ? rowOf(*id) : -1;
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), { Qt::DisplayRole, CoverRole });
    }
}

void PhotoGridModel::setChecked(const QSet<qint64> &photoIds)
{
    if (m_checked == photoIds)
        return;
    m_checked = photoIds;
    if (!m_photos.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_photos.size()) - 1), { Qt::CheckStateRole });
}

void PhotoGridModel::setCheckable(bool checkable)
{
    beginResetModel();
    m_checkable = checkable;
    endResetModel();
}

int PhotoGridModel::rowOf(qint64 photoId) const
{
    for (int row = 0; row < m_photos.size(); ++row) {
        if (m_photos[row].id == photoId)
            return row;
    }
    return -1;
}

int PhotoGridModel::loadedCount() const
{
    int loaded = 0;
    for (const PhotoRecord &photo : m_photos)
        loaded += m_cache.contains(photo.sha256) ? 1 : 0;
    return loaded;
}

int PhotoGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_photos.size());
}

Qt::ItemFlags PhotoGridModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractListModel::flags(index);
    if (m_checkable)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant PhotoGridModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_photos.size())
        return {};
    const PhotoRecord &photo = m_photos[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return m_cover == photo.id ? tr("★ %1").arg(photo.name) : photo.name;
    case Qt::ToolTipRole:
        return tr("%1\nTaken: %2\nCamera: %3").arg(photo.name, photo.taken.isEmpty() ? tr("unknown") : photo.taken,
                                                   photo.camera.isEmpty() ? tr("unknown") : photo.camera);
    case Qt::DecorationRole:
        if (const QPixmap *pixmap = m_cache.object(photo.sha256))
            return *pixmap;
        request(photo.sha256);
        return m_placeholder;
    case Qt::CheckStateRole:
        if (!m_checkable)
            return {};
        return m_checked.contains(photo.id) ? Qt::Checked : Qt::Unchecked;
    case PhotoIdRole: return photo.id;
    case AlbumIdRole: return photo.albumId;
    case LoadedRole: return m_cache.contains(photo.sha256);
    case CoverRole: return m_cover == photo.id;
    default: return {};
    }
}

bool PhotoGridModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !m_checkable || !index.isValid())
        return false;
    const qint64 id = m_photos[index.row()].id;
    if (value.value<Qt::CheckState>() == Qt::Checked)
        m_checked.insert(id);
    else
        m_checked.remove(id);
    Q_EMIT dataChanged(index, index, { Qt::CheckStateRole });
    Q_EMIT checkedChanged();
    return true;
}

void PhotoGridModel::request(const QString &sha256) const
{
    if (m_inFlight.contains(sha256) || m_failed.contains(sha256))
        return;
    m_queue.removeOne(sha256);
    m_queue.append(sha256);            // the latest asked for is the one on screen now
    if (m_queue.size() > MaxQueued)    // scrolled past long ago
        m_queue.removeFirst();
    startLoads();
}

void PhotoGridModel::startLoads() const
{
    auto *self = const_cast<PhotoGridModel *>(this);
    while (m_inFlight.size() < MaxInFlight && !m_queue.isEmpty()) {
        const QString sha = m_queue.takeLast();
        const QList<int> rows = m_rowsBySha.value(sha);
        if (rows.isEmpty())
            continue;   // no longer listed
        m_inFlight.insert(sha);
        const PhotoRecord photo = m_photos.at(rows.first());
        const int edge = m_edge;
        // The answer is posted to the model; it is dropped if the model is gone (the
        // pool, destroyed first, waits for running reads).
        m_pool.start([self, source = m_source, photo, edge] {
            const QImage image = source->read(photo, edge);
            QMetaObject::invokeMethod(self, [self, sha = photo.sha256, image] { self->loaded(sha, image); },
                                      Qt::QueuedConnection);
        });
    }
}

void PhotoGridModel::loaded(const QString &sha256, const QImage &image)
{
    m_inFlight.remove(sha256);
    if (image.isNull())
        m_failed.insert(sha256);
    else
        m_arrived.append({ sha256, image });
    if (!m_arrived.isEmpty() && !m_flush.isActive())
        m_flush.start();
    startLoads();
}

// A slice of the thumbnails that arrived becomes pixmaps; their rows are announced
// as runs of neighbours, so the view repaints once per frame, not once per photo.
void PhotoGridModel::flush()
{
    QList<int> rows;
    const qsizetype count = qMin<qsizetype>(PixmapsPerFrame, m_arrived.size());
    for (qsizetype i = 0; i < count; ++i) {
        const auto &[sha, image] = m_arrived.at(i);
        m_cache.insert(sha, new QPixmap(makeTile(image, m_edge)));
        rows += m_rowsBySha.value(sha);
    }
    m_arrived.remove(0, count);
    std::sort(rows.begin(), rows.end());
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype end = i;
        while (end + 1 < rows.size() && rows.at(end + 1) <= rows.at(end) + 1)
            ++end;
        Q_EMIT dataChanged(index(rows.at(i)), index(rows.at(end)), { Qt::DecorationRole, LoadedRole });
        i = end + 1;
    }
    for (int row : std::as_const(rows))
        Q_EMIT thumbnailShown(row);
    if (!m_arrived.isEmpty())
        m_flush.start();
}

void PhotoGridModel::setUpView(QListView *view, int iconEdge, bool touch)
{
    view->setViewMode(QListView::IconMode);
    view->setResizeMode(QListView::Adjust);
    view->setMovement(QListView::Static);
    view->setUniformItemSizes(true);
    view->setLayoutMode(QListView::Batched);
    view->setBatchSize(200);
    view->setIconSize(QSize(iconEdge, iconEdge));
    view->setGridSize(QSize(iconEdge + 24, iconEdge + (touch ? 48 : 36)));
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    view->setSpacing(touch ? 8 : 4);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    if (touch) {
        view->setSelectionMode(QAbstractItemView::MultiSelection);
        QScroller::grabGesture(view->viewport(), QScroller::LeftMouseButtonGesture);
    } else {
        view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    }
}

} // namespace Keepsake
