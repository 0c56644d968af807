// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Keepsake {

class Catalog;

// The durable queue of photo files a receiving device still owes the device that is
// to keep them (claim 15, CLI.md "Network"). A row is written in the same transaction
// as the photo's row; it goes only once the target holds the file durably with the
// right SHA-256. A sender claims rows for a while, so that two senders never carry
// the same file at once and a sender that died leaves them to the next.
struct Forward
{
    qint64 photoId = 0;
    QString sha256;
    qint64 size = 0;
    qint64 fromDeviceId = 0;
    qint64 toDeviceId = 0;
    QString toDeviceName;
    QDateTime since;
    int attempts = 0;
    QString lastError;
    QDateTime nextAttemptAt;   // invalid: at once
};

class ForwardQueue
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ForwardQueue)

public:
    explicit ForwardQueue(const Catalog &catalog) : m_catalog(catalog) { }

    // Inside the transaction that writes the photo's row.
    static Status enqueue(QSqlDatabase &db, const Forward &forward, const QDateTime &now);

    // Every photo this device still owes, oldest first (`keepsakectl queue`).
    Result<QList<Forward>> pending(qint64 fromDeviceId) const;
    // Claims up to `limit` rows due now for `claimer` until `until`; rows claimed by
    // another whose claim has not run out are left alone.
    Result<QList<Forward>> claimDue(qint64 fromDeviceId, const QString &claimer, const QDateTime &now,
                                    const QDateTime &until, int limit) const;
    // The targets hold the files: their rows go, in one transaction.
    Status delivered(const QList<qint64> &photoIds) const;
    // The attempt failed: counted, the reason kept, the claim released, the next try due then.
    Status failed(qint64 photoId, const QString &reason, const QDateTime &nextAttempt) const;
    // Whether this device still needs the stored file: a photo it holds names it, or a
    // forward of it is still owed (the receiver deletes its copy only when neither).
    Result<bool> stillNeeded(qint64 deviceId, const QString &sha256) const;

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
