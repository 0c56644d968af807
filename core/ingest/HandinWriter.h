// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FileInspector.h"
#include "IngestTypes.h"
#include "base/Error.h"
#include "catalog/StoragePlaces.h"
#include "store/BlobStore.h"
#include "store/StoreLock.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace Keepsake {

class Lab;

// Writes a hand-in's photos in durable batches: each photo's bytes go to the store
// and its rows into an open catalog transaction; flush() makes the files durable and
// only then commits the rows (DESIGN.md, "Store"). A failure rolls the batch back
// and leaves at most unreferenced files. From its first file to its commit a batch
// holds the store's lock shared, so that check --repair never takes its files for
// unreferenced ones (StoreLock). On a device of a chain each photo names the device
// that is to keep it (StoragePlaces); one kept elsewhere gets its forward in the same
// transaction, and its bytes stay in this store until it is delivered.
class HandinWriter
{
public:
    static constexpr int BatchFiles = 64;
    static constexpr qint64 BatchBytes = qint64(256) << 20;

    // The album title is kept on one line (runs of white space, line breaks too, become
    // one space, as a rename does): it goes into mail subjects and onto prints.
    HandinWriter(const Lab &lab, qint64 customerId, qint64 handinId, QString albumTitle);
    ~HandinWriter();

    struct Stored { qint64 photoId = 0; qint64 albumId = 0; };
    // Stores one accepted file as a photo of the customer (a version of versionOf).
    Result<Stored> stage(const InspectedFile &file, std::optional<qint64> versionOf);
    bool batchFull() const;
    // Something is staged: a transaction is open and the store's lock held until flush().
    bool holdsBatch() const { return m_open; }
    // Makes the batch durable and commits it, with the hand-in's counts so far.
    Status flush(const IngestSummary &counts);
    void rollback();

    // The files handed in are the lab's own, on the store's file system, and change no
    // more (a device's spool): they are linked into the store instead of copied.
    void setLinkSources(bool link) { m_linkSources = link; }

    // Test hook: called in flush() once the batch's files are in place, before its
    // rows are committed — the moment a careless repair would take them for leftovers.
    void setBeforeCommitHook(std::function<void()> hook) { m_beforeCommitHook = std::move(hook); }

private:
    Result<qint64> albumFor(const InspectedFile &file);
    Result<qint64> createAlbum(const QString &title, const QDate &groupDate);
    Status insertPhoto(const InspectedFile &file, qint64 albumId, std::optional<qint64> versionOf,
                       qint64 &photoId);
    // The device to keep the photo: none when this data folder is no device.
    Result<std::optional<qint64>> placeFor(const InspectedFile &file);
    Status forwardIfElsewhere(const InspectedFile &file, qint64 photoId, std::optional<qint64> device);
    Status begin();
    Status addFromSource(const InspectedFile &file);

    const Lab &m_lab;
    qint64 m_customerId;
    qint64 m_handinId;
    QString m_albumTitle;
    QDateTime m_now;
    QSqlDatabase m_db;
    bool m_open = false;
    std::optional<StoreLock> m_storeLock;   // while a batch is open
    BlobStore::Batch m_batch;
    QHash<QString, qint64> m_albums;   // "d:2026-06-01" or "t:Title" → album id
    std::optional<StoragePlaces> m_places;   // on a device, once its transaction is open
    std::function<void()> m_beforeCommitHook;
    bool m_linkSources = false;
};

} // namespace Keepsake
