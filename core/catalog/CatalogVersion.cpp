// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CatalogVersion.h"

#include "Catalog.h"
#include "SqlQuery.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

// The tables whose changes the windows show.
const char *const WatchedTables[] = { "customers", "albums", "photos", "shares", "notices",
                                      "handins", "discs", "audit" };

} // namespace

Result<qint64> CatalogVersion::read() const
{
    SqlQuery query(m_catalog.db(), m_catalog.isPostgres()
                                       ? QStringLiteral("SELECT last_value FROM catalog_version_seq")
                                       : QStringLiteral("SELECT version FROM catalog_version"));
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::failure(QCoreApplication::translate("Keepsake::Catalog",
            "The catalog has no change counter (catalog_version). Open it once with this version of Keepsake "
            "to bring its schema up to date."));
    const qint64 version = query.integer(0);
    query.finish();
    return version;
}

bool CatalogVersion::movesBeforeCommit() const
{
    return m_catalog.isPostgres();
}

QStringList CatalogVersion::migration(bool postgres)
{
    QStringList sql;
    if (postgres) {
        sql << QStringLiteral("CREATE SEQUENCE catalog_version_seq")
            << QStringLiteral("CREATE FUNCTION catalog_changed() RETURNS trigger LANGUAGE plpgsql AS "
                              "$$ BEGIN PERFORM nextval('catalog_version_seq'); RETURN NULL; END $$");
        for (const char *table : WatchedTables)
            sql << QStringLiteral("CREATE TRIGGER %1_changed AFTER INSERT OR UPDATE OR DELETE ON %1 "
                                  "FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed()").arg(QLatin1String(table));
        return sql;
    }
    sql << QStringLiteral("CREATE TABLE catalog_version (version INTEGER NOT NULL)")
        << QStringLiteral("INSERT INTO catalog_version (version) VALUES (1)");
    for (const char *table : WatchedTables) {
        for (const char *event : { "INSERT", "UPDATE", "DELETE" })
            sql << QStringLiteral("CREATE TRIGGER %1_%2_changed AFTER %3 ON %1 BEGIN "
                                  "UPDATE catalog_version SET version = version + 1; END")
                       .arg(QLatin1String(table), QString::fromLatin1(event).toLower(), QLatin1String(event));
    }
    return sql;
}

} // namespace Keepsake
