// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "base/JobRunner.h"
#include "catalog/Customers.h"
#include "catalog/KioskRegistrations.h"
#include "common/CustomerLoader.h"
#include "ingest/IngestTypes.h"
#include "notify/Notice.h"
#include "retention/AlbumViews.h"
#include "usb/UsbCamera.h"
#include "web/PhoneAddresses.h"

#include <QDate>
#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>

namespace Keepsake {

class ThumbnailSource;

// The answer to a code and PIN: signed in, or why not in the words of the lockout.
struct KioskSignIn
{
    bool accepted = false;
    Customer customer;   // when accepted
    QString message;     // when not
};

// Where a hand-in's reports go, on the window's thread: the job's signals and its end.
struct HandinReceivers
{
    QObject *context = nullptr;
    std::function<void(int files, qint64 bytes)> started;
    std::function<void(const IngestRecord &record)> decided;
    std::function<void(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal)> progress;
    // Every photo is stored: the card may be removed (thumbnails follow). A hand-in
    // through a device says so with done.
    std::function<void(const IngestSummary &summary)> cardReleased;
    std::function<void(int done, int total)> thumbnailProgress;
    std::function<void(const Result<IngestSummary> &result)> done;
    // A camera or phone on USB: its files being copied, then the copy over (it may be
    // unplugged); the hand-in's reports follow.
    std::function<void(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal)> copyProgress;
    std::function<void(int copied, int notCopied)> cameraReleased;
};

// What the kiosk's pages ask of the lab: sign-in, registration, the signed-in
// customer's albums and what they do with them, their notices, thumbnails, and the
// hand-in of a card or from a phone. The kiosk on the machine that holds the lab answers from it
// (LocalKioskBackend); a kiosk that is a device's client asks the device over the
// network (RemoteKioskBackend). The pages do not know which they talk to.
//
// Every answer arrives on the window's thread, through the function given: at once
// or later (a call to a device runs off the window's thread), never after the
// backend is gone. Answers to the previous customer's requests are dropped once they
// signed out. Core checks the rights either way, with the signed-in customer as the
// actor.
class KioskBackend : public QObject
{
    Q_OBJECT

public:
    template <typename T>
    using Answer = std::function<void(const Result<T> &)>;
    using Done = std::function<void(const Status &)>;

    using QObject::QObject;
    ~KioskBackend() override;

    // Today, by the lab's clock where there is one: what notices and expiry dates are read against.
    virtual QDate today() const;
    // Now, by the same clock: what an upload address's minutes left are counted against.
    virtual QDateTime now() const;
    // The lab's name for the welcome screen.
    virtual void labName(Answer<QString> answer) = 0;
    // False, and nothing asked, while an earlier sign-in is being checked.
    virtual bool signIn(const QString &code, const QString &pin, Answer<KioskSignIn> answer) = 0;
    virtual void signOut() = 0;
    virtual qint64 customerId() const = 0;   // the signed-in customer; 0: none
    virtual void registerCustomer(const KioskSignUp &form, Answer<Customer> answer) = 0;

    // The signed-in customer's albums, their own and those shared with them, and photos.
    virtual void loadAlbums(std::function<void(const CustomerData &data)> answer) = 0;
    virtual void rename(qint64 albumId, const QString &title, Done done) = 0;
    virtual void movePhotos(const QList<qint64> &photoIds, qint64 targetAlbumId, Done done) = 0;
    virtual void setCover(qint64 albumId, qint64 photoId, Done done) = 0;
    virtual void selection(qint64 albumId, Answer<QList<qint64>> answer) = 0;
    virtual void setSelection(qint64 albumId, const QList<qint64> &photoIds, Done done) = 0;
    virtual void share(qint64 albumId, const QString &viewer, Done done) = 0;
    // The customer opened an album: their view counts ("keep N days after the last
    // view" rules date the album from it); the answer is the album's date after it.
    virtual void recordView(qint64 albumId, Answer<ViewOutcome> answer) = 0;
    // The owner's caption of a photo; empty clears it.
    virtual void setCaption(qint64 photoId, const QString &caption, Done done) = 0;
    // Prints the receipt of the signed-in customer's hand-in on the kiosk's printer (a
    // CUPS queue of the kiosk's machine), drawn by the lab in the customer's language.
    virtual void printReceipt(qint64 handinId, const QString &printer, Done done) = 0;
    virtual void notices(Answer<QList<Notice>> answer) = 0;
    virtual void markRead(qint64 noticeId, Done done) = 0;

    // Thumbnails of the photos the customer sees.
    virtual std::shared_ptr<const ThumbnailSource> thumbnails() const = 0;
    // Hands in the card at this path for the signed-in customer, on the runner (its
    // cancel() stops it); false when the runner is busy.
    virtual bool startHandIn(JobRunner &runner, const QString &card, const HandinReceivers &to) = 0;
    // Hands in a camera or phone on USB alike: copied into a spool on this machine,
    // which is handed in as the card would be.
    virtual bool startUsbHandIn(JobRunner &runner, const UsbCamera &camera, const HandinReceivers &to) = 0;

    // A phone's hand-in (issue 16): a one-time upload address for the signed-in
    // customer, shown as a QR code; refused, with the reason, where no device serves it.
    virtual void openPhoneUpload(Answer<PhoneAddresses::Address> answer) = 0;
    // How the upload through that address goes: the photos arriving, then the summary.
    virtual void phoneUpload(qint64 uploadId, Answer<PhoneUpload> answer) = 0;

protected:
    // A hand-in job (IngestJob and alike: run(), cancelToken(), its signals) on the runner.
    template <typename Job>
    static bool runHandIn(JobRunner &runner, std::unique_ptr<Job> job, const HandinReceivers &to);
};

template <typename Job>
bool KioskBackend::runHandIn(JobRunner &runner, std::unique_ptr<Job> job, const HandinReceivers &to)
{
    if (runner.isRunning())
        return false;
    QObject::connect(job.get(), &Job::started, to.context, to.started);
    QObject::connect(job.get(), &Job::fileDecided, to.context, to.decided);
    QObject::connect(job.get(), &Job::progress, to.context, to.progress);
    if constexpr (requires { &Job::copyProgress; }) {
        if (to.copyProgress)
            QObject::connect(job.get(), &Job::copyProgress, to.context, to.copyProgress);
        if (to.cameraReleased)
            QObject::connect(job.get(), &Job::cameraReleased, to.context, to.cameraReleased);
    }
    if constexpr (requires { &Job::cardReleased; }) {
        if (to.cardReleased)
            QObject::connect(job.get(), &Job::cardReleased, to.context, to.cardReleased);
        if (to.thumbnailProgress)   // from the thumbnail workers: queued to the window
            QObject::connect(job.get(), &Job::thumbnailProgress, to.context, to.thumbnailProgress,
                             Qt::QueuedConnection);
    }
    return runner.start(std::move(job), to.done);
}

} // namespace Keepsake
