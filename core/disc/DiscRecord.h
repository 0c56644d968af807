// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DiscManifest.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

class QSqlDatabase;

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
        // Runs first in the same transaction; an error there records nothing. (A station
        // job's settlement: its albums are recorded and the job done together, or neither.)
        std::function<Status(QSqlDatabase &)> first {};
    };

    // A new disc ID: KS-<lab>-<yyyymmdd>-<nnn>, reserved in the catalog (disc_ids) so
    // that no other burner on the catalog gets it, even before the disc is recorded.
    static Result<QString> newDiscId(const Catalog &catalog, const QString &labName, const QDate &day,
                                     const QDateTime &now);
    // The customer a disc of the catalog belongs to; nullopt when the catalog has none.
    static Result<std::optional<qint64>> owner(const Catalog &catalog, const QString &discId);

    // The photos of an album already on verified discs since it was last recorded: the
    // parts of an album split across discs that earlier runs burned. `parts` counts
    // the sessions holding them.
    struct OnDisc { QSet<qint64> photos; int parts = 0; };
    static Result<OnDisc> partsOnDisc(const Catalog &catalog, qint64 albumId);

    // After writing and verification: the disc, its verified session and its photos,
    // in one transaction; every album of the session whose photos are now all on
    // verified discs (a whole album, or the last part of a split one) is marked
    // recorded in it too. Gives the albums marked recorded.
    static Result<QList<qint64>> record(const Catalog &catalog, const Written &written);
};

} // namespace Keepsake
