// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/Albums.h"

#include <QAbstractListModel>
#include <QCache>
#include <QPixmap>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <memory>
#include <optional>

class QListView;

namespace Keepsake {

class Lab;
class ThumbnailSource;

// Photos as a thumbnail grid. Thumbnails are read from their source (the lab's
// Thumbnailer grid cache, or a device the window is a client of) on a small pool of their own (leaving a core to the window), only for the rows the
// view asks for (the visible ones), newest request first; a placeholder shows until
// one arrives. Arrivals are turned into pixmaps and announced a few at a time, once
// per frame, so that a flick through 10,000 photos never stalls the window.
class PhotoGridModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { PhotoIdRole = Qt::UserRole + 1, AlbumIdRole, LoadedRole, CoverRole };

    PhotoGridModel(const Lab &lab, int iconEdge, QObject *parent = nullptr);
    PhotoGridModel(std::shared_ptr<const ThumbnailSource> source, int iconEdge, QObject *parent = nullptr);

    void setPhotos(const QList<PhotoRecord> &photos);
    const QList<PhotoRecord> &photos() const { return m_photos; }
    // Photos marked in the grid: the album's cover, the print selection (checked).
    void setCover(std::optional<qint64> photoId);
    void setChecked(const QSet<qint64> &photoIds);
    void setCheckable(bool checkable);
    QSet<qint64> checked() const { return m_checked; }
    int rowOf(qint64 photoId) const;
    int loadedCount() const;   // rows showing their thumbnail
    int iconEdge() const { return m_edge; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // A QListView set up as a touch- or mouse-friendly icon grid for this model.
    static void setUpView(QListView *view, int iconEdge, bool touch);

Q_SIGNALS:
    void thumbnailShown(int row);
    void checkedChanged();

private:
    void request(const QString &sha256) const;
    void startLoads() const;
    void loaded(const QString &sha256, const QImage &image);
    void flush();

    std::shared_ptr<const ThumbnailSource> m_source;
    int m_edge;
    QList<PhotoRecord> m_photos;
    QHash<QString, QList<int>> m_rowsBySha;
    std::optional<qint64> m_cover;
    QSet<qint64> m_checked;
    bool m_checkable = false;
    QPixmap m_placeholder;
    mutable QCache<QString, QPixmap> m_cache;
    mutable QStringList m_queue;         // newest last
    mutable QSet<QString> m_inFlight;
    mutable QSet<QString> m_failed;
    QList<std::pair<QString, QImage>> m_arrived;   // read, not yet on screen
    QTimer m_flush;
    mutable QThreadPool m_pool;                     // last: waits for its readers first
};

} // namespace Keepsake
