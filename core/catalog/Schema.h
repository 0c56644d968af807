// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QSqlDatabase>
#include <QStringList>

namespace Keepsake {

// The catalog's tables, as numbered migrations written once for SQLite and
// PostgreSQL. A migration is never edited after it shipped: change the schema by
// adding the next one.
class Schema
{
public:
    enum class Dialect { Sqlite, Postgres };

    explicit Schema(Dialect dialect) : m_dialect(dialect) { }

    int latestVersion() const;
    Status ensureVersionTable(QSqlDatabase &db) const;
    // Applies every migration after `from`, inside the caller's transaction.
    Status migrate(QSqlDatabase &db, int from) const;

private:
    QStringList statements(int version) const;
    QString adapt(QString sql) const;

    Dialect m_dialect;
};

} // namespace Keepsake
