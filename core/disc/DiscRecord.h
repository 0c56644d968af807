// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DiscManifest.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;

// The catalog's side of a disc: its row, its sessions, what went onto each.
class DiscRecord
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscRecord)

public:
    struct Written
    {
        QString discId;
        qint64 customerId = 0;
        QString media;
        QString labKey;
        int session = 0;
        qint64 bytes = 0;
        QString pickupCode;
        QString actor;
        QDateTime now;
        const ManifestSession *albums = nullptr;
    };

    // A new disc ID: KS-<lab>-<yyyymmdd>-<nnn>.
    static Result<QString> newDiscId(const Catalog &catalog, const QString &labName, const QDate &day);
    // The customer a disc of the catalog belongs to; nullopt when the catalog has none.
    static Result<std::optional<qint64>> owner(const Catalog &catalog, const QString &discId);

    // After writing and verification: the disc, its verified session and its photos,
    // and every album marked recorded, in one transaction.
    static Status record(const Catalog &catalog, const Written &written);
};

} // namespace Keepsake
