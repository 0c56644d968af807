// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "TouchKeyboard.h"
#include "common/CustomerLoader.h"
#include "notify/Notice.h"
#include "retention/AlbumViews.h"

#include <QSet>
#include <QWidget>

#include <functional>

class QLabel;
class QListView;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace Keepsake {

class KioskBackend;
class MessageLabel;
class PhotoGridModel;

// The signed-in customer's albums: a list of albums and the chosen album's photos as
// a thumbnail grid, with what a customer does with them: rename, move photos, choose
// the cover, pick photos for the index print, share, read notices and extend, hand
// in from their phone. A banner tells of unread notices, new ones as they come.
// Albums shared with the customer are listed with their owner's name, to view only:
// none of the owner's actions is offered for them (core would refuse them). Everything
// goes through the kiosk's backend: the lab on this machine, or a device.
class AlbumsPage : public QWidget
{
    Q_OBJECT

public:
    explicit AlbumsPage(KioskBackend &backend, QWidget *parent = nullptr);

    // The signed-in customer's albums, read (again) from the backend.
    void load();
    void clear();
    bool isLoaded() const { return m_loaded; }
    qint64 currentAlbumId() const;
    void selectAlbum(qint64 albumId);
    PhotoGridModel *grid() const { return m_model; }
    const CustomerData &data() const { return m_data; }
    // The shown album is the customer's own (not one shared with them).
    bool ownsCurrentAlbum() const;
    QSet<qint64> selectedPhotoIds() const;
    void setPhotoSelected(qint64 photoId, bool selected);
    // The customer's unread notices, newest first: the banner names the newest (none: no banner).
    void setUnreadNotices(const QList<Notice> &unread);
    bool isShowingNoticeBanner() const;
    // No album yet: the page says to insert a card or hand in at the counter.
    bool isShowingFirstVisit() const;
    // An album's expiry is flagged this many days ahead (and whenever the lab marked it expiring).
    static constexpr int ExpiryWarningDays = 14;
    static constexpr int KioskIconEdge = 200;   // a photo's tile

    using TextAsker = std::function<void(const QString &, const QString &, std::function<void(const QString &)>,
                                         TouchKeyboard::FieldKind)>;
    using ChoiceAsker = std::function<void(const QString &, const QList<QPair<qint64, QString>> &,
                                           std::function<void(qint64)>)>;
    void setAskers(TextAsker text, ChoiceAsker choice);

Q_SIGNALS:
    void signOutRequested();
    void noticesRequested();
    void phoneRequested();
    void photoOpened(int row);
    void loaded();
    void changed(const QString &message);
    // The customer's view of the album shown was recorded (AlbumViews); moved: its date moved.
    void viewRecorded(qint64 albumId, bool moved);

protected:
    void changeEvent(QEvent *event) override;

private:
    void layOut();
    void retranslate();
    void applyData(const CustomerData &data);
    void showAlbum();
    void describeAlbum();
    void countView(qint64 albumId);
    void viewCounted(qint64 albumId, const ViewOutcome &view);
    void updateButtons();
    // The album shown, or none; whether it is the signed-in customer's own.
    const AlbumSummary *currentAlbum() const;
    QString albumLine(const AlbumSummary &album) const;
    bool expiresSoon(const AlbumSummary &album) const;
    int albumLineHeight(const QString &line) const;
    void photoTapped(const QModelIndex &index);
    QList<qint64> selectedPhotos() const;
    void report(const Status &status, const QString &done);
    void rename();
    void movePhotos();
    void chooseCover();
    void togglePrintSelection(bool on);
    void share();
    void selectionRead(qint64 albumId, const Result<QList<qint64>> &selection);
    void saveSelection(qint64 albumId);
    void setTicking(bool on);
    void showNoticeBanner();

    KioskBackend &m_backend;
    CustomerData m_data;
    bool m_loaded = false;
    qint64 m_wantedAlbum = 0;
    qint64 m_shownAlbum = 0;
    qint64 m_selectionAlbum = 0;   // whose print selection is being ticked
    TextAsker m_askText;
    ChoiceAsker m_askChoice;
    QLabel *m_greeting = nullptr;
    QLabel *m_albumInfo = nullptr;
    MessageLabel *m_status = nullptr;
    QStackedWidget *m_content = nullptr;   // the album, or the first visit's prompt
    QWidget *m_albumView = nullptr;
    QLabel *m_firstVisit = nullptr;
    QListWidget *m_albums = nullptr;
    QListView *m_grid = nullptr;
    PhotoGridModel *m_model = nullptr;
    QPushButton *m_signOut = nullptr;
    QPushButton *m_phone = nullptr;
    QPushButton *m_noticeBanner = nullptr;
    QList<Notice> m_unread;
    QPushButton *m_rename = nullptr;
    QPushButton *m_move = nullptr;
    QPushButton *m_cover = nullptr;
    QPushButton *m_printSelect = nullptr;
    QPushButton *m_share = nullptr;
    QPushButton *m_extend = nullptr;
};

} // namespace Keepsake
