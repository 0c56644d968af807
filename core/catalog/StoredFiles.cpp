// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoredFiles.h"

#include "Catalog.h"
#include "SqlQuery.h"

namespace Keepsake {

namespace {

// The photos of this store whose file must be here ({where} narrows them to one hash).
const char *const ExpectedHere =
    "SELECT p.sha256 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 "
    "WHERE b.removed_at IS NULL AND p.device_id IS NULL{where}";
const char *const ExpectedOnDevice =
    "SELECT p.sha256 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 "
    "WHERE b.removed_at IS NULL AND p.device_id = :device "
    "AND NOT EXISTS (SELECT 1 FROM forwards f WHERE f.photo_id = p.id){where} "
    "UNION SELECT f.sha256 FROM forwards f JOIN blobs b ON b.sha256 = f.sha256 "
    "WHERE b.removed_at IS NULL AND f.from_device_id = :device2{whereForward}";
// Every file a photo points at: what a data folder that is no device never deletes.
const char *const KeptHere =
    "SELECT p.sha256 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 WHERE b.removed_at IS NULL{where}";
const char *const KeptOnDevice =
    "SELECT p.sha256 FROM photos p JOIN blobs b ON b.sha256 = p.sha256 "
    "WHERE b.removed_at IS NULL AND (p.device_id = :device OR p.device_id IS NULL){where} "
    "UNION SELECT f.sha256 FROM forwards f WHERE f.from_device_id = :device2{whereForward}";

QString statement(const char *sql, bool oneHash)
{
    QString text = QString::fromLatin1(sql);
    text.replace(QLatin1String("{where}"), oneHash ? QLatin1String(" AND p.sha256 = :sha") : QLatin1String(""));
    text.replace(QLatin1String("{whereForward}"), oneHash ? QLatin1String(" AND f.sha256 = :sha2") : QLatin1String(""));
    return text;
}

} // namespace

Result<QSet<QString>> StoredFiles::hashes(const QString &sql) const
{
    SqlQuery query(m_catalog.db(), sql);
    if (m_deviceId)
        query.bind(QStringLiteral(":device"), *m_deviceId).bind(QStringLiteral(":device2"), *m_deviceId);
    if (Status status = query.exec(); !status)
        return status.error();
    QSet<QString> found;
    while (query.next())
        found.insert(query.text(0));
    return found;
}

Result<QSet<QString>> StoredFiles::expected() const
{
    return hashes(statement(m_deviceId ? ExpectedOnDevice : ExpectedHere, false));
}

Result<QSet<QString>> StoredFiles::kept() const
{
    return hashes(statement(m_deviceId ? KeptOnDevice : KeptHere, false));
}

Result<bool> StoredFiles::isReferenced(const QString &sha256) const
{
    SqlQuery query(m_catalog.db(), statement(m_deviceId ? KeptOnDevice : KeptHere, true));
    query.bind(QStringLiteral(":sha"), sha256);
    if (m_deviceId) {
        query.bind(QStringLiteral(":device"), *m_deviceId)
            .bind(QStringLiteral(":device2"), *m_deviceId)
            .bind(QStringLiteral(":sha2"), sha256);
    }
    return query.execFindsRow();
}

Result<QStringList> StoredFiles::holders(const QString &sha256) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT d.name, 0 FROM photos p JOIN devices d ON d.id = p.device_id JOIN blobs b ON b.sha256 = p.sha256 "
        "WHERE p.sha256 = :sha AND b.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM forwards f WHERE f.photo_id = p.id) "
        "UNION SELECT d.name, 1 FROM forwards f JOIN devices d ON d.id = f.from_device_id WHERE f.sha256 = :sha2 "
        "ORDER BY 2, 1"));
    query.bind(QStringLiteral(":sha"), sha256).bind(QStringLiteral(":sha2"), sha256);
    if (Status status = query.exec(); !status)
        return status.error();
    QStringList names;
    while (query.next())
        if (!names.contains(query.text(0)))
            names.append(query.text(0));
    return names;
}

Status StoredFiles::forgetUnreferenced(const QString &sha256) const
{
    SqlQuery forget(m_catalog.db(), QStringLiteral(
        "DELETE FROM blobs WHERE sha256 = :sha AND NOT EXISTS (SELECT 1 FROM photos WHERE photos.sha256 = :sha2)"));
    forget.bind(QStringLiteral(":sha"), sha256).bind(QStringLiteral(":sha2"), sha256);
    return forget.exec();
}

} // namespace Keepsake
