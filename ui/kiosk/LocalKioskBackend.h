// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KioskBackend.h"
#include "base/Actor.h"
#include "catalog/PinLockout.h"

namespace Keepsake {

class CustomerLoader;
class Lab;
class LabThumbnails;

// The kiosk on the machine that holds the lab: core's operations on the lab's own
// catalog and store. The PIN's slow check, the customer's albums, the hand-in and
// what the kiosk asks again and again while a customer is signed in (their notices,
// a phone's upload) run off the window's thread; the changes to an album are quick
// and answer at once.
class LocalKioskBackend final : public KioskBackend
{
    Q_OBJECT

public:
    // terminal: this kiosk's name for the sign-in lockout ("kiosk@HOST").
    LocalKioskBackend(const Lab &lab, QString terminal, QObject *parent = nullptr);
    ~LocalKioskBackend() override;

    QDate today() const override;
    QDateTime now() const override;
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

private:
    using Delivery = std::function<void()>;
    // Work on the catalog off the window's thread, after what was queued before it;
    // its answer is dropped once the customer signed out.
    template <typename T>
    void offThread(std::function<Result<T>()> work, Answer<T> answer);
    void pump();
    // The signed-in customer, acting at the kiosk.
    Actor customer() const;
    void pinChecked(const Result<PinLockout::Attempt> &attempt, const Answer<KioskSignIn> &answer);
    void albumsLoaded(const CustomerData &data);

    const Lab &m_lab;
    QString m_terminal;
    JobRunner *m_pinCheck = nullptr;   // the PIN's slow hash
    JobRunner *m_reads = nullptr;      // offThread()'s, one after another
    QList<QPair<quint64, std::function<Delivery()>>> m_queue;   // with the session they belong to
    CustomerLoader *m_loader = nullptr;
    std::shared_ptr<LabThumbnails> m_thumbnails;
    Customer m_customer;
    quint64 m_session = 0;             // counts sign-outs: a load of an earlier session is dropped
    quint64 m_loadSession = 0;
    std::function<void(const CustomerData &)> m_loadAnswer;
};

} // namespace Keepsake
