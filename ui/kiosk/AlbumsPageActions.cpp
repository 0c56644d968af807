// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// AlbumsPage: the choices a customer makes for the disc and the print (cover, print
// selection) and sharing.
#include "AlbumsPage.h"

#include "KioskBackend.h"
#include "KioskStyle.h"
#include "common/MessageLabel.h"
#include "common/PhotoGridModel.h"

#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPushButton>

namespace Keepsake {

void AlbumsPage::chooseCover()
{
    const QList<qint64> photos = selectedPhotos();
    const qint64 albumId = currentAlbumId();
    if (photos.size() != 1 || !ownsCurrentAlbum())
        return;
    m_status->clear();
    m_backend.setCover(albumId, photos.first(), [this](const Status &status) {
        report(status, tr("This photo is now the album's cover: the disc opens with it."));
    });
}

void AlbumsPage::togglePrintSelection(bool on)
{
    if (on && !ownsCurrentAlbum()) {   // the owner's choice (the button is hidden for a shared album)
        m_printSelect->setChecked(false);
        return;
    }
    m_status->clear();
    // The album being chosen for stays the one saved, even when another is opened.
    const qint64 albumId = on ? currentAlbumId() : std::exchange(m_selectionAlbum, 0);
    if (!albumId)
        return;
    if (on) {
        m_selectionAlbum = albumId;
        m_backend.selection(albumId, [this, albumId](const Result<QList<qint64>> &selection) {
            selectionRead(albumId, selection);
        });
        return;
    }
    saveSelection(albumId);
    setTicking(false);
    m_printSelect->setText(tr("Choose for index print"));
}

// The saved selection arrived: the photos are ticked, unless the choice was left meanwhile.
void AlbumsPage::selectionRead(qint64 albumId, const Result<QList<qint64>> &selection)
{
    if (m_selectionAlbum != albumId || !m_printSelect->isChecked())
        return;
    if (!selection) {
        m_status->setText(selection.error().message());
        return;
    }
    setTicking(true);
    m_model->setChecked(QSet<qint64>(selection->begin(), selection->end()));
    m_printSelect->setText(tr("Save the index print choice"));
    m_status->setText(tr("Tick the photos for the index print. None ticked: all photos are printed."));
}

// The photos with a finger-sized tick box beside each: the tiles get wider for it.
void AlbumsPage::setTicking(bool on)
{
    m_model->setCheckable(on);
    const QSize tile = m_grid->gridSize();
    const int width = KioskIconEdge + 24 + (on ? KioskTouchEdge + 12 : 0);
    if (tile.width() != width)
        m_grid->setGridSize(QSize(width, tile.height()));
}

void AlbumsPage::saveSelection(qint64 albumId)
{
    QList<qint64> chosen;
    for (const PhotoRecord &photo : m_model->photos()) {   // in the album's order
        if (m_model->checked().contains(photo.id))
            chosen.append(photo.id);
    }
    m_backend.setSelection(albumId, chosen, [this, count = int(chosen.size())](const Status &saved) {
        m_status->setText(saved ? (count == 0 ? tr("All photos of the album go on the index print.")
                                              : tr("%n photo(s) chosen for the index print.", nullptr, count))
                                : saved.error().message());
    });
}

void AlbumsPage::share()
{
    const qint64 albumId = currentAlbumId();
    if (!ownsCurrentAlbum() || !m_askText)
        return;
    m_status->clear();
    m_askText(tr("Share this album with: customer code or e-mail address"), QString(),
              [this, albumId](const QString &viewer) {
                  m_backend.share(albumId, viewer, [this, viewer](const Status &status) {
                      report(status, tr("%1 may now view this album and will be told before it expires.").arg(viewer));
                  });
              },
              TouchKeyboard::FieldKind::Email);
}

} // namespace Keepsake
