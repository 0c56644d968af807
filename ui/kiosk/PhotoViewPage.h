// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/Albums.h"

#include <QImage>
#include <QPoint>
#include <QSet>
#include <QThreadPool>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;

namespace Keepsake {

class ThumbnailSource;

// One photo on the whole screen, fitted to it, with its caption: a swipe (or the
// arrow buttons, or Left/Right) goes to the next or the previous photo of the album,
// Close goes back to the grid. For the customer's own album, "Select" marks the photo
// for what the album page does with selected photos (move, cover), and "Caption" asks
// for the photo's caption (the window asks on its touch keyboard and saves it); an
// album shared with the customer offers neither.
class PhotoViewPage : public QWidget
{
    Q_OBJECT

public:
    explicit PhotoViewPage(std::shared_ptr<const ThumbnailSource> source, QWidget *parent = nullptr);
    ~PhotoViewPage() override;

    // The album's photos, from this row; selected: the photos marked; own: the customer's
    // own album (Select and Caption buttons).
    void showPhotos(const QList<PhotoRecord> &photos, int row, const QSet<qint64> &selected, bool own);
    // The photo's caption as saved; a message when it could not be.
    void setCaption(qint64 photoId, const QString &caption);
    void setMessage(const QString &message);
    QString captionText() const;
    int currentRow() const { return m_row; }
    qint64 currentPhotoId() const;
    bool isLoaded() const { return !m_image.isNull(); }
    void next();
    void previous();

Q_SIGNALS:
    void closed();
    void selectionChanged(qint64 photoId, bool selected);
    void captionRequested(qint64 photoId, const QString &caption);

protected:
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void layOut();
    void showRow(int row);
    void loaded(int generation, const QImage &image);
    void fit();
    void retranslate();

    std::shared_ptr<const ThumbnailSource> m_source;
    QList<PhotoRecord> m_photos;
    QSet<qint64> m_selected;
    int m_row = -1;
    int m_generation = 0;   // answers for a photo no longer shown are dropped
    QImage m_image;
    QPoint m_pressedAt;
    QLabel *m_picture = nullptr;
    QLabel *m_caption = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_select = nullptr;
    QPushButton *m_captionEdit = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_close = nullptr;
    QThreadPool m_pool;   // last: waits for a running read before the page goes
};

} // namespace Keepsake
