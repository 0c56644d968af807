// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabRecords.h"

#include "base/Time.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "catalog/ForwardQueue.h"
#include "lab/LabOverview.h"
#include "retention/ExpiryReason.h"

namespace Keepsake::LabRecords {

namespace {

QJsonValue idOrNull(const std::optional<qint64> &id)
{
    return id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonObject customer(const Customer &c)
{
    return {
        { QStringLiteral("id"), c.id },
        { QStringLiteral("code"), c.code },
        { QStringLiteral("name"), c.name },
        { QStringLiteral("email"), textOrNull(c.email) },
        { QStringLiteral("phone"), textOrNull(c.phone) },
        { QStringLiteral("language"), textOrNull(c.language) },
        { QStringLiteral("pin"), c.hasPin },
        { QStringLiteral("plan"), textOrNull(c.planRule) },
        { QStringLiteral("home"), textOrNull(c.homeDevice) },
        { QStringLiteral("created"), toCatalogTime(c.createdAt) },
    };
}

QJsonObject album(const AlbumSummary &a)
{
    return {
        { QStringLiteral("id"), a.id },
        { QStringLiteral("title"), a.title },
        { QStringLiteral("owner"), a.ownerCode },
        { QStringLiteral("state"), albumStateName(a.state) },
        { QStringLiteral("expires"), textOrNull(toCatalogDate(a.expires)) },
        { QStringLiteral("reason"), expiryReasonText(a) },
        { QStringLiteral("rule"), textOrNull(a.rule) },
        { QStringLiteral("photos"), a.photos },
        { QStringLiteral("bytes"), a.bytes },
        { QStringLiteral("cover"), idOrNull(a.cover) },
        { QStringLiteral("disc"), textOrNull(a.disc) },
    };
}

QJsonObject photo(const PhotoRecord &p)
{
    return {
        { QStringLiteral("id"), p.id },
        { QStringLiteral("name"), p.name },
        { QStringLiteral("album"), p.albumId },
        { QStringLiteral("taken"), textOrNull(p.taken) },
        { QStringLiteral("camera"), textOrNull(p.camera) },
        { QStringLiteral("size"), p.size },
        { QStringLiteral("sha256"), p.sha256 },
        { QStringLiteral("version_of"), idOrNull(p.versionOf) },
        { QStringLiteral("caption"), textOrNull(p.caption) },
        { QStringLiteral("width"), p.width },
        { QStringLiteral("height"), p.height },
        { QStringLiteral("format"), textOrNull(p.format) },
        { QStringLiteral("device"), textOrNull(p.device) },
        { QStringLiteral("queued"), p.queued },
    };
}

QJsonObject forward(const Forward &f)
{
    return {
        { QStringLiteral("photo"), f.photoId },
        { QStringLiteral("sha256"), f.sha256 },
        { QStringLiteral("size"), f.size },
        { QStringLiteral("to"), f.toDeviceName },
        { QStringLiteral("since"), f.since.isValid() ? QJsonValue(toCatalogTime(f.since)) : QJsonValue() },
        { QStringLiteral("attempts"), f.attempts },
        { QStringLiteral("last_error"), textOrNull(f.lastError) },
        { QStringLiteral("next_attempt"), f.nextAttemptAt.isValid() ? QJsonValue(toCatalogTime(f.nextAttemptAt)) : QJsonValue() },
    };
}

QJsonObject overview(const LabOverview &o)
{
    QJsonObject states;
    for (auto it = o.albumsByState.cbegin(); it != o.albumsByState.cend(); ++it)
        states.insert(it.key(), it.value());
    return {
        { QStringLiteral("data_dir"), o.dataDir },
        { QStringLiteral("catalog"), o.catalog },
        { QStringLiteral("schema"), o.schemaVersion },
        { QStringLiteral("customers"), o.customers },
        { QStringLiteral("albums"), states },
        { QStringLiteral("photos"), o.photos },
        { QStringLiteral("stored_files"), o.storedFiles },
        { QStringLiteral("stored_bytes"), o.storedBytes },
        { QStringLiteral("free_bytes"), o.freeBytes },
        { QStringLiteral("handins_failed"), o.handinsFailed },
        { QStringLiteral("handins_interrupted"), o.handinsInterrupted },
    };
}

} // namespace Keepsake::LabRecords
