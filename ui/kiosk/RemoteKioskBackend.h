// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KioskBackend.h"
#include "net/DeviceClient.h"

#include <QJsonObject>
#include <QList>

namespace Keepsake {

class RemoteThumbnails;

// The kiosk as a client of a device (claim 3; CLI.md, "Client mode"): sign-in, the
// signed-in customer's albums and every change to them, sharing, notices,
// registration, thumbnails, the hand-in of a card and a phone's upload address go to
// the device's service,
// which calls core with the customer's session as the actor. The kiosk opens no lab
// and keeps no catalog or photo store: only a small cache of thumbnails.
//
// The calls run one after another off the window's thread, each on a DeviceClient of
// its own, and give up after CallTimeoutMs without a byte moving; their answers come
// back on the window's thread. Signing out drops what the customer still had queued
// and closes their session on the device.
class RemoteKioskBackend final : public KioskBackend
{
    Q_OBJECT

public:
    static constexpr int CallTimeoutMs = 15'000;

    // cacheFolder: where thumbnails are kept on the kiosk.
    RemoteKioskBackend(DeviceEndpoint endpoint, const QString &cacheFolder, QObject *parent = nullptr);
    ~RemoteKioskBackend() override;

    void labName(Answer<QString> answer) override;
    bool signIn(const QString &code, const QString &pin, Answer<KioskSignIn> answer) override;
    void signOut() override;
    qint64 customerId() const override { return m_customer.id; }
    void registerCustomer(const KioskSignUp &form, Answer<Customer> answer) override;
    void loadAlbums(std::function<void(const CustomerData &data)> answer) override;
    void rename(qint64 albumId, const QString &title, Done done) override;
    void movePhotos(const QList<qint64> &photoIds, qint64 targetAlbumId, Done done) override;
    void setCover(qint64 albumId, qint64 photoId, Done done) override;
    void selection(qint64 albumId, Answer<QList<qint64>> answer) override;
    void setSelection(qint64 albumId, const QList<qint64> &photoIds, Done done) override;
    void share(qint64 albumId, const QString &viewer, Done done) override;
    void recordView(qint64 albumId, Answer<ViewOutcome> answer) override;
    void setCaption(qint64 photoId, const QString &caption, Done done) override;
    void printReceipt(qint64 handinId, const QString &printer, Done done) override;
    void notices(Answer<QList<Notice>> answer) override;
    void markRead(qint64 noticeId, Done done) override;
    std::shared_ptr<const ThumbnailSource> thumbnails() const override;
    bool startHandIn(JobRunner &runner, const QString &card, const HandinReceivers &to) override;
    bool startUsbHandIn(JobRunner &runner, const UsbCamera &camera, const HandinReceivers &to) override;
    void openPhoneUpload(Answer<PhoneAddresses::Address> answer) override;
    void phoneUpload(qint64 uploadId, Answer<PhoneUpload> answer) override;

    // Whether a call is queued or running (tests wait for the device's answers).
    bool isBusy() const;

private:
    using Delivery = std::function<void()>;
    using Task = std::function<Delivery(DeviceClient &client)>;
    struct Pending
    {
        Task task;
        DeviceEndpoint endpoint;
        quint64 session = 0;
        bool closing = false;          // a session's DELETE: never cancelled
    };

    template <typename T>
    void call(std::function<Result<T>(DeviceClient &)> work, Answer<T> answer);
    // A POST whose answer is only whether it went through.
    void change(const QString &path, const QJsonObject &body, Done done);
    void enqueue(Task task);
    void pump();
    void signedIn(const Result<QJsonValue> &answer, const Answer<KioskSignIn> &reply);
    DeviceEndpoint endpoint() const;   // with the signed-in customer's session

    DeviceEndpoint m_endpoint;         // without a session
    QString m_session;
    Customer m_customer;
    std::shared_ptr<RemoteThumbnails> m_thumbnails;
    JobRunner *m_calls = nullptr;
    QList<Pending> m_queue;
    quint64 m_sessionCount = 0;        // counts sign-outs: an earlier session's answers are dropped
    bool m_signingIn = false;
    bool m_closingRuns = false;        // the call running closes a session
};

} // namespace Keepsake
