// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// AlbumsPage: the choices a customer makes for the disc and the print (cover, print
// selection), sharing, and the notices kept for them.
#include "AlbumsPage.h"

#include "base/Actor.h"
#include "catalog/AlbumChoices.h"
#include "catalog/AlbumSharing.h"
#include "common/PhotoGridModel.h"
#include "lab/Lab.h"
#include "notify/TerminalNotices.h"

#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPushButton>

namespace Keepsake {

namespace {

const QString KioskTerminal = QStringLiteral("kiosk");

} // namespace

Actor AlbumsPage::customer() const
{
    return Actor::customer(m_data.customer.id, KioskTerminal);
}

void AlbumsPage::chooseCover()
{
    const QList<qint64> photos = selectedPhotos();
    const qint64 albumId = currentAlbumId();
    if (photos.size() != 1 || !ownsCurrentAlbum())
        return;
    report(AlbumChoices(m_lab.catalog(), customer()).setCover(albumId, photos.first(), m_lab.clock().now()),
           tr("This photo is now the album's cover: the disc opens with it."));
}

void AlbumsPage::togglePrintSelection(bool on)
{
    if (on && !ownsCurrentAlbum()) {   // the owner's choice (the button is hidden for a shared album)
        m_printSelect->setChecked(false);
        return;
    }
    // The album being chosen for stays the one saved, even when another is opened.
    const qint64 albumId = on ? currentAlbumId() : std::exchange(m_selectionAlbum, 0);
    if (!albumId)
        return;
    if (on) {
        m_selectionAlbum = albumId;
        auto selection = AlbumChoices(m_lab.catalog(), customer()).selection(albumId);
        if (!selection) {
            m_status->setText(selection.error().message());
            return;
        }
        m_model->setCheckable(true);
        m_model->setChecked(QSet<qint64>(selection->begin(), selection->end()));
        m_printSelect->setText(tr("Save the index print choice"));
        m_status->setText(tr("Tick the photos for the index print. None ticked: all photos are printed."));
        return;
    }
    {
        QList<qint64> chosen;
        for (const PhotoRecord &photo : m_model->photos()) {   // in the album's order
            if (m_model->checked().contains(photo.id))
                chosen.append(photo.id);
        }
        const Status saved = AlbumChoices(m_lab.catalog(), customer()).setSelection(albumId, chosen, m_lab.clock().now());
        m_status->setText(saved ? (chosen.isEmpty() ? tr("All photos of the album go on the index print.")
                                                    : tr("%n photo(s) chosen for the index print.", nullptr,
                                                         int(chosen.size())))
                                : saved.error().message());
    }
    m_model->setCheckable(false);
    m_printSelect->setText(tr("Choose for index print"));
}

void AlbumsPage::share()
{
    const qint64 albumId = currentAlbumId();
    if (!ownsCurrentAlbum() || !m_askText)
        return;
    m_askText(tr("Share this album with: customer code or e-mail address"), QString(),
              [this, albumId](const QString &viewer) {
                  const Status status = AlbumSharing(m_lab.catalog(), m_lab.clock()).share(customer(), albumId, viewer);
                  report(status, tr("%1 may now view this album and will be told before it expires.").arg(viewer));
              });
}

void AlbumsPage::extend()
{
    const TerminalNotices terminal(m_lab.catalog(), m_lab.clock());
    auto notices = terminal.forCustomer(customer(), m_data.customer.id, false);
    if (!notices) {
        m_status->setText(notices.error().message());
        return;
    }
    QList<QPair<qint64, QString>> lines;
    for (const Notice &notice : *notices)
        lines.append({ notice.id, QStringLiteral("%1\n%2").arg(notice.subject, notice.body.section(QLatin1Char('\n'), 0, 2)) });
    if (lines.isEmpty())
        lines.append({ 0, tr("No notices. Your albums are kept until the dates shown with them.") });
    lines.append({ -1, tr("To keep an album longer, ask at the counter: the clerk extends it for you.") });
    if (!m_askChoice)
        return;
    m_askChoice(tr("Your notices"), lines, [this](qint64 noticeId) {
        if (noticeId > 0) {
            const Status read = TerminalNotices(m_lab.catalog(), m_lab.clock()).markRead(customer(), noticeId);
            if (!read)
                m_status->setText(read.error().message());
        }
    });
}

} // namespace Keepsake
