// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KioskWindow.h"

#include "AlbumsPage.h"
#include "CardWatcher.h"
#include "EntryPage.h"
#include "IdleGuard.h"
#include "ImportPage.h"
#include "KioskBackend.h"
#include "KioskLog.h"
#include "KioskStyle.h"
#include "LocalKioskBackend.h"
#include "NoticeWatch.h"
#include "NoticesPage.h"
#include "PhonePage.h"
#include "PhotoViewPage.h"
#include "ReceiptPanel.h"
#include "RegisterPage.h"
#include "RegistrationSlip.h"
#include "SignInPage.h"
#include "WelcomePage.h"
#include "common/PhotoGridModel.h"
#include "base/JobRunner.h"
#include "base/Translations.h"
#include "common/PrintPreview.h"

#include <QEvent>
#include <QFileInfo>
#include <QLocale>
#include <QStackedWidget>
#include <QSysInfo>

namespace Keepsake {

namespace {

const QString KioskActor = QStringLiteral("kiosk");

QString terminalName(const KioskOptions &options)
{
    if (!options.terminalName.trimmed().isEmpty())
        return options.terminalName.trimmed();
    const QString host = QSysInfo::machineHostName();
    return host.isEmpty() ? KioskActor : KioskActor + QLatin1Char('@') + host;
}

} // namespace

KioskWindow::KioskWindow(const Lab &lab, Translations &translations, const KioskOptions &options, QWidget *parent)
    : KioskWindow(std::make_unique<LocalKioskBackend>(lab, terminalName(options)), translations, options, parent)
{
}

KioskWindow::KioskWindow(std::unique_ptr<KioskBackend> backend, Translations &translations,
                         const KioskOptions &options, QWidget *parent)
    : QMainWindow(parent), m_backend(std::move(backend)), m_translations(translations)
{
    setObjectName(QStringLiteral("kioskWindow"));
    setStyleSheet(kioskStyleSheet());
    m_cards = new CardWatcher(this);
    m_cards->setSettleInterval(options.cardSettleMilliseconds);
    m_usb = new UsbCameraWatcher(this);
    m_usb->setInterval(options.usbLookMilliseconds);
    if (options.usbDetector)
        m_usb->setDetector(options.usbDetector);
    m_idle = new IdleGuard(this);
    m_idle->setInterval(options.idleMilliseconds);
    m_ingest = new JobRunner(this);
    m_ingest->setObjectName(QStringLiteral("kioskIngest"));
    m_noticeWatch = new NoticeWatch(*m_backend, this);
    m_noticeWatch->setInterval(options.noticePollMilliseconds);
    buildPages();
    m_phone->setPollInterval(options.phonePollMilliseconds);
    setReceiptPrinter(options.receiptPrinter);
    connectPages();
    connectPhoneAndNotices();
    m_cards->setRoots(options.mountRoots.isEmpty() ? CardWatcher::defaultRoots() : options.mountRoots);
    m_usb->start();
    // The product's name until the lab's arrives (from a device, a moment later), or when it cannot.
    m_welcome->setLabName(QStringLiteral("Keepsake"));
    m_backend->labName([this](const Result<QString> &name) {
        if (name && !name->isEmpty())
            m_welcome->setLabName(*name);
        else if (!name)
            qCWarning(lcKiosk) << "The lab's name cannot be read:" << name.error().message();
    });
    m_welcome->setActiveLanguage(m_translations.language());
    retranslate();
    showPage(m_welcome);
}

KioskWindow::~KioskWindow()
{
    m_ingest->cancel();
}

qint64 KioskWindow::customerId() const
{
    return m_backend->customerId();
}

void KioskWindow::buildPages()
{
    m_pages = new QStackedWidget;
    m_pages->setObjectName(QStringLiteral("kioskPages"));
    m_welcome = new WelcomePage;
    m_signIn = new SignInPage;
    m_register = new RegisterPage;
    m_albums = new AlbumsPage(*m_backend);
    m_import = new ImportPage;
    m_entry = new EntryPage;
    m_notices = new NoticesPage;
    m_viewer = new PhotoViewPage(m_backend->thumbnails());
    m_phone = new PhonePage(*m_backend);
    for (QWidget *page : std::initializer_list<QWidget *> { m_welcome, m_signIn, m_register, m_albums, m_import,
                                                            m_entry, m_notices, m_viewer, m_phone })
        m_pages->addWidget(page);
    setCentralWidget(m_pages);
    m_albums->setAskers(
        [this](const QString &prompt, const QString &initial, std::function<void(const QString &)> answer,
               TouchKeyboard::FieldKind kind) {
            m_entryReturn = m_albums;
            m_entry->askText(prompt, initial, std::move(answer), kind);
            showPage(m_entry);
        },
        [this](const QString &prompt, const QList<QPair<qint64, QString>> &choices, std::function<void(qint64)> answer) {
            m_entryReturn = m_albums;
            m_entry->askChoice(prompt, choices, std::move(answer));
            showPage(m_entry);
        });
}

void KioskWindow::connectPages()
{
    connect(m_welcome, &WelcomePage::languageChosen, this, &KioskWindow::setLanguage);
    connect(m_welcome, &WelcomePage::signInRequested, this, [this] {
        m_signIn->reset();
        showPage(m_signIn);
    });
    connect(m_welcome, &WelcomePage::registerRequested, this, [this] {
        m_register->reset();
        showPage(m_register);
    });
    connect(m_signIn, &SignInPage::backRequested, this, [this] { showPage(m_welcome); });
    connect(m_signIn, &SignInPage::signInRequested, this, &KioskWindow::signIn);
    connect(m_register, &RegisterPage::backRequested, this, [this] { showPage(m_welcome); });
    connect(m_register, &RegisterPage::registerRequested, this, [this](const RegisterPage::Form &form) {
        registerCustomer(form.name, form.contact, form.pin);
    });
    connect(m_signIn, &SignInPage::printRequested, this, &KioskWindow::printSlip);
    connect(m_albums, &AlbumsPage::signOutRequested, this, &KioskWindow::signOut);
    connect(m_albums, &AlbumsPage::noticesRequested, this, &KioskWindow::showNotices);
    connect(m_albums, &AlbumsPage::photoOpened, this, &KioskWindow::openPhoto);
    connect(m_notices, &NoticesPage::closed, this, [this] { showPage(m_albums); });
    connect(m_notices, &NoticesPage::opened, this, [this](qint64 noticeId) {
        m_backend->markRead(noticeId, [](const Status &read) {
            if (!read)
                qCWarning(lcKiosk) << "A notice cannot be marked read:" << read.error().message();
        });
    });
    connect(m_viewer, &PhotoViewPage::closed, this, [this] { showPage(m_albums); });
    connect(m_viewer, &PhotoViewPage::selectionChanged, m_albums, &AlbumsPage::setPhotoSelected);
    connect(m_viewer, &PhotoViewPage::captionRequested, this, &KioskWindow::editCaption);
    connect(m_import->receipt(), &ReceiptPanel::printRequested, this, &KioskWindow::printReceipt);
    connect(m_entry, &EntryPage::closed, this, [this] { showPage(m_entryReturn ? m_entryReturn : m_albums); });
    connect(m_import, &ImportPage::cancelRequested, m_ingest, &JobRunner::cancel);
    connect(m_import, &ImportPage::doneRequested, this, [this] {
        m_albums->load();
        showPage(m_albums);
    });
    connect(m_cards, &CardWatcher::cardInserted, this, &KioskWindow::cardInserted);
    connect(m_cards, &CardWatcher::cardRemoved, this, &KioskWindow::cardRemoved);
    connect(m_usb, &UsbCameraWatcher::cameraAttached, this, &KioskWindow::cameraAttached);
    connect(m_usb, &UsbCameraWatcher::cameraDetached, this, &KioskWindow::cameraDetached);
    connect(m_idle, &IdleGuard::idle, this, [this] {
        if (isImporting() || m_phone->isReceiving())
            m_idle->touch();   // a card still being read, photos still coming from the phone: wait for them
        else
            signOut();
    });
}

void KioskWindow::connectPhoneAndNotices()
{
    connect(m_albums, &AlbumsPage::phoneRequested, this, &KioskWindow::showPhone);
    connect(m_phone, &PhonePage::closed, this, [this] { showPage(m_albums); });
    connect(m_phone, &PhonePage::activity, m_idle, &IdleGuard::touch);
    connect(m_phone, &PhonePage::handedIn, this, [this] {
        m_albums->load();   // the new photos are in the list when the customer goes back
        m_idle->touch();
    });
    connect(m_noticeWatch, &NoticeWatch::updated, this, &KioskWindow::noticesUpdated);
}

QWidget *KioskWindow::currentPage() const
{
    return m_pages->currentWidget();
}

bool KioskWindow::isImporting() const
{
    return m_ingest->isRunning();
}

void KioskWindow::showPage(QWidget *page)
{
    m_pages->setCurrentWidget(page);
}

void KioskWindow::setLanguage(const QString &language)
{
    m_translations.install(language);
    QLocale::setDefault(QLocale(language));
    m_welcome->setActiveLanguage(m_translations.language());
}

QString KioskWindow::language() const
{
    return m_translations.language();
}

void KioskWindow::signIn(const QString &code, const QString &pin)
{
    const QString before = m_signIn->message();
    m_signIn->setMessage(tr("Checking…"));
    if (!m_backend->signIn(code, pin, [this](const Result<KioskSignIn> &answer) { signInAnswered(answer); }))
        m_signIn->setMessage(before);   // the earlier attempt is still being checked
}

void KioskWindow::signInAnswered(const Result<KioskSignIn> &answer)
{
    // Core words the answer: the same for an unknown code and a wrong PIN.
    if (!answer)
        m_signIn->setMessage(answer.error().message());
    else if (answer->accepted)
        signedInAs(answer->customer);
    else
        m_signIn->setMessage(answer->message);
}

void KioskWindow::signedInAs(const Customer &customer)
{
    // The customer's own language for their session; the kiosk's comes back at sign-out.
    if (Translations::available().contains(customer.language) && customer.language != m_translations.language()) {
        m_languageBeforeSignIn = m_translations.language();
        setLanguage(customer.language);
    }
    m_idle->arm();
    m_albums->clear();
    m_albums->load();
    m_noticeWatch->start();
    showPage(m_albums);
    Q_EMIT signedIn(customer.id);
    startPending();
}

// What was inserted or plugged in before the customer signed in.
void KioskWindow::startPending()
{
    if (!m_pendingCard.isEmpty())
        startImport(std::exchange(m_pendingCard, {}));
    else if (m_pendingCamera)
        startCameraImport(*std::exchange(m_pendingCamera, std::nullopt));
    m_welcome->setCameraNoticed(false);
}

void KioskWindow::signOut()
{
    m_ingest->cancel();
    m_idle->disarm();
    m_noticeWatch->stop();
    m_phone->reset();
    m_backend->signOut();
    m_albums->clear();
    m_signIn->reset();
    m_register->reset();
    m_welcome->setCardNoticed(!m_pendingCard.isEmpty());
    m_welcome->setCameraNoticed(m_pendingCamera.has_value());
    if (!m_languageBeforeSignIn.isEmpty())
        setLanguage(std::exchange(m_languageBeforeSignIn, {}));
    showPage(m_welcome);
    Q_EMIT signedOut();
}

void KioskWindow::registerCustomer(const QString &name, const QString &contact, const QString &pin)
{
    const KioskSignUp form { name, contact, pin, m_translations.language() };
    m_backend->registerCustomer(form, [this](const Result<Customer> &customer) { registered(customer); });
}

void KioskWindow::registered(const Result<Customer> &customer)
{
    if (!customer) {
        m_register->setMessage(customer.error().message());
        return;
    }
    // The code as a success, large and printable, and already filled in: the PIN is next.
    showPage(m_signIn);
    m_signIn->welcomeNewCustomer(customer->name, customer->code);
}

void KioskWindow::printSlip(const QString &name, const QString &code)
{
    m_idle->touch();
    // Without the kiosk as parent: the preview keeps the desktop's look, its toolbar (with
    // Print) fits; the kiosk's large type would push Print into the toolbar's overflow.
    PrintPreview::show(nullptr, RegistrationSlip::document(m_welcome->labName(), name, code));
}

void KioskWindow::showNotices()
{
    m_backend->notices([this](const Result<QList<Notice>> &notices) {
        if (notices)
            m_notices->showNotices(*notices, m_backend->today());
        else
            m_notices->showError(notices.error().message());
        showPage(m_notices);
    });
}

// A notice that arrived shows at once: on the albums page's banner, and among the
// notices if they are open (cards the customer opened stay open until one arrives).
void KioskWindow::noticesUpdated(const QList<Notice> &notices, bool arrived)
{
    m_albums->setUnreadNotices(m_noticeWatch->unread());
    if (arrived && currentPage() == m_notices)
        m_notices->showNotices(notices, m_backend->today());
}

void KioskWindow::showPhone()
{
    m_idle->touch();
    showPage(m_phone);
    m_phone->open();
}

void KioskWindow::openPhoto(int row)
{
    m_viewer->showPhotos(m_albums->grid()->photos(), row, m_albums->selectedPhotoIds(), m_albums->ownsCurrentAlbum());
    showPage(m_viewer);
}

// The caption on the touch keyboard; an empty field takes the caption away.
void KioskWindow::editCaption(qint64 photoId, const QString &caption)
{
    m_idle->touch();
    m_entryReturn = m_viewer;
    m_entry->askText(tr("A caption for this photo (it goes onto your disc and prints; leave it empty for none)"),
                     caption,
                     [this, photoId](const QString &text) {
                         m_backend->setCaption(photoId, text, [this, photoId, text](const Status &saved) {
                             captionSaved(photoId, text, saved);
                         });
                     },
                     TouchKeyboard::FieldKind::Text, true);
    showPage(m_entry);
}

void KioskWindow::captionSaved(qint64 photoId, const QString &caption, const Status &saved)
{
    if (!saved) {
        m_viewer->setMessage(saved.error().message());
        return;
    }
    m_viewer->setCaption(photoId, caption);
    m_albums->load();   // the album's photos carry the caption when the customer goes back
}

void KioskWindow::printReceipt(qint64 handinId)
{
    m_idle->touch();
    ReceiptPanel *receipt = m_import->receipt();
    receipt->setPrintStatus(tr("Printing your receipt…"), true);
    m_backend->printReceipt(handinId, m_receiptPrinter, [receipt, handinId](const Status &printed) {
        if (receipt->handinId() != handinId)
            return;   // another hand-in's receipt is shown by now
        receipt->setPrintStatus(printed ? tr("Your receipt is printed: take it from the printer.")
                                        : printed.error().message(), bool(printed));
    });
}

void KioskWindow::cardInserted(const QString &path)
{
    if (customerId() && !isImporting()) {
        startImport(path);
        return;
    }
    m_pendingCard = path;
    m_welcome->setCardNoticed(true);
}

void KioskWindow::cardRemoved(const QString &path)
{
    if (m_pendingCard == path) {
        m_pendingCard.clear();
        m_welcome->setCardNoticed(false);
    }
}

void KioskWindow::cameraAttached(const UsbCamera &camera)
{
    if (customerId() && !isImporting()) {
        startCameraImport(camera);
        return;
    }
    m_pendingCamera = camera;
    m_welcome->setCameraNoticed(true);
}

void KioskWindow::cameraDetached(const UsbCamera &camera)
{
    if (m_pendingCamera == camera) {
        m_pendingCamera.reset();
        m_welcome->setCameraNoticed(false);
    }
}

void KioskWindow::startCameraImport(const UsbCamera &camera)
{
    HandinReceivers to = importReceivers();
    to.copyProgress = [this](int done, int total, qint64 bytesDone, qint64 bytesTotal) {
        m_idle->touch();
        m_import->setCopyProgress(done, total, bytesDone, bytesTotal);
    };
    to.cameraReleased = [this](int copied, int notCopied) { m_import->setCameraReleased(copied, notCopied); };
    m_import->beginCamera(camera.model);
    showPage(m_import);
    m_backend->startUsbHandIn(*m_ingest, camera, to);
}

void KioskWindow::startImport(const QString &path)
{
    m_import->begin(QFileInfo(path).fileName());
    showPage(m_import);
    m_backend->startHandIn(*m_ingest, path, importReceivers());
}

HandinReceivers KioskWindow::importReceivers()
{
    HandinReceivers to;
    to.context = this;
    to.started = [this](int files, qint64 bytes) { m_import->setStarted(files, bytes); };
    to.decided = [this](const IngestRecord &record) { m_import->addRecord(record); };
    to.progress = [this](int done, int total, qint64 bytesDone, qint64 bytesTotal) {
        m_idle->touch();
        m_import->setProgress(done, total, bytesDone, bytesTotal);
    };
    to.cardReleased = [this](const IngestSummary &summary) {
        m_idle->touch();
        m_import->setCardReleased(summary);
    };
    to.thumbnailProgress = [this](int done, int total) { m_import->setThumbnailProgress(done, total); };
    to.done = [this](const Result<IngestSummary> &result) { importDone(result); };
    return to;
}

void KioskWindow::importDone(const Result<IngestSummary> &result)
{
    const IngestSummary summary = result ? *result : IngestSummary();
    m_idle->touch();
    m_import->finish(summary, result ? QString() : result.error().message());
    m_import->receipt()->setPrintable(!m_receiptPrinter.isEmpty());
    Q_EMIT importFinished(summary);
}

void KioskWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void KioskWindow::retranslate()
{
    setWindowTitle(tr("Keepsake — Photo kiosk"));
}

} // namespace Keepsake
