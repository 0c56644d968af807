// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "catalog/AuditLog.h"
#include "catalog/SqlQuery.h"

#include <QDate>
#include <QDateTime>
#include <QSqlDatabase>

#include <optional>

namespace Keepsake {

// The statements an expiry sweep runs for each album it changes, each prepared once
// per sweep (on first use) and run with new bindings for every album, inside the
// sweep's transaction.
class SweepStatements
{
public:
    explicit SweepStatements(const QSqlDatabase &db) : m_db(db) { }

    // Sweeps take turns, whichever device or process runs them (a chain's devices
    // share one catalog): the first statement of a sweep's transaction waits for any
    // other sweep's to end, so that each reads what the one before wrote — one notice
    // per album and date, one expiry. PostgreSQL: a transaction-scoped advisory lock;
    // SQLite: the write lock, taken before anything is read.
    Status takeTurn(bool postgres);

    // `expiring`, told now; `late` also moves the date to give the full notice.
    Status markNoticed(qint64 albumId, const QDateTime &now);
    Status markNoticedLate(qint64 albumId, const QDate &date, const QDateTime &now);
    Status markExpired(qint64 albumId);
    // Over its customer's cap: brought forward to `date`.
    Status bringForward(qint64 albumId, const QDate &date, const QDateTime &now);
    // The same row AuditLog::record writes.
    Status audit(const AuditEntry &entry);

private:
    SqlQuery &prepared(std::optional<SqlQuery> &slot, const char *sql);

    const QSqlDatabase &m_db;
    std::optional<SqlQuery> m_noticed;
    std::optional<SqlQuery> m_late;
    std::optional<SqlQuery> m_expired;
    std::optional<SqlQuery> m_cap;
    std::optional<SqlQuery> m_audit;
};

// The room one sweep gets on a SQLite connection, for as long as this object lives: a
// sweep that catches up on missed days changes thousands of albums, with their notices
// and audit rows, in one transaction. Its statement journals stay in memory (each
// UPDATE and INSERT that may abort keeps one; on disk they were a temporary file
// written for every statement), and its page cache holds the pages it changes until
// the commit (a small cache spills them to the WAL again and again). The connection's
// own settings come back afterwards. Nothing on PostgreSQL.
class SweepRoom
{
public:
    static constexpr int CacheKiB = 64 * 1024;

    SweepRoom(const QSqlDatabase &db, bool postgres);
    ~SweepRoom();
    SweepRoom(const SweepRoom &) = delete;
    SweepRoom &operator=(const SweepRoom &) = delete;

private:
    QSqlDatabase m_db;
    std::optional<QString> m_cacheSize;   // as they were: restored on the way out
    std::optional<QString> m_tempStore;
};

} // namespace Keepsake
