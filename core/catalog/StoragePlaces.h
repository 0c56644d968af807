// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Keepsake {

// Storage information (claim 15, CLI.md "Network"): the device that keeps a photo is
// the one registered for its camera's body serial, else its owner's home device,
// else the device that received it. Made per hand-in, inside its transaction; the
// owner's home device is read once.
class StoragePlaces
{
public:
    StoragePlaces(const QSqlDatabase &db, qint64 customerId, qint64 receivingDeviceId)
        : m_db(db), m_customerId(customerId), m_receiver(receivingDeviceId) { }

    // The device that is to keep a photo of this make and body serial.
    Result<qint64> deviceFor(const QString &make, const QString &bodySerial);

private:
    Result<std::optional<qint64>> homeDevice();

    QSqlDatabase m_db;
    qint64 m_customerId;
    qint64 m_receiver;
    std::optional<std::optional<qint64>> m_home;   // read once
    QHash<QString, std::optional<qint64>> m_cameras;   // "MAKE\nSERIAL" → registered device
};

} // namespace Keepsake
