// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhoneUploads.h"

#include "AlbumAccess.h"
#include "AuditLog.h"
#include "Catalog.h"
#include "CatalogLog.h"
#include "SqlQuery.h"
#include "Terminals.h"
#include "WebSessions.h"
#include "base/Time.h"

namespace Keepsake {

namespace {

const char *const Columns =
    "SELECT id, customer_id, state, files, bytes, handin_ref, summary, error, created_at, expires_at "
    "FROM phone_uploads WHERE ";

} // namespace

bool PhoneUpload::takesFiles(const QDateTime &now) const
{
    return (state == QLatin1String("open") || state == QLatin1String("receiving")) && now < expires;
}

Result<PhoneUploads::Opened> PhoneUploads::open(const Actor &actor, qint64 customerId, std::optional<qint64> deviceId,
                                                const QDateTime &now) const
{
    Opened opened;
    opened.token = WebSessions::newToken();
    const Status made = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (Status allowed = AlbumAccess::checkCustomer(db, actor, customerId, AlbumAccess::Need::Change); !allowed)
            return allowed;
        SqlQuery insert(db, QStringLiteral(
            "INSERT INTO phone_uploads (token_hash, customer_id, device_id, made_by, created_at, expires_at) "
            "VALUES (:hash, :customer, :device, :by, :now, :expires) RETURNING id"));
        insert.bind(QStringLiteral(":hash"), Terminals::tokenHash(opened.token))
            .bind(QStringLiteral(":customer"), customerId)
            .bind(QStringLiteral(":device"), deviceId ? QVariant(*deviceId) : QVariant(QMetaType(QMetaType::LongLong)))
            .bind(QStringLiteral(":by"), actor.auditText())
            .bind(QStringLiteral(":now"), toCatalogTime(now))
            .bind(QStringLiteral(":expires"), toCatalogTime(now.addSecs(ValidMinutes * 60)));
        const Result<qint64> id = insert.execReturningId();
        if (!id)
            return id.error();
        opened.upload = PhoneUpload { *id, customerId, QStringLiteral("open"), 0, 0, {}, {}, {}, now.toUTC(),
                                      now.addSecs(ValidMinutes * 60).toUTC() };
        return AuditLog::record(db, { 0, now, actor.auditText(), QStringLiteral("phone_upload_opened"), customerId,
                                      std::nullopt, { { QStringLiteral("upload"), *id } } });
    });
    if (!made)
        return made.error();
    qCInfo(lcCatalog) << "Phone upload" << opened.upload.id << "opened for customer" << customerId;
    return opened;
}

Result<PhoneUpload> PhoneUploads::byToken(const QString &token) const
{
    return select(QStringLiteral("token_hash = :value"), Terminals::tokenHash(token));
}

Result<PhoneUpload> PhoneUploads::read(const Actor &actor, qint64 uploadId) const
{
    Result<PhoneUpload> upload = select(QStringLiteral("id = :value"), uploadId);
    if (!upload)
        return upload;
    if (Status allowed = AlbumAccess::checkCustomer(m_catalog.db(), actor, upload->customerId, AlbumAccess::Need::Read);
        !allowed)
        return allowed.error();
    return upload;
}

Result<PhoneUpload> PhoneUploads::select(const QString &where, const QVariant &value) const
{
    SqlQuery query(m_catalog.db(), QString::fromLatin1(Columns) + where);
    query.bind(QStringLiteral(":value"), value);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(tr("This upload address is unknown: scan the code the kiosk shows again."));
    PhoneUpload upload { query.integer(0), query.integer(1), query.text(2), int(query.integer(3)), query.integer(4),
                         query.text(5), query.text(6), query.text(7), fromCatalogTime(query.text(8)),
                         fromCatalogTime(query.text(9)) };
    query.finish();
    return upload;
}

Status PhoneUploads::update(const QString &sql, qint64 uploadId, const QDateTime &now) const
{
    SqlQuery query(m_catalog.db(), sql);
    query.bind(QStringLiteral(":id"), uploadId);
    if (now.isValid())
        query.bind(QStringLiteral(":now"), toCatalogTime(now));
    return query.exec();
}

Status PhoneUploads::begin(qint64 uploadId, const QString &handinRef, const QDateTime &now) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "UPDATE phone_uploads SET state = 'receiving', handin_ref = :ref WHERE id = :id AND state = 'open' "
        "AND expires_at > :now"));
    query.bind(QStringLiteral(":ref"), handinRef).bind(QStringLiteral(":id"), uploadId)
        .bind(QStringLiteral(":now"), toCatalogTime(now));
    if (Status status = query.exec(); !status)
        return status;
    if (query.affectedRows() == 0)
        return Error::refused(tr("This upload address has expired or was used: ask the kiosk for a new code."));
    return Status::success();
}

Status PhoneUploads::fileArrived(qint64 uploadId, qint64 bytes, const QDateTime &now) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "UPDATE phone_uploads SET files = files + 1, bytes = bytes + :bytes, expires_at = :expires "
        "WHERE id = :id AND state = 'receiving'"));
    query.bind(QStringLiteral(":bytes"), bytes).bind(QStringLiteral(":id"), uploadId)
        .bind(QStringLiteral(":expires"), toCatalogTime(now.addSecs(ValidMinutes * 60)));
    return query.exec();
}

Status PhoneUploads::ingesting(qint64 uploadId) const
{
    return update(QStringLiteral("UPDATE phone_uploads SET state = 'ingesting' WHERE id = :id AND state = 'receiving'"),
                  uploadId);
}

Status PhoneUploads::finish(qint64 uploadId, bool ok, const QString &summary, const QString &error,
                            const QDateTime &now) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "UPDATE phone_uploads SET state = :state, summary = :summary, error = :error, finished_at = :now "
        "WHERE id = :id AND state IN ('open', 'receiving', 'ingesting')"));
    query.bind(QStringLiteral(":state"), ok ? QStringLiteral("done") : QStringLiteral("failed"))
        .bind(QStringLiteral(":summary"), nullIfEmpty(summary))
        .bind(QStringLiteral(":error"), nullIfEmpty(error))
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":id"), uploadId);
    return query.exec();
}

} // namespace Keepsake
