// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RemoteKioskBackend.h"

#include "KioskLog.h"
#include "RemoteHandin.h"
#include "RemoteThumbnails.h"
#include "base/Time.h"
#include "net/KioskWire.h"
#include "net/LabRecords.h"
#include "print/PrintOutput.h"
#include "usb/UsbHandin.h"

#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>

namespace Keepsake {

namespace {

const QString KioskActor = QStringLiteral("kiosk");

QString pathPart(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

Status statusOf(const Result<QJsonValue> &answer)
{
    return answer ? Status::success() : Status(answer.error());
}

} // namespace

RemoteKioskBackend::RemoteKioskBackend(DeviceEndpoint endpoint, const QString &cacheFolder, QObject *parent)
    : KioskBackend(parent), m_endpoint(std::move(endpoint)),
      m_thumbnails(std::make_shared<RemoteThumbnails>(m_endpoint, cacheFolder))
{
    m_endpoint.session.clear();
    m_calls = new JobRunner(this);
    m_calls->setObjectName(QStringLiteral("kioskDeviceCalls"));
}

RemoteKioskBackend::~RemoteKioskBackend()
{
    // Leaves the session to end on the device by itself: nothing waits here for the network.
    m_queue.clear();
    m_calls->cancel();
}

DeviceEndpoint RemoteKioskBackend::endpoint() const
{
    DeviceEndpoint withSession = m_endpoint;
    withSession.session = m_session;
    return withSession;
}

bool RemoteKioskBackend::isBusy() const
{
    return m_calls->isRunning() || !m_queue.isEmpty();
}

template <typename T>
void RemoteKioskBackend::call(std::function<Result<T>(DeviceClient &)> work, Answer<T> answer)
{
    enqueue([work = std::move(work), answer = std::move(answer)](DeviceClient &client) -> Delivery {
        return [answer, result = work(client)] { answer(result); };
    });
}

void RemoteKioskBackend::change(const QString &path, const QJsonObject &body, Done done)
{
    call<QJsonValue>([path, body](DeviceClient &client) { return client.post(path, body); },
                     [done = std::move(done)](const Result<QJsonValue> &answer) { done(statusOf(answer)); });
}

void RemoteKioskBackend::enqueue(Task task)
{
    m_queue.append({ std::move(task), endpoint(), m_sessionCount });
    pump();
}

// The next call, on the runner's thread with a DeviceClient of its own; its answer is
// delivered here unless the customer signed out meanwhile.
void RemoteKioskBackend::pump()
{
    if (m_calls->isRunning() || m_queue.isEmpty())
        return;
    Pending next = m_queue.takeFirst();
    m_closingRuns = next.closing;
    m_calls->start([task = std::move(next.task), endpoint = std::move(next.endpoint)](JobControl &control) {
        DeviceClient client(endpoint, &control.cancelToken());
        client.setTimeout(CallTimeoutMs);
        return task(client);
    }, [this, session = next.session](const Delivery &delivery) {
        if (session == m_sessionCount)
            delivery();
        pump();
    });
}

void RemoteKioskBackend::labName(Answer<QString> answer)
{
    call<QString>([](DeviceClient &client) -> Result<QString> {
        const Result<QJsonValue> lab = client.get(QStringLiteral("lab"));
        if (!lab)
            return lab.error();
        return lab->toObject().value(QStringLiteral("name")).toString();
    }, std::move(answer));
}

bool RemoteKioskBackend::signIn(const QString &code, const QString &pin, Answer<KioskSignIn> answer)
{
    if (m_signingIn)
        return false;
    m_signingIn = true;
    const QJsonObject body { { QStringLiteral("code"), code }, { QStringLiteral("pin"), pin } };
    call<QJsonValue>([body](DeviceClient &client) { return client.post(QStringLiteral("sessions"), body); },
                     [this, answer = std::move(answer)](const Result<QJsonValue> &reply) { signedIn(reply, answer); });
    return true;
}

void RemoteKioskBackend::signedIn(const Result<QJsonValue> &reply, const Answer<KioskSignIn> &answer)
{
    m_signingIn = false;
    // The device words a refusal as the lockout does: unknown code and wrong PIN alike.
    if (!reply) {
        if (reply.error().kind() == Error::Kind::Refused)
            answer(KioskSignIn { false, {}, reply.error().message() });
        else
            answer(reply.error());
        return;
    }
    const QJsonObject object = reply->toObject();
    m_session = object.value(QStringLiteral("session")).toString();
    m_customer = KioskWire::customerFromJson(object.value(QStringLiteral("customer")).toObject());
    m_thumbnails->setSession(m_session);
    qCInfo(lcKiosk) << "Customer" << m_customer.code << "signed in at the device";
    answer(KioskSignIn { true, m_customer, {} });
}

void RemoteKioskBackend::signOut()
{
    ++m_sessionCount;
    m_signingIn = false;
    m_queue.removeIf([](const Pending &pending) { return !pending.closing; });
    if (!m_closingRuns)
        m_calls->cancel();
    m_customer = {};
    m_thumbnails->setSession({});
    if (m_session.isEmpty())
        return;
    DeviceEndpoint closing = endpoint();
    m_session.clear();
    m_queue.append({ [](DeviceClient &client) -> Delivery {
                         if (const Result<QJsonValue> closed = client.remove(QStringLiteral("sessions")); !closed)
                             qCInfo(lcKiosk) << "The session was not closed on the device:" << closed.error().message();
                         return [] {};
                     },
                     std::move(closing), m_sessionCount, true });
    pump();
}

void RemoteKioskBackend::registerCustomer(const KioskSignUp &form, Answer<Customer> answer)
{
    const QJsonObject body { { QStringLiteral("name"), form.name }, { QStringLiteral("contact"), form.contact },
                             { QStringLiteral("pin"), form.pin }, { QStringLiteral("language"), form.language } };
    call<Customer>([body](DeviceClient &client) -> Result<Customer> {
        const Result<QJsonValue> added = client.post(QStringLiteral("registrations"), body);
        if (!added)
            return added.error();
        return KioskWire::customerFromJson(added->toObject().value(QStringLiteral("customer")).toObject());
    }, std::move(answer));
}

void RemoteKioskBackend::loadAlbums(std::function<void(const CustomerData &data)> answer)
{
    const QString path = QStringLiteral("customers/%1/view").arg(pathPart(m_customer.code));
    call<CustomerData>([path](DeviceClient &client) -> Result<CustomerData> {
        const Result<QJsonValue> read = client.get(path);
        if (!read)
            return read.error();
        const CustomerAlbumsView view = KioskWire::viewFromJson(read->toObject());
        CustomerData data;
        data.customer = view.customer;
        data.albums = view.albums;
        data.photos = view.photos;
        return data;
    }, [answer = std::move(answer)](const Result<CustomerData> &data) {
        CustomerData shown = data ? *data : CustomerData();
        if (!data)
            shown.error = data.error().message();
        answer(shown);
    });
}

void RemoteKioskBackend::rename(qint64 albumId, const QString &title, Done done)
{
    change(QStringLiteral("albums/%1/title").arg(albumId), { { QStringLiteral("title"), title } }, std::move(done));
}

void RemoteKioskBackend::movePhotos(const QList<qint64> &photoIds, qint64 targetAlbumId, Done done)
{
    change(QStringLiteral("albums/%1/photos").arg(targetAlbumId),
           { { QStringLiteral("photos"), KioskWire::idsToJson(photoIds) } }, std::move(done));
}

void RemoteKioskBackend::setCover(qint64 albumId, qint64 photoId, Done done)
{
    change(QStringLiteral("albums/%1/cover").arg(albumId), { { QStringLiteral("photo"), photoId } }, std::move(done));
}

void RemoteKioskBackend::selection(qint64 albumId, Answer<QList<qint64>> answer)
{
    const QString path = QStringLiteral("albums/%1/selection").arg(albumId);
    call<QList<qint64>>([path](DeviceClient &client) -> Result<QList<qint64>> {
        const Result<QJsonValue> read = client.get(path);
        if (!read)
            return read.error();
        return KioskWire::idsFromJson(read->toObject().value(QStringLiteral("photos")).toArray());
    }, std::move(answer));
}

void RemoteKioskBackend::setSelection(qint64 albumId, const QList<qint64> &photoIds, Done done)
{
    change(QStringLiteral("albums/%1/selection").arg(albumId),
           { { QStringLiteral("photos"), KioskWire::idsToJson(photoIds) } }, std::move(done));
}

void RemoteKioskBackend::share(qint64 albumId, const QString &viewer, Done done)
{
    change(QStringLiteral("albums/%1/shares").arg(albumId), { { QStringLiteral("viewer"), viewer } }, std::move(done));
}

void RemoteKioskBackend::recordView(qint64 albumId, Answer<ViewOutcome> answer)
{
    const QString path = QStringLiteral("albums/%1/views").arg(albumId);
    call<ViewOutcome>([path](DeviceClient &client) -> Result<ViewOutcome> {
        const Result<QJsonValue> seen = client.post(path, {});
        if (!seen)
            return seen.error();
        const QJsonObject json = seen->toObject();
        return ViewOutcome { json.value(QStringLiteral("album")).toInteger(), json.value(QStringLiteral("counted")).toBool(),
                             json.value(QStringLiteral("moved")).toBool(),
                             fromCatalogDate(json.value(QStringLiteral("expires")).toString()),
                             json.value(QStringLiteral("state")).toString() };
    }, std::move(answer));
}

void RemoteKioskBackend::setCaption(qint64 photoId, const QString &caption, Done done)
{
    change(QStringLiteral("photos/%1/caption").arg(photoId), { { QStringLiteral("caption"), caption } }, std::move(done));
}

// The device draws it (the lab's paper, the customer's language); the kiosk prints it.
void RemoteKioskBackend::printReceipt(qint64 handinId, const QString &printer, Done done)
{
    const QString path = QStringLiteral("handins/%1/receipt").arg(handinId);
    const QString title = tr("Receipt of hand-in %1").arg(handinId);
    call<bool>([path, printer, title](DeviceClient &client) -> Result<bool> {
        const Result<QByteArray> pdf = client.download(path);
        if (!pdf)
            return pdf.error();
        QTemporaryDir folder;
        QFile file(folder.filePath(QStringLiteral("receipt.pdf")));
        if (!folder.isValid() || !file.open(QIODevice::WriteOnly) || file.write(*pdf) != pdf->size() || !file.flush())
            return Error::failure(tr("The receipt cannot be kept on this kiosk for printing: %1. Check the free space of "
                                     "its temporary folder.").arg(folder.isValid() ? file.errorString() : folder.errorString()));
        file.close();
        if (Status printed = PrintOutput::submitToPrinter(printer, file.fileName(), title); !printed)
            return printed.error();
        return true;
    }, [done = std::move(done)](const Result<bool> &printed) { done(printed ? Status::success() : Status(printed.error())); });
}

void RemoteKioskBackend::notices(Answer<QList<Notice>> answer)
{
    const QString path = QStringLiteral("customers/%1/notices").arg(pathPart(m_customer.code));
    call<QList<Notice>>([path](DeviceClient &client) -> Result<QList<Notice>> {
        const Result<QJsonValue> read = client.get(path);
        if (!read)
            return read.error();
        QList<Notice> list;
        for (const QJsonValue &notice : read->toObject().value(QStringLiteral("notices")).toArray())
            list.append(KioskWire::noticeFromJson(notice.toObject()));
        return list;
    }, std::move(answer));
}

void RemoteKioskBackend::markRead(qint64 noticeId, Done done)
{
    change(QStringLiteral("notices/%1/read").arg(noticeId), {}, std::move(done));
}

std::shared_ptr<const ThumbnailSource> RemoteKioskBackend::thumbnails() const
{
    return m_thumbnails;
}

bool RemoteKioskBackend::startHandIn(JobRunner &runner, const QString &card, const HandinReceivers &to)
{
    IngestOptions options;
    options.customerCode = m_customer.code;
    options.sources = { card };
    options.channel = QStringLiteral("kiosk");
    options.actor = KioskActor;
    return runHandIn(runner, std::make_unique<RemoteHandin>(endpoint(), options), to);
}

// The camera's spool stays on this kiosk, in its cache; only what the device lacks is sent.
bool RemoteKioskBackend::startUsbHandIn(JobRunner &runner, const UsbCamera &camera, const HandinReceivers &to)
{
    IngestOptions options;
    options.customerCode = m_customer.code;
    options.channel = QStringLiteral("kiosk");
    options.actor = KioskActor;
    const QString spool = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/usb-spool");
    auto job = std::make_unique<UsbHandin>(camera, options, spool,
                                           [endpoint = endpoint()](UsbHandin &self, const IngestOptions &spooled) {
                                               RemoteHandin handin(endpoint, spooled);
                                               return self.handInWith(handin);
                                           });
    return runHandIn(runner, std::move(job), to);
}

void RemoteKioskBackend::openPhoneUpload(Answer<PhoneAddresses::Address> answer)
{
    const QJsonObject body { { QStringLiteral("customer"), m_customer.code } };
    call<PhoneAddresses::Address>([body](DeviceClient &client) -> Result<PhoneAddresses::Address> {
        const Result<QJsonValue> opened = client.post(QStringLiteral("uploads"), body);
        if (!opened)
            return opened.error();
        const QJsonObject json = opened->toObject();
        return PhoneAddresses::Address { PhoneAddresses::fromJson(json), json.value(QStringLiteral("url")).toString() };
    }, std::move(answer));
}

void RemoteKioskBackend::phoneUpload(qint64 uploadId, Answer<PhoneUpload> answer)
{
    const QString path = QStringLiteral("uploads/%1").arg(uploadId);
    call<PhoneUpload>([path](DeviceClient &client) -> Result<PhoneUpload> {
        const Result<QJsonValue> read = client.get(path);
        if (!read)
            return read.error();
        return PhoneAddresses::fromJson(read->toObject());
    }, std::move(answer));
}

} // namespace Keepsake
