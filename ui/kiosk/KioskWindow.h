// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "catalog/Customers.h"
#include "ingest/IngestTypes.h"
#include "usb/UsbCameraWatcher.h"
#include "notify/Notice.h"

#include <QMainWindow>
#include <QStringList>

#include <memory>
#include <optional>

class QStackedWidget;

namespace Keepsake {

class AlbumsPage;
class CardWatcher;
class EntryPage;
class IdleGuard;
class ImportPage;
class JobRunner;
class KioskBackend;
class Lab;
class NoticesPage;
class NoticeWatch;
class PhonePage;
class PhotoViewPage;
class RegisterPage;
class SignInPage;
class Translations;
class WelcomePage;
struct HandinReceivers;
struct KioskSignIn;

struct KioskOptions
{
    QStringList mountRoots;          // empty: CardWatcher::defaultRoots()
    int idleMilliseconds = 120 * 1000;
    int cardSettleMilliseconds = 1000;
    // This kiosk's name, for its sign-in lockout and the audit trail; empty: "kiosk@HOST".
    QString terminalName;
    // Cameras and phones on USB: how they are found (empty: the USB bus, through
    // libgphoto2) and how often the kiosk looks, off its window's thread.
    UsbCameraWatcher::Detector usbDetector;
    int usbLookMilliseconds = 2000;
    // How often a signed-in customer's notices are asked for, and a phone's upload while it shows.
    int noticePollMilliseconds = 5000;
    int phonePollMilliseconds = 1500;
    // The CUPS queue of the receipt printer beside this kiosk; empty: none, a hand-in's
    // receipt is shown on the screen only.
    QString receiptPrinter;
};

// The customers' touchscreen: welcome with the language choice, sign-in with code
// and PIN on an on-screen pad, registration, the customer's albums, a card handed in
// as soon as it is inserted, photos handed in from a phone through a QR code, and
// notices that arrive while the customer is signed in. A session ends after a while
// without touch (not while photos come from their phone).
// The kiosk works on the lab of this machine, or as the client of a device (its
// backend says which; the pages do not know).
class KioskWindow : public QMainWindow
{
    Q_OBJECT

public:
    // The kiosk on the machine that holds the lab.
    KioskWindow(const Lab &lab, Translations &translations, const KioskOptions &options,
                QWidget *parent = nullptr);
    // The kiosk on whatever backend it is given: a device's client (RemoteKioskBackend).
    KioskWindow(std::unique_ptr<KioskBackend> backend, Translations &translations, const KioskOptions &options,
                QWidget *parent = nullptr);
    ~KioskWindow() override;

    qint64 customerId() const;
    KioskBackend *backend() const { return m_backend.get(); }
    QWidget *currentPage() const;
    AlbumsPage *albumsPage() const { return m_albums; }
    ImportPage *importPage() const { return m_import; }
    NoticesPage *noticesPage() const { return m_notices; }
    PhotoViewPage *photoViewPage() const { return m_viewer; }
    PhonePage *phonePage() const { return m_phone; }
    NoticeWatch *noticeWatch() const { return m_noticeWatch; }
    QString language() const;
    CardWatcher *cardWatcher() const { return m_cards; }
    UsbCameraWatcher *usbWatcher() const { return m_usb; }
    IdleGuard *idleGuard() const { return m_idle; }
    bool isImporting() const;
    // The kiosk's receipt printer (KioskOptions::receiptPrinter), from the next hand-in on.
    void setReceiptPrinter(const QString &queue) { m_receiptPrinter = queue.trimmed(); }

Q_SIGNALS:
    void signedIn(qint64 customerId);
    void signedOut();
    void importFinished(const Keepsake::IngestSummary &summary);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildPages();
    void connectPages();
    void connectPhoneAndNotices();
    void setLanguage(const QString &language);
    void signIn(const QString &code, const QString &pin);
    void signInAnswered(const Result<KioskSignIn> &answer);
    void signedInAs(const Customer &customer);
    void signOut();
    void registerCustomer(const QString &name, const QString &contact, const QString &pin);
    void registered(const Result<Customer> &customer);
    void printSlip(const QString &name, const QString &code);
    void showNotices();
    void noticesUpdated(const QList<Notice> &notices, bool arrived);
    void showPhone();
    void openPhoto(int row);
    void editCaption(qint64 photoId, const QString &caption);
    void captionSaved(qint64 photoId, const QString &caption, const Status &saved);
    void printReceipt(qint64 handinId);
    void cardInserted(const QString &path);
    void cardRemoved(const QString &path);
    void startImport(const QString &path);
    void cameraAttached(const UsbCamera &camera);
    void cameraDetached(const UsbCamera &camera);
    void startCameraImport(const UsbCamera &camera);
    void startPending();
    HandinReceivers importReceivers();
    void importDone(const Result<IngestSummary> &result);
    void showPage(QWidget *page);
    void retranslate();

    std::unique_ptr<KioskBackend> m_backend;   // destroyed first: no answer reaches the pages after
    Translations &m_translations;
    QStackedWidget *m_pages = nullptr;
    WelcomePage *m_welcome = nullptr;
    SignInPage *m_signIn = nullptr;
    RegisterPage *m_register = nullptr;
    AlbumsPage *m_albums = nullptr;
    ImportPage *m_import = nullptr;
    EntryPage *m_entry = nullptr;
    NoticesPage *m_notices = nullptr;
    PhotoViewPage *m_viewer = nullptr;
    PhonePage *m_phone = nullptr;
    NoticeWatch *m_noticeWatch = nullptr;
    QWidget *m_entryReturn = nullptr;
    CardWatcher *m_cards = nullptr;
    UsbCameraWatcher *m_usb = nullptr;
    IdleGuard *m_idle = nullptr;
    JobRunner *m_ingest = nullptr;     // the hand-in of a card
    QString m_pendingCard;
    std::optional<UsbCamera> m_pendingCamera;
    QString m_languageBeforeSignIn;   // restored at sign-out when the customer's own was applied
    QString m_receiptPrinter;
};

} // namespace Keepsake
