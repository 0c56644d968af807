// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KioskWindow.h"

#include "AlbumsPage.h"
#include "CardWatcher.h"
#include "EntryPage.h"
#include "IdleGuard.h"
#include "ImportPage.h"
#include "KioskStyle.h"
#include "RegisterPage.h"
#include "SignInPage.h"
#include "WelcomePage.h"
#include "base/Translations.h"
#include "base/Actor.h"
#include "base/JobRunner.h"
#include "catalog/Customers.h"
#include "catalog/KioskRegistrations.h"
#include "catalog/PinLockout.h"
#include "catalog/Settings.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"

#include <QEvent>
#include <QFileInfo>
#include <QLocale>
#include <QRandomGenerator>
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
    : QMainWindow(parent), m_lab(lab), m_translations(translations), m_terminal(terminalName(options))
{
    setObjectName(QStringLiteral("kioskWindow"));
    setStyleSheet(kioskStyleSheet());
    m_cards = new CardWatcher(this);
    m_cards->setSettleInterval(options.cardSettleMilliseconds);
    m_idle = new IdleGuard(this);
    m_idle->setInterval(options.idleMilliseconds);
    m_ingest = new JobRunner(this);
    m_ingest->setObjectName(QStringLiteral("kioskIngest"));
    m_pinCheck = new JobRunner(this);
    buildPages();
    connectPages();
    m_cards->setRoots(options.mountRoots.isEmpty() ? CardWatcher::defaultRoots() : options.mountRoots);
    m_welcome->setLabName(Settings(lab.catalog()).value(QStringLiteral("lab.name")).value());
    retranslate();
    showPage(m_welcome);
}

KioskWindow::~KioskWindow()
{
    m_ingest->cancel();
}

void KioskWindow::buildPages()
{
    m_pages = new QStackedWidget;
    m_pages->setObjectName(QStringLiteral("kioskPages"));
    m_welcome = new WelcomePage;
    m_signIn = new SignInPage;
    m_register = new RegisterPage;
    m_albums = new AlbumsPage(m_lab);
    m_import = new ImportPage;
    m_entry = new EntryPage;
    for (QWidget *page : { static_cast<QWidget *>(m_welcome), static_cast<QWidget *>(m_signIn),
                           static_cast<QWidget *>(m_register), static_cast<QWidget *>(m_albums),
                           static_cast<QWidget *>(m_import), static_cast<QWidget *>(m_entry) })
        m_pages->addWidget(page);
    setCentralWidget(m_pages);
    m_albums->setAskers(
        [this](const QString &prompt, const QString &initial, std::function<void(const QString &)> answer) {
            m_entryReturn = m_albums;
            m_entry->askText(prompt, initial, std::move(answer));
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
    connect(m_albums, &AlbumsPage::signOutRequested, this, &KioskWindow::signOut);
    connect(m_entry, &EntryPage::closed, this, [this] { showPage(m_entryReturn ? m_entryReturn : m_albums); });
    connect(m_import, &ImportPage::cancelRequested, m_ingest, &JobRunner::cancel);
    connect(m_import, &ImportPage::doneRequested, this, [this] {
        m_albums->showCustomer(m_customerId);
        showPage(m_albums);
    });
    connect(m_cards, &CardWatcher::cardInserted, this, &KioskWindow::cardInserted);
    connect(m_cards, &CardWatcher::cardRemoved, this, &KioskWindow::cardRemoved);
    connect(m_idle, &IdleGuard::idle, this, [this] {
        if (isImporting())
            m_idle->touch();   // a card still being read: wait for it
        else
            signOut();
    });
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
}

void KioskWindow::signIn(const QString &code, const QString &pin)
{
    if (m_pinCheck->isRunning())
        return;
    m_signIn->setMessage(tr("Checking…"));
    const Lab &lab = m_lab;
    m_pinCheck->start([&lab, code, pin, terminal = m_terminal](JobControl &) {
        return PinLockout(lab.catalog(), lab.clock()).signIn(code, pin, terminal);
    }, [this](const Result<PinLockout::Attempt> &attempt) { pinChecked(attempt); });
}

void KioskWindow::pinChecked(const Result<PinLockout::Attempt> &attempt)
{
    // Core words the answer: the same for an unknown code and a wrong PIN.
    if (!attempt)
        m_signIn->setMessage(attempt.error().message());
    else if (attempt->outcome == PinLockout::Outcome::Accepted)
        signedInAs(attempt->customerId);
    else
        m_signIn->setMessage(attempt->message);
}

void KioskWindow::signedInAs(qint64 customerId)
{
    auto customer = Customers(m_lab.catalog()).byId(customerId);
    if (!customer) {
        m_signIn->setMessage(customer.error().message());
        return;
    }
    m_customerId = customerId;
    m_customerCode = customer->code;
    if (!customer->language.isEmpty() && m_translations.language() == QLatin1String("en"))
        setLanguage(customer->language);
    m_idle->arm();
    m_albums->clear();
    m_albums->showCustomer(customerId);
    showPage(m_albums);
    Q_EMIT signedIn(customerId);
    if (!m_pendingCard.isEmpty())
        startImport(std::exchange(m_pendingCard, {}));
}

void KioskWindow::signOut()
{
    m_ingest->cancel();
    m_idle->disarm();
    m_customerId = 0;
    m_customerCode.clear();
    m_albums->clear();
    m_signIn->reset();
    m_register->reset();
    m_welcome->setCardNoticed(!m_pendingCard.isEmpty());
    showPage(m_welcome);
    Q_EMIT signedOut();
}

void KioskWindow::registerCustomer(const QString &name, const QString &contact, const QString &pin)
{
    const Customers customers(m_lab.catalog());
    NewCustomer customer;
    customer.name = name;
    (contact.contains(QLatin1Char('@')) ? customer.email : customer.phone) = contact;
    customer.pin = pin;
    customer.language = m_translations.language();
    for (int tries = 0; tries < 20 && customer.code.isEmpty(); ++tries) {
        const QString code = QStringLiteral("K%1").arg(QRandomGenerator::global()->bounded(10000, 99999));
        auto existing = customers.byCode(code);
        if (!existing && existing.error().kind() == Error::Kind::NotFound)
            customer.code = code;
    }
    auto added = customers.add(customer, m_lab.clock().now());
    if (!added) {
        m_register->setMessage(added.error().message());
        return;
    }
    const Status audited = KioskRegistrations(m_lab.catalog()).record(Actor::device(KioskActor), added->id,
                                                                       m_lab.clock().now());
    if (!audited)
        m_register->setMessage(audited.error().message());
    m_signIn->reset();
    showPage(m_signIn);
    m_signIn->setMessage(tr("Welcome, %1! Your customer code is %2. Please remember it; the counter will "
                            "confirm your registration. Sign in now with your code and PIN.")
                             .arg(added->name, added->code));
}

void KioskWindow::cardInserted(const QString &path)
{
    if (m_customerId && !isImporting()) {
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

void KioskWindow::startImport(const QString &path)
{
    IngestOptions options;
    options.customerCode = m_customerCode;
    options.sources = { path };
    options.channel = QStringLiteral("kiosk");
    options.actor = KioskActor;
    auto job = std::make_unique<IngestJob>(m_lab, options);
    connect(job.get(), &IngestJob::started, m_import, &ImportPage::setStarted);
    connect(job.get(), &IngestJob::progress, this, [this](int done, int total, qint64 bytesDone, qint64 bytesTotal) {
        m_idle->touch();
        m_import->setProgress(done, total, bytesDone, bytesTotal);
    });
    connect(job.get(), &IngestJob::fileDecided, m_import, &ImportPage::addRecord);
    m_import->begin(QFileInfo(path).fileName());
    showPage(m_import);
    m_ingest->start(std::move(job), [this](const Result<IngestSummary> &result) { importDone(result); });
}

void KioskWindow::importDone(const Result<IngestSummary> &result)
{
    const IngestSummary summary = result ? *result : IngestSummary();
    m_idle->touch();
    m_import->finish(summary, result ? QString() : result.error().message());
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
