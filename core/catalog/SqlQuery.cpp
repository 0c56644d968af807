// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlQuery.h"

#include "CatalogLog.h"

#include <QCoreApplication>
#include <QSqlError>

namespace Keepsake {

SqlQuery::SqlQuery(const QSqlDatabase &db, const QString &sql) : m_query(db), m_sql(sql)
{
    m_query.setForwardOnly(true);
    m_prepared = m_query.prepare(sql);
}

Status SqlQuery::execDirect(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return Status::success();
    const QString detail = query.lastError().text();
    qCWarning(lcCatalog) << "SQL failed:" << sql << detail;
    return Error::failure(QCoreApplication::translate("Keepsake::Catalog",
        "The catalog refused a change (%1). Check that the catalog is reachable and that this "
        "program may change it.").arg(detail));
}

SqlQuery &SqlQuery::bind(const QString &placeholder, const QVariant &value)
{
    m_query.bindValue(placeholder, value);
    return *this;
}

Status SqlQuery::exec()
{
    if (!m_prepared || !m_query.exec())
        return failure();
    return Status::success();
}

Result<qint64> SqlQuery::execReturningId()
{
    if (!m_prepared || !m_query.exec() || !m_query.next())
        return failure();
    return m_query.value(0).toLongLong();
}

Result<bool> SqlQuery::execFindsRow()
{
    if (Status status = exec(); !status)
        return status.error();
    bool found = false;
    while (m_query.next())
        found = true;
    return found;
}

Error SqlQuery::failure() const
{
    const QString detail = m_query.lastError().text();
    qCWarning(lcCatalog) << "SQL failed:" << m_sql << detail;
    return Error::failure(QCoreApplication::translate("Keepsake::Catalog",
        "The catalog refused a change or a query (%1). Check that the catalog is reachable "
        "and not full; nothing was half-changed.").arg(detail));
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace Keepsake
