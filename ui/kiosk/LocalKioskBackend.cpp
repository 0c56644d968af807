// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "LocalKioskBackend.h"

#include "base/Clock.h"
#include "catalog/AlbumChoices.h"
#include "catalog/AlbumEdits.h"
#include "catalog/AlbumSharing.h"
#include "catalog/Settings.h"
#include "common/ThumbnailSource.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"
#include "notify/TerminalNotices.h"
#include "print/HandinReceipts.h"
#include "usb/UsbHandin.h"

namespace Keepsake {

namespace {

const QString KioskActor = QStringLiteral("kiosk");

} // namespace

LocalKioskBackend::LocalKioskBackend(const Lab &lab, QString terminal, QObject *parent)
    : KioskBackend(parent), m_lab(lab), m_terminal(std::move(terminal)),
      m_thumbnails(std::make_shared<LabThumbnails>(lab))
{
    m_pinCheck = new JobRunner(this);
    m_reads = new JobRunner(this);
    m_reads->setObjectName(QStringLiteral("kioskCatalogReads"));
    m_loader = new CustomerLoader(lab, this);
    connect(m_loader, &CustomerLoader::loaded, this, &LocalKioskBackend::albumsLoaded);
}

LocalKioskBackend::~LocalKioskBackend() = default;

Actor LocalKioskBackend::customer() const
{
    return Actor::customer(m_customer.id, KioskActor);
}

QDate LocalKioskBackend::today() const
{
    return m_lab.clock().today();
}

QDateTime LocalKioskBackend::now() const
{
    return m_lab.clock().now();
}

template <typename T>
void LocalKioskBackend::offThread(std::function<Result<T>()> work, Answer<T> answer)
{
    m_queue.append({ m_session, [work = std::move(work), answer = std::move(answer)]() -> Delivery {
                         return [answer, result = work()] { answer(result); };
                     } });
    pump();
}

void LocalKioskBackend::pump()
{
    if (m_reads->isRunning() || m_queue.isEmpty())
        return;
    auto [session, task] = m_queue.takeFirst();
    m_reads->start([task = std::move(task)](JobControl &) { return task(); },
                   [this, session = session](const Delivery &delivery) {
                       if (session == m_session)
                           delivery();
                       pump();
                   });
}

void LocalKioskBackend::labName(Answer<QString> answer)
{
    answer(Settings(m_lab.catalog()).value(QStringLiteral("lab.name")));
}

bool LocalKioskBackend::signIn(const QString &code, const QString &pin, Answer<KioskSignIn> answer)
{
    if (m_pinCheck->isRunning())
        return false;
    const Lab &lab = m_lab;
    return m_pinCheck->start([&lab, code, pin, terminal = m_terminal](JobControl &) {
        return PinLockout(lab.catalog(), lab.clock()).signIn(code, pin, terminal);
    }, [this, answer = std::move(answer)](const Result<PinLockout::Attempt> &attempt) { pinChecked(attempt, answer); });
}

void LocalKioskBackend::pinChecked(const Result<PinLockout::Attempt> &attempt, const Answer<KioskSignIn> &answer)
{
    // Core words the answer: the same for an unknown code and a wrong PIN.
    if (!attempt) {
        answer(attempt.error());
        return;
    }
    if (attempt->outcome != PinLockout::Outcome::Accepted) {
        answer(KioskSignIn { false, {}, attempt->message });
        return;
    }
    const Result<Customer> found = Customers(m_lab.catalog()).byId(attempt->customerId);
    if (!found) {
        answer(found.error());
        return;
    }
    m_customer = *found;
    answer(KioskSignIn { true, *found, {} });
}

void LocalKioskBackend::signOut()
{
    m_customer = {};
    ++m_session;
    m_loadAnswer = nullptr;
    m_queue.clear();
}

void LocalKioskBackend::registerCustomer(const KioskSignUp &form, Answer<Customer> answer)
{
    answer(KioskRegistrations(m_lab.catalog()).registerAtKiosk(Actor::device(KioskActor), form, m_lab.clock().now()));
}

void LocalKioskBackend::loadAlbums(std::function<void(const CustomerData &data)> answer)
{
    m_loadAnswer = std::move(answer);
    m_loadSession = m_session;
    m_loader->load(customer(), m_customer.id, false);
}

void LocalKioskBackend::albumsLoaded(const CustomerData &data)
{
    if (m_loadSession == m_session && m_loadAnswer)
        m_loadAnswer(data);
}

void LocalKioskBackend::rename(qint64 albumId, const QString &title, Done done)
{
    done(AlbumEdits(m_lab.catalog(), customer()).rename(albumId, title, m_lab.clock().now()));
}

void LocalKioskBackend::movePhotos(const QList<qint64> &photoIds, qint64 targetAlbumId, Done done)
{
    done(AlbumEdits(m_lab.catalog(), customer()).movePhotos(photoIds, targetAlbumId, m_lab.clock().now()));
}

void LocalKioskBackend::setCover(qint64 albumId, qint64 photoId, Done done)
{
    done(AlbumChoices(m_lab.catalog(), customer()).setCover(albumId, photoId, m_lab.clock().now()));
}

void LocalKioskBackend::selection(qint64 albumId, Answer<QList<qint64>> answer)
{
    answer(AlbumChoices(m_lab.catalog(), customer()).selection(albumId));
}

void LocalKioskBackend::setSelection(qint64 albumId, const QList<qint64> &photoIds, Done done)
{
    done(AlbumChoices(m_lab.catalog(), customer()).setSelection(albumId, photoIds, m_lab.clock().now()));
}

void LocalKioskBackend::share(qint64 albumId, const QString &viewer, Done done)
{
    done(AlbumSharing(m_lab.catalog(), m_lab.clock()).share(customer(), albumId, viewer));
}

void LocalKioskBackend::recordView(qint64 albumId, Answer<ViewOutcome> answer)
{
    answer(AlbumViews(m_lab.catalog(), m_lab.clock()).record(customer(), albumId));
}

void LocalKioskBackend::setCaption(qint64 photoId, const QString &caption, Done done)
{
    done(AlbumChoices(m_lab.catalog(), customer()).setCaption(photoId, caption, m_lab.clock().now()));
}

// Drawn and handed to the printer off the window's thread.
void LocalKioskBackend::printReceipt(qint64 handinId, const QString &printer, Done done)
{
    const Lab &lab = m_lab;
    offThread<PrintJobs::Done>([&lab, actor = customer(), handinId, printer] {
        return HandinReceipts(lab).print(actor, handinId, printer);
    }, [done = std::move(done)](const Result<PrintJobs::Done> &printed) {
        done(printed ? Status::success() : Status(printed.error()));
    });
}

void LocalKioskBackend::notices(Answer<QList<Notice>> answer)
{
    const Lab &lab = m_lab;
    offThread<QList<Notice>>([&lab, actor = customer(), id = m_customer.id] {
        return TerminalNotices(lab.catalog(), lab.clock()).forCustomer(actor, id, false);
    }, std::move(answer));
}

void LocalKioskBackend::markRead(qint64 noticeId, Done done)
{
    done(TerminalNotices(m_lab.catalog(), m_lab.clock()).markRead(customer(), noticeId));
}

std::shared_ptr<const ThumbnailSource> LocalKioskBackend::thumbnails() const
{
    return m_thumbnails;
}

bool LocalKioskBackend::startHandIn(JobRunner &runner, const QString &card, const HandinReceivers &to)
{
    IngestOptions options;
    options.customerCode = m_customer.code;
    options.sources = { card };
    options.channel = QStringLiteral("kiosk");
    options.actor = KioskActor;
    return runHandIn(runner, std::make_unique<IngestJob>(m_lab, options), to);
}

bool LocalKioskBackend::startUsbHandIn(JobRunner &runner, const UsbCamera &camera, const HandinReceivers &to)
{
    IngestOptions options;
    options.customerCode = m_customer.code;
    options.channel = QStringLiteral("kiosk");
    options.actor = KioskActor;
    return runHandIn(runner, UsbHandin::onLab(m_lab, camera, options), to);
}

void LocalKioskBackend::openPhoneUpload(Answer<PhoneAddresses::Address> answer)
{
    const Lab &lab = m_lab;
    offThread<PhoneAddresses::Address>([&lab, actor = customer(), id = m_customer.id] {
        return PhoneAddresses(lab).open(actor, id);
    }, std::move(answer));
}

void LocalKioskBackend::phoneUpload(qint64 uploadId, Answer<PhoneUpload> answer)
{
    const Lab &lab = m_lab;
    offThread<PhoneUpload>([&lab, actor = customer(), uploadId] { return PhoneAddresses(lab).read(actor, uploadId); },
                           std::move(answer));
}

} // namespace Keepsake
