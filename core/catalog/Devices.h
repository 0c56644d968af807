// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Keepsake {

class Catalog;

// A device of the chain (CLI.md, "Network"): a data folder that serves on the network,
// with the URL it answers on and its certificate, whose SHA-256 fingerprint the other
// devices and its terminals pin. The chain's devices trust each other through the
// shared catalog.
struct Device
{
    qint64 id = 0;
    QString name;
    QString url;                // https://HOST:PORT
    QString fingerprint;        // 64 lower-case hex digits
    QByteArray certificatePem;
    QDateTime createdAt;
};

class Devices
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Devices)

public:
    explicit Devices(const Catalog &catalog) : m_catalog(catalog) { }

    // Registers a device; a name or fingerprint already registered is refused.
    Result<Device> add(const Device &device, const QDateTime &now) const;
    Result<Device> byName(const QString &name) const;          // case-insensitive; NotFound names it
    Result<Device> byId(qint64 id) const;
    Result<Device> byFingerprint(const QString &fingerprint) const;   // NotFound when none
    Result<QList<Device>> list() const;
    // Removes a device that holds no photo and owes or awaits no forward; refused otherwise.
    Status remove(const QString &name) const;

    // A usable device name: 1 to 64 letters, digits, dots, dashes or underscores.
    static Status checkName(const QString &name);

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
