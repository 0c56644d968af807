// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QSet>
#include <QString>

namespace Keepsake {

class Catalog;

// What the catalog says about the files of the photo store (the blobs table and the
// photos that point at them), for the check that compares the two (lab/StoreCheck).
class StoredFiles
{
public:
    explicit StoredFiles(const Catalog &catalog) : m_catalog(catalog) { }

    // The hashes the store must hold: every photo's file, but for files purged on
    // purpose (blobs.removed_at), which are gone by design.
    Result<QSet<QString>> expected() const;
    // Whether a photo points at this file now (asked again just before deleting it).
    Result<bool> isReferenced(const QString &sha256) const;
    // Forgets a file's row when no photo points at it (its file was deleted).
    Status forgetUnreferenced(const QString &sha256) const;

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
