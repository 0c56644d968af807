// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"

#include <QStringList>

#include <functional>
#include <optional>

namespace Keepsake {

class BlobStore;
class Catalog;
class Lab;

// Whether the photo store and the catalog agree (`keepsakectl check`): files no row
// references (left by an interrupted write), rows whose file is missing, and files
// whose bytes no longer match their hash. On a device of a chain it checks that
// device's files only (catalog/StoredFiles says which): the photos it holds, and
// the files it still owes another device.
class StoreCheck
{
public:
    struct Report
    {
        QStringList unreferenced;   // paths of stored or temporary files nothing references
        QStringList missing;        // hashes referenced by the catalog with no file
        QStringList damaged;        // hashes whose file's bytes have another hash
        int checked = 0;
        bool clean() const { return unreferenced.isEmpty() && missing.isEmpty() && damaged.isEmpty(); }
    };

    StoreCheck(const Catalog &catalog, const BlobStore &store, std::optional<qint64> deviceId = std::nullopt)
        : m_catalog(catalog), m_store(store), m_deviceId(deviceId) { }
    // The lab's store, as the device the lab is (if it is one).
    explicit StoreCheck(const Lab &lab);

    // progress(done, total) is called from the checking thread.
    Result<Report> run(const CancelToken &cancel, const std::function<void(int, int)> &progress) const;
    // Deletes the unreferenced files of a report (and rows of files nothing uses).
    // Holds the store's lock exclusively while it deletes (no hand-in is then between
    // storing a batch and committing it) and asks the catalog again about each file:
    // one a hand-in committed since the report is kept.
    Result<int> repair(const Report &report) const;

private:
    const Catalog &m_catalog;
    const BlobStore &m_store;
    std::optional<qint64> m_deviceId;
};

} // namespace Keepsake
