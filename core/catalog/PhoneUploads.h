// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;

// An upload address for a phone (table phone_uploads): the kiosk shows it as a QR code
// for its signed-in customer; the phone's browser hands photos in through it. It takes
// one hand-in and dies when that is finished, or ValidMinutes after it was made (a
// hand-in under way keeps it alive while files keep coming).
struct PhoneUpload
{
    qint64 id = 0;
    qint64 customerId = 0;
    QString state;          // open, receiving, ingesting, done, failed
    int files = 0;          // files fully arrived
    qint64 bytes = 0;
    QString handinRef;      // the device's reception of the hand-in
    QString summary;        // the hand-in's summary (JSON text) when done
    QString error;
    QDateTime created;
    QDateTime expires;

    // Whether the address still takes files.
    bool takesFiles(const QDateTime &now) const;
};

class PhoneUploads
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PhoneUploads)

public:
    static constexpr int ValidMinutes = 15;

    explicit PhoneUploads(const Catalog &catalog) : m_catalog(catalog) { }

    struct Opened
    {
        PhoneUpload upload;
        QString token;      // this once
    };
    // A new address for the customer: the customer themselves (at the kiosk) or the clerk.
    Result<Opened> open(const Actor &actor, qint64 customerId, std::optional<qint64> deviceId,
                        const QDateTime &now) const;
    // The upload an address names; NotFound when none does.
    Result<PhoneUpload> byToken(const QString &token) const;
    // The upload as the kiosk follows it: for its customer or the clerk.
    Result<PhoneUpload> read(const Actor &actor, qint64 uploadId) const;

    // The phone began its hand-in (the device's reception names it).
    Status begin(qint64 uploadId, const QString &handinRef, const QDateTime &now) const;
    // A file fully arrived; the address lives on while files come.
    Status fileArrived(qint64 uploadId, qint64 bytes, const QDateTime &now) const;
    Status ingesting(qint64 uploadId) const;
    Status finish(qint64 uploadId, bool ok, const QString &summary, const QString &error, const QDateTime &now) const;

private:
    Result<PhoneUpload> select(const QString &where, const QVariant &value) const;
    Status update(const QString &sql, qint64 uploadId, const QDateTime &now = {}) const;

    const Catalog &m_catalog;
};

} // namespace Keepsake
