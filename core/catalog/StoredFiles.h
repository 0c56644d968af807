// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Keepsake {

class Catalog;

// What the catalog says about the files of one data folder's photo store (the blobs
// table, the photos that point at them and the forwards still owed), for the check
// that compares the two (lab/StoreCheck) and for a device dropping a forwarded copy.
//
// A data folder that is no device holds the photos that name no device (a single
// store: all of them). Device D holds the photos that name D, but for those still on
// their way to it (a forward to D is owed), and keeps the files it still owes another
// device. Photos from before the chain (naming no device) are never a device's strays.
class StoredFiles
{
public:
    explicit StoredFiles(const Catalog &catalog, std::optional<qint64> deviceId = std::nullopt)
        : m_catalog(catalog), m_deviceId(deviceId) { }

    // The hashes the store must hold, but for files purged on purpose
    // (blobs.removed_at), which are gone by design.
    Result<QSet<QString>> expected() const;
    // The hashes the store may hold: a file outside this set is unreferenced here.
    Result<QSet<QString>> kept() const;
    // Whether this store still needs the file (asked again just before deleting it).
    Result<bool> isReferenced(const QString &sha256) const;
    // The devices whose stores have the file now (not purged): those that photos with it
    // name, once it has reached them, and those that still owe it as a forward. Names;
    // empty when no device has it (a single store's file, or one purged).
    Result<QStringList> holders(const QString &sha256) const;
    // Forgets a file's row when no photo points at it (its file was deleted).
    Status forgetUnreferenced(const QString &sha256) const;

private:
    Result<QSet<QString>> hashes(const QString &sql) const;

    const Catalog &m_catalog;
    std::optional<qint64> m_deviceId;
};

} // namespace Keepsake
