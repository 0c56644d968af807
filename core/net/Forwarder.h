// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"
#include "catalog/Devices.h"
#include "catalog/ForwardQueue.h"
#include "lab/DeviceIdentity.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QThreadPool>
#include <QStringList>

#include <atomic>
#include <map>
#include <memory>

namespace Keepsake {

class DeviceClient;
class FileBytesPool;
class Lab;

// Carries the photo files this device received for another device of the chain
// (claim 15): claims what is due in the forward queue, sends each file in pieces to
// its device over HTTPS (this device's certificate as client certificate, the other's
// fingerprint pinned from the catalog), lets the queue row go only when the target
// holds the file whole with its SHA-256, and then deletes its own copy unless it
// still needs it. What fails waits for the next round, with its reason kept.
class Forwarder
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Forwarder)

public:
    static constexpr int RetrySeconds = 5;   // a running device retries at least every 10 s

    Forwarder(const Lab &lab, DeviceIdentity identity);

    struct Round
    {
        int delivered = 0;
        int failed = 0;
        QStringList errors;
    };
    // One round, in the calling thread (which owns the clients it makes).
    Result<Round> run(const CancelToken &cancel) const;

private:
    // What the lanes of one round share.
    struct Lanes
    {
        Lanes(const QList<Forward> &due_, const CancelToken &cancel_) : due(due_), cancel(cancel_)
        {
            settler.setMaxThreadCount(1);
        }
        const QList<Forward> &due;
        const CancelToken &cancel;
        std::atomic<qsizetype> next { 0 };
        QMutex mutex;                      // guards the rest
        QHash<qint64, QString> unreachable;
        QList<Forward> delivered;          // held by their targets, their rows not yet gone
        Round round;
        QThreadPool settler;               // one thread: takes the delivered off the queue
    };
    void runLane(Lanes &lanes) const;
    Status carry(const Forward &forward, std::map<qint64, std::unique_ptr<DeviceClient>> &clients, Lanes &lanes,
                 FileBytesPool &buffers) const;
    Status deliver(DeviceClient &client, const Forward &forward, const CancelToken &cancel, FileBytesPool &buffers) const;
    void settle(Lanes &lanes) const;

    const Lab &m_lab;
    DeviceIdentity m_identity;
};

} // namespace Keepsake
