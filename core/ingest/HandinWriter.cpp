// Keepsake – photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "HandinWriter.h"

#include "IngestLog.h"
#include "base/Time.h"
#include "catalog/Catalog.h"
#include "catalog/ForwardQueue.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"
#include "retention/RetentionRule.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>

namespace Keepsake {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::HandinWriter", text);
}

} // namespace

HandinWriter::HandinWriter(const Lab &lab, qint64 customerId, qint64 handinId, QString albumTitle)
    : m_lab(lab), m_customerId(customerId), m_handinId(handinId),
      m_albumTitle(albumTitle.simplified()), m_now(lab.clock().now()), m_batch(lab.store())
{
}

HandinWriter::~HandinWriter()
{
    rollback();
}

Status HandinWriter::begin()
{
    if (m_open)
        return Status::success();
    Result<StoreLock> lock = StoreLock::acquire(m_lab.store(), StoreLock::Mode::Shared);
    if (!lock)
        return lock.error();
    m_db = m_lab.catalog().db();
    if (!m_db.transaction())
        return Error::failure(tr("The catalog cannot start storing photos: %1.").arg(m_db.lastError().text()));
    m_storeLock.emplace(std::move(lock).value());
    m_open = true;
    return Status::success();
}

// A file looked at before, its bytes not kept (one that arrived over the network),
// that cannot be linked into the store: read from where it lies.
Status HandinWriter::addFromSource(const InspectedFile &file)
{
    QFile source(file.absolutePath);
    if (!source.open(QIODevice::ReadOnly))
        return Error::failure(tr("%1 cannot be read (%2).").arg(file.absolutePath, source.errorString()));
    const QByteArray bytes = source.readAll();
    if (bytes.size() != file.size)
        return Error::failure(tr("%1 cannot be read to its end (%2).").arg(file.absolutePath, source.errorString()));
    return m_batch.add(file.sha256, bytes);
}

Result<HandinWriter::Stored> HandinWriter::stage(const InspectedFile &file, std::optional<qint64> versionOf)
{
    if (Status status = begin(); !status)
        return status.error();
    const bool linked = m_linkSources && m_batch.addLinked(file.sha256, file.absolutePath, file.size);
    if (!linked) {
        const Status status = !file.bytes.isNull() ? m_batch.add(file.sha256, file.bytes)
                              : !file.data.isNull() ? m_batch.add(file.sha256, file.data)
                                                    : addFromSource(file);
        if (!status)
            return status.error();
    }
    SqlQuery blob(m_db, QStringLiteral(
        "INSERT INTO blobs (sha256, size, quick_hash, md5, stored_at) VALUES (:sha, :size, :quick, :md5, :now) "
        "ON CONFLICT (sha256) DO UPDATE SET removed_at = NULL, md5 = COALESCE(blobs.md5, excluded.md5)"));
    blob.bind(QStringLiteral(":sha"), file.sha256)
        .bind(QStringLiteral(":size"), file.size)
        .bind(QStringLiteral(":quick"), file.quickHash)
        .bind(QStringLiteral(":md5"), file.md5.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(file.md5))
        .bind(QStringLiteral(":now"), toCatalogTime(m_now));
    if (Status status = blob.exec(); !status)
        return status.error();
    const Result<qint64> album = albumFor(file);
    if (!album)
        return album.error();
    Stored stored;
    stored.albumId = *album;
    if (Status status = insertPhoto(file, stored.albumId, versionOf, stored.photoId); !status)
        return status.error();
    return stored;
}

Result<qint64> HandinWriter::albumFor(const InspectedFile &file)
{
    QDate groupDate;
    QString key;
    if (!m_albumTitle.isEmpty()) {
        key = QStringLiteral("t:") + m_albumTitle;
    } else {
        // The capture date as the camera wrote it, else the hand-in day.
        groupDate = file.metadata.captured ? file.metadata.captured->date() : QDate();
        if (!groupDate.isValid())
            groupDate = m_now.toLocalTime().date();
        key = QStringLiteral("d:") + toCatalogDate(groupDate);
    }
    if (const auto it = m_albums.constFind(key); it != m_albums.cend())
        return *it;

    SqlQuery find(m_db, m_albumTitle.isEmpty()
        ? QStringLiteral("SELECT id FROM albums WHERE owner_id = :owner AND group_kind = 'date' "
                         "AND group_date = :key AND state IN ('active', 'expiring') ORDER BY id LIMIT 1")
        : QStringLiteral("SELECT id FROM albums WHERE owner_id = :owner AND title = :key "
                         "AND state IN ('active', 'expiring') ORDER BY id LIMIT 1"));
    find.bind(QStringLiteral(":owner"), m_customerId)
        .bind(QStringLiteral(":key"), m_albumTitle.isEmpty() ? toCatalogDate(groupDate) : m_albumTitle);
    if (Status status = find.exec(); !status)
        return status.error();
    Result<qint64> id = find.next() ? Result<qint64>(find.integer(0))
                                    : createAlbum(m_albumTitle.isEmpty() ? toCatalogDate(groupDate) : m_albumTitle,
                                                  groupDate);
    if (id)
        m_albums.insert(key, *id);
    return id;
}

Result<qint64> HandinWriter::createAlbum(const QString &title, const QDate &groupDate)
{
    const Result<RetentionRule> rule = ruleForNewAlbums(m_db, m_customerId);
    if (!rule)
        return rule.error();
    const QDate handinDay = m_now.toLocalTime().date();
    SqlQuery insert(m_db, QStringLiteral(
        "INSERT INTO albums (owner_id, group_kind, title, group_date, rule_id, state, created_at, "
        "first_handin_at, expires_on) VALUES (:owner, :kind, :title, :date, :rule, 'active', :now, "
        ":now2, :expires) RETURNING id"));
    insert.bind(QStringLiteral(":owner"), m_customerId)
        .bind(QStringLiteral(":kind"), groupDate.isValid() ? QStringLiteral("date") : QStringLiteral("title"))
        .bind(QStringLiteral(":title"), title)
        .bind(QStringLiteral(":date"), groupDate.isValid() ? QVariant(toCatalogDate(groupDate)) : QVariant(QMetaType(QMetaType::QString)))
        .bind(QStringLiteral(":rule"), rule->id)
        .bind(QStringLiteral(":now"), toCatalogTime(m_now))
        .bind(QStringLiteral(":now2"), toCatalogTime(m_now))
        .bind(QStringLiteral(":expires"), toCatalogDate(rule->expiresOn(handinDay)));
    const Result<qint64> id = insert.execReturningId();
    if (id)
        qCDebug(lcIngest) << "New album" << *id << title << "rule" << rule->name;
    return id;
}

Status HandinWriter::insertPhoto(const InspectedFile &file, qint64 albumId,
                                 std::optional<qint64> versionOf, qint64 &photoId)
{
    const PhotoMetadata &meta = file.metadata;
    const PhotoIdentity &identity = meta.identity;
    const QSize size = file.decoded.fullSize.isValid() ? file.decoded.fullSize : meta.pixelSize;
    const Result<std::optional<qint64>> device = placeFor(file);
    if (!device)
        return device.error();
    SqlQuery insert(m_db, QStringLiteral(
        "INSERT INTO photos (album_id, customer_id, handin_id, sha256, original_name, source_path, "
        "identity_key, taken_at, taken_date, make, model, body_serial, camera, size, width, height, "
        "orientation, format, mime, gps_lat, gps_lon, version_of, device_id, picture_hash, picture_hash_method, "
        "created_at) VALUES (:album, :customer, :handin, :sha, :name, :source, :identity, :taken, :takenDate, "
        ":make, :model, :serial, :camera, :size, :width, :height, :orientation, :format, :mime, :lat, :lon, "
        ":versionOf, :device, :pictureHash, :hashMethod, :now) RETURNING id"));
    insert.bind(QStringLiteral(":album"), albumId)
        .bind(QStringLiteral(":customer"), m_customerId)
        .bind(QStringLiteral(":handin"), m_handinId)
        .bind(QStringLiteral(":sha"), file.sha256)
        .bind(QStringLiteral(":name"), QFileInfo(file.path).fileName())
        .bind(QStringLiteral(":source"), file.path)
        .bind(QStringLiteral(":identity"), identity.isUsable() ? QVariant(identity.key()) : QVariant(QMetaType(QMetaType::QString)))
        .bind(QStringLiteral(":taken"), nullIfEmpty(meta.captured ? meta.captured->toIso() : QString()))
        .bind(QStringLiteral(":takenDate"), nullIfEmpty(meta.captured ? toCatalogDate(meta.captured->date()) : QString()))
        .bind(QStringLiteral(":make"), nullIfEmpty(identity.make))
        .bind(QStringLiteral(":model"), nullIfEmpty(identity.model))
        .bind(QStringLiteral(":serial"), nullIfEmpty(identity.bodySerial))
        .bind(QStringLiteral(":camera"), nullIfEmpty(meta.camera()))
        .bind(QStringLiteral(":size"), file.size)
        .bind(QStringLiteral(":width"), size.width())
        .bind(QStringLiteral(":height"), size.height())
        .bind(QStringLiteral(":orientation"), meta.orientation)
        .bind(QStringLiteral(":format"), imageFormatName(file.decoded.format))
        .bind(QStringLiteral(":mime"), nullIfEmpty(file.decoded.mimeType))
        .bind(QStringLiteral(":lat"), meta.gps ? QVariant(meta.gps->latitude) : QVariant(QMetaType(QMetaType::Double)))
        .bind(QStringLiteral(":lon"), meta.gps ? QVariant(meta.gps->longitude) : QVariant(QMetaType(QMetaType::Double)))
        .bind(QStringLiteral(":versionOf"), versionOf ? QVariant(*versionOf) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":device"), *device ? QVariant(**device) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":pictureHash"), file.pictureHash ? QVariant(file.pictureHash->toCatalog())
                                                               : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":hashMethod"), PerceptualHash::Method)
        .bind(QStringLiteral(":now"), toCatalogTime(m_now));
    const Result<qint64> id = insert.execReturningId();
    if (!id)
        return id.error();
    photoId = *id;
    return forwardIfElsewhere(file, photoId, *device);
}

Result<std::optional<qint64>> HandinWriter::placeFor(const InspectedFile &file)
{
    const std::optional<qint64> receiver = m_lab.deviceId();
    if (!receiver)
        return std::optional<qint64>();
    if (!m_places)
        m_places.emplace(m_db, m_customerId, *receiver);
    const Result<qint64> device = m_places->deviceFor(file.metadata.identity.make, file.metadata.identity.bodySerial);
    if (!device)
        return device.error();
    return std::optional<qint64>(*device);
}

// The receiving device keeps the bytes until the forwarder has delivered them.
Status HandinWriter::forwardIfElsewhere(const InspectedFile &file, qint64 photoId, std::optional<qint64> device)
{
    const std::optional<qint64> receiver = m_lab.deviceId();
    if (!device || !receiver || *device == *receiver)
        return Status::success();
    Forward forward;
    forward.photoId = photoId;
    forward.sha256 = file.sha256;
    forward.size = file.size;
    forward.fromDeviceId = *receiver;
    forward.toDeviceId = *device;
    qCDebug(lcIngest) << "Photo" << photoId << "is kept on device" << *device << "- queued for forwarding";
    return ForwardQueue::enqueue(m_db, forward, m_now);
}

bool HandinWriter::batchFull() const
{
    return m_batch.count() >= BatchFiles || m_batch.bytes() >= BatchBytes;
}

Status HandinWriter::flush(const IngestSummary &counts)
{
    if (Status status = begin(); !status)
        return status;
    if (Status status = m_batch.commit(); !status) {
        rollback();
        return status;
    }
    if (m_beforeCommitHook)
        m_beforeCommitHook();   // the batch's files are in place, its rows not yet committed
    SqlQuery update(m_db, QStringLiteral(
        "UPDATE handins SET new_count = :new, already_count = :already, version_count = :versions, "
        "rejected_count = :rejected, bytes_stored = :bytes WHERE id = :id"));
    update.bind(QStringLiteral(":new"), counts.added)
        .bind(QStringLiteral(":already"), counts.alreadyReceived)
        .bind(QStringLiteral(":versions"), counts.newVersions)
        .bind(QStringLiteral(":rejected"), counts.rejected)
        .bind(QStringLiteral(":bytes"), counts.bytesStored)
        .bind(QStringLiteral(":id"), m_handinId);
    if (Status status = update.exec(); !status) {
        rollback();
        return status;
    }
    if (!m_db.commit()) {
        const QString reason = m_db.lastError().text();
        rollback();
        return Error::failure(tr("The catalog did not keep the stored photos (%1). They were not "
                                 "counted as received; hand the card in again.").arg(reason));
    }
    m_open = false;
    m_storeLock.reset();
    return Status::success();
}

void HandinWriter::rollback()
{
    if (m_open) {
        m_db.rollback();
        m_open = false;
        m_albums.clear();
    }
    m_batch.discard();
    m_storeLock.reset();
}

} // namespace Keepsake
