// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;

// The chain's disc-signing keys (the lab_keys table): the public key of every lab key
// that signed or checks discs on this catalog, with the device it belongs to. A disc
// signed with any of them is the chain's own (disc/ChainKeys).
struct RegisteredLabKey
{
    QString keyId;                    // as in the manifest's signature file
    QByteArray publicKey;             // raw bytes
    std::optional<qint64> deviceId;   // none: a data folder that is no device
    QDateTime createdAt;
};

class LabKeys
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::LabKeys)

public:
    explicit LabKeys(const Catalog &catalog) : m_catalog(catalog) { }

    // Registers the key once; a later registration by a device fills in its device.
    // A key ID registered with another public key is refused.
    Status record(const RegisteredLabKey &key, const QDateTime &now) const;
    Result<QList<RegisteredLabKey>> list() const;

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
