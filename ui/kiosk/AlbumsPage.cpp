// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumsPage.h"

#include "KioskBackend.h"
#include "KioskLanguages.h"
#include "KioskLog.h"
#include "NoticeCards.h"
#include "common/MessageLabel.h"
#include "common/PhotoGridModel.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScroller>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace Keepsake {

namespace {

QPushButton *actionButton(const char *name, bool checkable = false)
{
    auto *button = new QPushButton;
    button->setObjectName(QLatin1String(name));
    button->setCheckable(checkable);
    return button;
}

} // namespace

AlbumsPage::AlbumsPage(KioskBackend &backend, QWidget *parent) : QWidget(parent), m_backend(backend)
{
    setObjectName(QStringLiteral("homePage"));
    m_greeting = new QLabel;
    m_greeting->setObjectName(QStringLiteral("greeting"));
    m_greeting->setProperty("role", QStringLiteral("title"));
    m_signOut = actionButton("signOutButton");
    m_phone = actionButton("phoneButton");
    m_noticeBanner = actionButton("noticeBanner");
    m_noticeBanner->setProperty("role", QStringLiteral("banner"));
    m_noticeBanner->hide();
    m_albums = new QListWidget;
    m_albums->setObjectName(QStringLiteral("albumList"));
    m_albums->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_albums->setWordWrap(true);
    m_albums->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);   // long titles wrap
    QScroller::grabGesture(m_albums->viewport(), QScroller::LeftMouseButtonGesture);
    m_albumInfo = new QLabel;
    m_albumInfo->setObjectName(QStringLiteral("albumInfo"));
    m_albumInfo->setWordWrap(true);
    m_status = new MessageLabel(2);   // room for two lines: the buttons above stay put
    m_status->setObjectName(QStringLiteral("albumStatus"));
    m_firstVisit = new QLabel;
    m_firstVisit->setObjectName(QStringLiteral("firstVisitPrompt"));
    m_firstVisit->setWordWrap(true);
    m_firstVisit->setAlignment(Qt::AlignCenter);
    m_firstVisit->setProperty("role", QStringLiteral("prompt"));
    m_model = new PhotoGridModel(backend.thumbnails(), KioskIconEdge, this);
    m_grid = new QListView;
    m_grid->setObjectName(QStringLiteral("photoGrid"));
    m_grid->setModel(m_model);
    PhotoGridModel::setUpView(m_grid, KioskIconEdge, true);
    // A tap opens the photo large (or ticks it for the index print); photos are
    // selected for moving or the cover in the large view.
    m_grid->setSelectionMode(QAbstractItemView::NoSelection);
    m_rename = actionButton("renameButton");
    m_move = actionButton("moveButton");
    m_cover = actionButton("coverButton");
    m_printSelect = actionButton("printSelectButton", true);
    m_share = actionButton("shareButton");
    m_extend = actionButton("extendButton");
    layOut();
    connect(m_albums, &QListWidget::currentRowChanged, this, &AlbumsPage::showAlbum);
    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlbumsPage::updateButtons);
    connect(m_grid, &QListView::clicked, this, &AlbumsPage::photoTapped);
    connect(m_signOut, &QPushButton::clicked, this, &AlbumsPage::signOutRequested);
    connect(m_phone, &QPushButton::clicked, this, &AlbumsPage::phoneRequested);
    connect(m_noticeBanner, &QPushButton::clicked, this, &AlbumsPage::noticesRequested);
    connect(m_rename, &QPushButton::clicked, this, &AlbumsPage::rename);
    connect(m_move, &QPushButton::clicked, this, &AlbumsPage::movePhotos);
    connect(m_cover, &QPushButton::clicked, this, &AlbumsPage::chooseCover);
    connect(m_printSelect, &QPushButton::toggled, this, &AlbumsPage::togglePrintSelection);
    connect(m_share, &QPushButton::clicked, this, &AlbumsPage::share);
    connect(m_extend, &QPushButton::clicked, this, [this] {
        m_status->clear();
        Q_EMIT noticesRequested();
    });
    retranslate();
    updateButtons();
}

// The greeting, the phone's hand-in and Sign out on top, a notice's banner below; the
// albums on the left; the album's photos, the actions and the status on the right.
void AlbumsPage::layOut()
{
    auto *top = new QHBoxLayout;
    top->addWidget(m_greeting, 1);
    top->addWidget(m_phone);
    top->addWidget(m_signOut);
    auto *actions = new QGridLayout;
    int slot = 0;
    for (QPushButton *button : { m_rename, m_move, m_cover, m_printSelect, m_share, m_extend }) {
        actions->addWidget(button, slot / 3, slot % 3);
        ++slot;
    }
    m_albumView = new QWidget;
    auto *albumLayout = new QVBoxLayout(m_albumView);
    albumLayout->setContentsMargins(0, 0, 0, 0);
    albumLayout->addWidget(m_albumInfo);
    albumLayout->addWidget(m_grid, 1);
    albumLayout->addLayout(actions);
    m_content = new QStackedWidget;
    m_content->addWidget(m_albumView);
    m_content->addWidget(m_firstVisit);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_content, 1);
    rightLayout->addWidget(m_status);
    auto *splitter = new QSplitter;
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(12);
    splitter->addWidget(m_albums);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 360, 920 });   // room for "Expires on 20 December 2026"; four tiles a row
    m_albums->setMinimumWidth(220);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_noticeBanner);
    layout->addWidget(splitter, 1);
}

void AlbumsPage::setAskers(TextAsker text, ChoiceAsker choice)
{
    m_askText = std::move(text);
    m_askChoice = std::move(choice);
}

void AlbumsPage::load()
{
    m_loaded = false;
    m_backend.loadAlbums([this](const CustomerData &data) { applyData(data); });
}

void AlbumsPage::clear()
{
    m_printSelect->setChecked(false);
    m_data = {};
    m_loaded = false;
    m_wantedAlbum = 0;
    m_shownAlbum = 0;
    m_albums->clear();
    m_model->setPhotos({});
    m_greeting->clear();
    m_albumInfo->clear();
    m_status->clear();
    m_content->setCurrentWidget(m_albumView);
    m_albums->show();
    setUnreadNotices({});
}

void AlbumsPage::setUnreadNotices(const QList<Notice> &unread)
{
    m_unread = unread;
    showNoticeBanner();
}

bool AlbumsPage::isShowingNoticeBanner() const
{
    return m_noticeBanner->isVisibleTo(this);
}

// The newest unread notice in a line, in the kiosk's language; a tap opens the notices.
void AlbumsPage::showNoticeBanner()
{
    m_noticeBanner->setVisible(!m_unread.isEmpty());
    if (m_unread.isEmpty())
        return;
    const Notice &newest = m_unread.first();
    const NoticeCard card = NoticeCards::card(newest, m_backend.today());
    const QString what = newest.albumTitle.isEmpty() ? card.what : tr("%1: %2").arg(card.what, newest.albumTitle);
    m_noticeBanner->setText(m_unread.size() == 1
        ? tr("New notice — %1. Tap to read it.").arg(what)
        : tr("%n unread notice(s), the newest: %1. Tap to read them.", nullptr, int(m_unread.size())).arg(what));
}

void AlbumsPage::applyData(const CustomerData &data)
{
    const qint64 keep = m_wantedAlbum ? m_wantedAlbum : currentAlbumId();
    m_data = data;
    m_greeting->setText(tr("Hello, %1").arg(data.customer.name));
    const QSignalBlocker blocker(m_albums);
    m_albums->clear();
    int row = 0;
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int i = 0; i < data.albums.size(); ++i) {
        const AlbumSummary &album = data.albums[i];
        const QString line = albumLine(album);
        auto *item = new QListWidgetItem(line, m_albums);
        item->setData(Qt::UserRole, album.id);
        item->setToolTip(line);
        if (expiresSoon(album))
            item->setIcon(warning);
        item->setSizeHint(QSize(0, albumLineHeight(line)));
        if (album.id == keep)
            row = i;
    }
    const bool firstVisit = data.albums.isEmpty() && data.error.isEmpty();
    m_content->setCurrentWidget(firstVisit ? m_firstVisit : m_albumView);
    m_albums->setVisible(!firstVisit);   // no empty list beside the prompt
    m_albums->setCurrentRow(data.albums.isEmpty() ? -1 : row);
    m_loaded = true;
    m_wantedAlbum = 0;
    if (!data.error.isEmpty())
        m_status->setText(data.error);
    showAlbum();
    Q_EMIT loaded();
}

// The title; for a shared album its owner; the photos; a warning when it expires soon.
QString AlbumsPage::albumLine(const AlbumSummary &album) const
{
    QStringList lines { album.title };
    if (album.ownerId != m_data.customer.id)
        lines.append(tr("Shared by %1").arg(album.ownerName));
    lines.append(tr("%n photo(s)", nullptr, album.photos));
    if (expiresSoon(album))
        lines.append(tr("Expires on %1").arg(dateInWords(album.expires)));
    return lines.join(QLatin1Char('\n'));
}

// The height of an album's lines wrapped in the list (beside the warning icon).
int AlbumsPage::albumLineHeight(const QString &line) const
{
    const int width = qMax(200, m_albums->viewport()->width() - 72);
    return m_albums->fontMetrics().boundingRect(QRect(0, 0, width, 4000), Qt::TextWordWrap, line).height() + 28;
}

bool AlbumsPage::expiresSoon(const AlbumSummary &album) const
{
    if (album.state == AlbumState::Expiring || album.state == AlbumState::Expired)
        return true;
    return album.expires.isValid() && m_backend.today().daysTo(album.expires) <= ExpiryWarningDays;
}

bool AlbumsPage::isShowingFirstVisit() const
{
    return m_content->currentWidget() == m_firstVisit;
}

qint64 AlbumsPage::currentAlbumId() const
{
    const QListWidgetItem *item = m_albums->currentItem();
    return item ? item->data(Qt::UserRole).toLongLong() : 0;
}

void AlbumsPage::selectAlbum(qint64 albumId)
{
    for (int row = 0; row < m_albums->count(); ++row) {
        if (m_albums->item(row)->data(Qt::UserRole).toLongLong() == albumId)
            m_albums->setCurrentRow(row);
    }
}

void AlbumsPage::showAlbum()
{
    m_printSelect->setChecked(false);
    const qint64 albumId = currentAlbumId();
    if (albumId != m_shownAlbum) {
        m_status->clear();   // what was said about another album is said no more
        if (albumId != 0)
            countView(albumId);   // opened: the customer's view counts (once, not on every reload)
    }
    m_shownAlbum = albumId;
    QList<PhotoRecord> photos;
    for (const PhotoRecord &photo : std::as_const(m_data.photos)) {
        if (photo.albumId == albumId)
            photos.append(photo);
    }
    m_model->setPhotos(photos);
    if (const AlbumSummary *album = currentAlbum())
        m_model->setCover(album->cover);
    describeAlbum();
    updateButtons();
}

// The shown album's title, until when it is kept and whose it is.
void AlbumsPage::describeAlbum()
{
    m_albumInfo->clear();
    if (const AlbumSummary *album = currentAlbum()) {
        const QString until = dateInWords(album->expires);
        // Only the owner gets an album back on disc; someone it is shared with just stops seeing it.
        m_albumInfo->setText(ownsCurrentAlbum()
            ? tr("%1 — kept until %2. After that it comes back to you on disc.").arg(album->title, until)
            : tr("%1 — shared with you by %2, to view only. You can see it until %3 or until it is recorded "
                 "on disc.").arg(album->title, album->ownerName, until));
        m_albumInfo->setProperty("role", expiresSoon(*album) ? QStringLiteral("expiry") : QString());
        m_albumInfo->style()->unpolish(m_albumInfo);
        m_albumInfo->style()->polish(m_albumInfo);
    }
}

void AlbumsPage::countView(qint64 albumId)
{
    m_backend.recordView(albumId, [this, albumId](const Result<ViewOutcome> &view) {
        if (view)
            viewCounted(albumId, *view);
        else   // the album's photos are shown all the same
            qCInfo(lcKiosk) << "The view of album" << albumId << "was not recorded:" << view.error().message();
    });
}

// A view that moved the album's date: the list and the album's line say the new one.
void AlbumsPage::viewCounted(qint64 albumId, const ViewOutcome &view)
{
    const auto album = std::find_if(m_data.albums.begin(), m_data.albums.end(),
                                    [albumId](const AlbumSummary &a) { return a.id == albumId; });
    if (view.moved && album != m_data.albums.end()) {
        album->expires = view.expires;
        album->state = albumStateFromName(view.state).value_or(album->state);
        for (int row = 0; row < m_albums->count(); ++row) {
            QListWidgetItem *item = m_albums->item(row);
            if (item->data(Qt::UserRole).toLongLong() != albumId)
                continue;
            item->setText(albumLine(*album));
            item->setToolTip(item->text());
            item->setIcon(expiresSoon(*album) ? style()->standardIcon(QStyle::SP_MessageBoxWarning) : QIcon());
            item->setSizeHint(QSize(0, albumLineHeight(item->text())));
        }
        if (albumId == currentAlbumId())
            describeAlbum();
    }
    Q_EMIT viewRecorded(albumId, view.moved);
}

const AlbumSummary *AlbumsPage::currentAlbum() const
{
    const qint64 albumId = currentAlbumId();
    for (const AlbumSummary &album : m_data.albums) {
        if (album.id == albumId && albumId != 0)
            return &album;
    }
    return nullptr;
}

bool AlbumsPage::ownsCurrentAlbum() const
{
    const AlbumSummary *album = currentAlbum();
    return album && album->ownerId == m_data.customer.id;
}

void AlbumsPage::updateButtons()
{
    const bool album = currentAlbum() != nullptr;
    const bool own = ownsCurrentAlbum();
    const int selected = int(m_grid->selectionModel()->selectedIndexes().size());
    const auto ownAlbums = std::count_if(m_data.albums.cbegin(), m_data.albums.cend(), [this](const AlbumSummary &a) {
        return a.ownerId == m_data.customer.id;
    });
    // A shared album is its owner's to change: the owner's actions are not shown for it.
    for (QPushButton *button : { m_rename, m_move, m_cover, m_printSelect, m_share })
        button->setVisible(own || !album);
    m_rename->setEnabled(own);
    m_move->setEnabled(own && selected > 0 && ownAlbums > 1);
    m_cover->setEnabled(own && selected == 1);
    m_printSelect->setEnabled(own);
    m_share->setEnabled(own);
    m_extend->setEnabled(album);
}

QList<qint64> AlbumsPage::selectedPhotos() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_grid->selectionModel()->selectedIndexes())
        ids.append(index.data(PhotoGridModel::PhotoIdRole).toLongLong());
    return ids;
}

QSet<qint64> AlbumsPage::selectedPhotoIds() const
{
    const QList<qint64> ids = selectedPhotos();
    return QSet<qint64>(ids.begin(), ids.end());
}

void AlbumsPage::setPhotoSelected(qint64 photoId, bool selected)
{
    const int row = m_model->rowOf(photoId);
    if (row >= 0)
        m_grid->selectionModel()->select(m_model->index(row),
                                         selected ? QItemSelectionModel::Select : QItemSelectionModel::Deselect);
}

// Choosing for the index print, a tap on the photo ticks it (or unticks it); else it opens large.
void AlbumsPage::photoTapped(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    if (m_model->flags(index) & Qt::ItemIsUserCheckable) {
        const bool checked = index.data(Qt::CheckStateRole).value<Qt::CheckState>() == Qt::Checked;
        m_model->setData(index, checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
        return;
    }
    Q_EMIT photoOpened(index.row());
}

void AlbumsPage::report(const Status &status, const QString &done)
{
    m_status->setText(status ? done : status.error().message());
    if (status) {
        m_wantedAlbum = currentAlbumId();
        load();
        Q_EMIT changed(done);
    }
}

void AlbumsPage::rename()
{
    const qint64 albumId = currentAlbumId();
    if (!ownsCurrentAlbum() || !m_askText)
        return;
    m_status->clear();
    m_askText(tr("A new name for the album"), m_albums->currentItem()->text().section(QLatin1Char('\n'), 0, 0),
              [this, albumId](const QString &title) {
                  m_backend.rename(albumId, title, [this, title](const Status &status) {
                      report(status, tr("The album is now called \"%1\".").arg(title));
                  });
              },
              TouchKeyboard::FieldKind::Text);
}

void AlbumsPage::movePhotos()
{
    const QList<qint64> photos = selectedPhotos();
    const qint64 from = currentAlbumId();
    if (photos.isEmpty() || !ownsCurrentAlbum() || !m_askChoice)
        return;
    m_status->clear();
    QList<QPair<qint64, QString>> targets;
    for (const AlbumSummary &album : std::as_const(m_data.albums)) {
        if (album.id != from && album.ownerId == m_data.customer.id)
            targets.append({ album.id, album.title });
    }
    m_askChoice(tr("Move %n photo(s) into which album?", nullptr, int(photos.size())), targets,
                [this, photos](qint64 target) {
                    m_backend.movePhotos(photos, target, [this, moved = int(photos.size())](const Status &status) {
                        report(status, tr("%n photo(s) moved.", nullptr, moved));
                    });
                });
}

void AlbumsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void AlbumsPage::retranslate()
{
    m_signOut->setText(tr("Sign out"));
    m_phone->setText(tr("Hand in from your phone"));
    m_rename->setText(tr("Rename"));
    m_move->setText(tr("Move to album"));
    m_cover->setText(tr("Make cover"));
    m_printSelect->setText(tr("Choose for index print"));
    m_share->setText(tr("Share"));
    m_extend->setText(tr("Notices"));
    m_firstVisit->setText(tr("You have no photos here yet.\n\nInsert your memory card or USB stick into the "
                             "kiosk now: its photos become your first album.\nOr hand them in at the counter."));
    showNoticeBanner();
}

} // namespace Keepsake
