// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoredFiles.h"

#include "Catalog.h"
#include "SqlQuery.h"

namespace Keepsake {

Result<QSet<QString>> StoredFiles::expected() const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT DISTINCT p.sha256 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 "
        "WHERE b.removed_at IS NULL"));
    if (Status status = query.exec(); !status)
        return status.error();
    QSet<QString> hashes;
    while (query.next())
        hashes.insert(query.text(0));
    return hashes;
}

Result<bool> StoredFiles::isReferenced(const QString &sha256) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT 1 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 WHERE p.sha256 = :sha AND b.removed_at IS NULL"));
    query.bind(QStringLiteral(":sha"), sha256);
    return query.execFindsRow();
}

Status StoredFiles::forgetUnreferenced(const QString &sha256) const
{
    SqlQuery forget(m_catalog.db(), QStringLiteral(
        "DELETE FROM blobs WHERE sha256 = :sha AND NOT EXISTS (SELECT 1 FROM photos WHERE photos.sha256 = :sha2)"));
    forget.bind(QStringLiteral(":sha"), sha256).bind(QStringLiteral(":sha2"), sha256);
    return forget.exec();
}

} // namespace Keepsake
