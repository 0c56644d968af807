// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace Keepsake {

// A prepared statement with bound parameters whose failures come back as Errors
// naming what the catalog said. All SQL in Keepsake goes through bound parameters.
class SqlQuery
{
public:
    SqlQuery(const QSqlDatabase &db, const QString &sql);

    // A statement without parameters, run as it is: schema changes (PostgreSQL cannot
    // prepare DDL), pragmas, locks.
    static Status execDirect(const QSqlDatabase &db, const QString &sql);

    SqlQuery &bind(const QString &placeholder, const QVariant &value);
    Status exec();
    // For "INSERT ... RETURNING id": runs it and gives the new row's id.
    Result<qint64> execReturningId();
    // Runs the query and tells whether it gave any row (the result read whole).
    Result<bool> execFindsRow();

    bool next() { return m_query.next(); }
    // No more rows are read: the statement lets go of the catalog (on SQLite its read
    // snapshot), so that a write may follow on this connection without being refused
    // as "database is locked" while another connection writes.
    void finish() { m_query.finish(); }
    QVariant value(int column) const { return m_query.value(column); }
    QVariant value(const QString &name) const { return m_query.value(name); }
    QString text(int column) const { return m_query.value(column).toString(); }
    qint64 integer(int column) const { return m_query.value(column).toLongLong(); }
    int affectedRows() const { return m_query.numRowsAffected(); }

private:
    Error failure() const;

    QSqlQuery m_query;
    QString m_sql;
    bool m_prepared = false;
};

// A null QVariant for empty strings, so that absent values stay NULL in the catalog.
QVariant nullIfEmpty(const QString &text);

} // namespace Keepsake
