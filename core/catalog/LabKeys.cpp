// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabKeys.h"

#include "Catalog.h"
#include "CatalogLog.h"
#include "SqlQuery.h"
#include "base/Time.h"

namespace Keepsake {

Status LabKeys::record(const RegisteredLabKey &key, const QDateTime &now) const
{
    const QString publicKey = QString::fromLatin1(key.publicKey.toBase64());
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        // Two devices starting at once both insert; the second insert does nothing.
        SqlQuery insert(db, QStringLiteral(
            "INSERT INTO lab_keys (key_id, public_key, device_id, created_at) VALUES (:id, :key, :device, :now) "
            "ON CONFLICT (key_id) DO NOTHING"));
        insert.bind(QStringLiteral(":id"), key.keyId)
            .bind(QStringLiteral(":key"), publicKey)
            .bind(QStringLiteral(":device"), key.deviceId ? QVariant(*key.deviceId) : QVariant(QMetaType(QMetaType::LongLong)))
            .bind(QStringLiteral(":now"), toCatalogTime(now));
        if (Status status = insert.exec(); !status)
            return status;
        if (insert.affectedRows() == 1)
            qCInfo(lcCatalog).noquote() << "Registered the lab key" << key.keyId << "with the chain";
        SqlQuery stored(db, QStringLiteral("SELECT public_key FROM lab_keys WHERE key_id = :id"));
        stored.bind(QStringLiteral(":id"), key.keyId);
        if (Status status = stored.exec(); !status)
            return status;
        if (!stored.next() || stored.text(0) != publicKey)
            return Error::failure(tr("The catalog holds another public key under the lab key ID %1. Discs signed with "
                                     "this data folder's key cannot be told apart from another's: ask the chain's "
                                     "administrator to check the table lab_keys.").arg(key.keyId));
        if (!key.deviceId)
            return Status::success();
        SqlQuery device(db, QStringLiteral("UPDATE lab_keys SET device_id = :device WHERE key_id = :id AND device_id IS NULL"));
        device.bind(QStringLiteral(":device"), *key.deviceId).bind(QStringLiteral(":id"), key.keyId);
        return device.exec();
    });
}

Result<QList<RegisteredLabKey>> LabKeys::list() const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT key_id, public_key, device_id, created_at FROM lab_keys ORDER BY created_at, key_id"));
    if (Status status = query.exec(); !status)
        return status.error();
    QList<RegisteredLabKey> keys;
    while (query.next()) {
        RegisteredLabKey key;
        key.keyId = query.text(0);
        key.publicKey = QByteArray::fromBase64(query.text(1).toLatin1());
        if (!query.value(2).isNull())
            key.deviceId = query.integer(2);
        key.createdAt = fromCatalogTime(query.text(3));
        keys.append(key);
    }
    return keys;
}

} // namespace Keepsake
