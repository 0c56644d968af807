// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Keepsake {

class BlobStore;
class Catalog;
class Clock;

// One recorded album looked at by a purge, and what became of it.
struct PurgeItem
{
    qint64 albumId = 0;
    QString title;
    QString ownerCode;
    QDateTime recordedAt;
    QDateTime graceEnds;
    int photos = 0;
    int unverified = 0;       // photos not on any verified disc session
    bool purge = false;       // may go (or went)
    QString reason;           // why it may or may not
    int filesRemoved = 0;     // stored files no album still needs
    qint64 bytesRemoved = 0;
};

// Deletes the originals of recorded albums (claim 7): only when every photo of the
// album is on a disc session that was verified by reading it back, and grace.days
// have passed since recording. The album becomes `purged`; its photo rows stay (the
// record of what went on which disc), and a stored file is deleted only when no
// photo of an album that is not purged names it. The catalog change commits first,
// the files go after, so a crash leaves at most files that the next purge removes.
// Side by side with other jobs: each album's state is claimed inside its transaction
// (a restore between plan and purge wins, the album is left alone), and files are
// deleted under the store's lock, each asked about once more (StoreLock).
class Purge
{
public:
    Purge(const Catalog &catalog, BlobStore &store, const Clock &clock)
        : m_catalog(catalog), m_store(store), m_clock(clock) { }

    // albumId: only that album (refused with a reason when it may not go yet).
    Result<QList<PurgeItem>> run(std::optional<qint64> albumId, bool dryRun, const QString &actor,
                                 const CancelToken &cancel);

    // Test hook: called between the plan and the first album's purge.
    void setPlannedHook(std::function<void()> hook) { m_plannedHook = std::move(hook); }

private:
    Result<QList<PurgeItem>> plan(std::optional<qint64> albumId, int graceDays);
    Status purgeOne(PurgeItem &item, const QString &actor);
    Status audit(QSqlDatabase &db, const PurgeItem &item, int files, const QDateTime &now, const QString &actor);
    Status removeFiles(const QStringList &files, PurgeItem &item);
    Result<bool> stillUnneeded(const QString &sha);
    Status removeLeftovers();

    const Catalog &m_catalog;
    BlobStore &m_store;
    const Clock &m_clock;
    std::function<void()> m_plannedHook;
};

} // namespace Keepsake
