// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"

#include <QIdentityProxyModel>
#include <QObject>

class QListView;
class QPushButton;
class QWidget;

namespace Keepsake {

class Lab;
class PhotoGridModel;
struct PhotoRecord;

// The counter's photo grid with captions: a photo's caption shows under it (in
// italics) instead of its file name, which stays in the tooltip with the caption.
class CaptionedPhotos : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit CaptionedPhotos(PhotoGridModel *photos, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role) const override;

private:
    PhotoGridModel *m_photos;
};

// "Caption…" for the photo chosen in the counter's grid (or a double-click on it):
// the clerk writes or changes its caption, an empty one removes it. Saved through
// core (AlbumChoices::setCaption, as the counter's clerk, audited).
class PhotoCaptions : public QObject
{
    Q_OBJECT

public:
    PhotoCaptions(const Lab &lab, Actor clerk, PhotoGridModel *photos, QListView *grid, QWidget *parent);

    QPushButton *button() const { return m_button; }
    // Asks for the chosen photo's caption and saves it.
    void edit();

Q_SIGNALS:
    void saved(const QString &message);

private:
    void updateButton();
    // The one photo chosen in the grid, or null.
    const PhotoRecord *chosen() const;

    const Lab &m_lab;
    const Actor m_clerk;
    PhotoGridModel *m_photos;
    CaptionedPhotos *m_model;
    QListView *m_grid;
    QWidget *m_parent;
    QPushButton *m_button;
};

} // namespace Keepsake
