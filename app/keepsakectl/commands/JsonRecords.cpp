// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonRecords.h"

#include "base/ByteSize.h"
#include "base/Time.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "ingest/IngestTypes.h"
#include "retention/ExpiryReason.h"

#include <QCoreApplication>
#include <QLocale>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Records)
};

QJsonValue idOrNull(const std::optional<qint64> &id)
{
    return id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonObject customerJson(const Customer &c)
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

QJsonObject albumJson(const AlbumSummary &a)
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

QString albumLine(const AlbumSummary &a)
{
    return Tr::tr("%1  %2  [%3]  %n photo(s), %4 — %5", nullptr, a.photos)
        .arg(a.id)
        .arg(a.title, albumStateText(a.state), formatBytes(a.bytes), expiryReasonText(a));
}

QJsonObject photoJson(const PhotoRecord &p)
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
        { QStringLiteral("width"), p.width },
        { QStringLiteral("height"), p.height },
        { QStringLiteral("format"), textOrNull(p.format) },
        { QStringLiteral("device"), textOrNull(p.device) },
        { QStringLiteral("queued"), p.queued },
    };
}

QString photoLine(const PhotoRecord &p)
{
    QString line = QStringLiteral("%1  %2  %3  %4").arg(p.id).arg(p.name, p.taken.isEmpty() ? Tr::tr("(no date)") : p.taken,
                                                         p.camera.isEmpty() ? Tr::tr("(unknown camera)") : p.camera);
    if (p.versionOf)
        line += Tr::tr("  — a version of photo %1").arg(*p.versionOf);
    if (!p.device.isEmpty())
        line += p.queued ? Tr::tr("  [kept on %1, on its way there]").arg(p.device) : Tr::tr("  [kept on %1]").arg(p.device);
    return line;
}

QJsonObject ingestRecordJson(const IngestRecord &r)
{
    QJsonValue matched(QJsonValue::Null);
    if (r.matched) {
        matched = QJsonObject {
            { QStringLiteral("photo"), r.matched->photoId },
            { QStringLiteral("name"), r.matched->name },
            { QStringLiteral("album"), r.matched->albumId },
            { QStringLiteral("disc"), textOrNull(r.matched->disc) },
        };
    }
    return {
        { QStringLiteral("path"), r.path },
        { QStringLiteral("outcome"), ingestOutcomeName(r.outcome) },
        { QStringLiteral("photo"), idOrNull(r.photoId) },
        { QStringLiteral("album"), idOrNull(r.albumId) },
        { QStringLiteral("matched"), matched },
        { QStringLiteral("reason"), textOrNull(r.reason) },
        { QStringLiteral("size"), r.size },
    };
}

QString ingestRecordLine(const IngestRecord &r)
{
    switch (r.outcome) {
    case IngestOutcome::New:
        return Tr::tr("new               %1").arg(r.path);
    case IngestOutcome::NewVersion:
        return Tr::tr("new version       %1 — %2").arg(r.path, r.reason);
    case IngestOutcome::AlreadyReceived: {
        QString line = Tr::tr("already received  %1 — the same as %2 (photo %3)")
                           .arg(r.path, r.matched->name).arg(r.matched->photoId);
        if (!r.matched->disc.isEmpty())
            line += Tr::tr(", on disc %1").arg(r.matched->disc);
        return line;
    }
    case IngestOutcome::Rejected:
        return Tr::tr("rejected          %1 — %2").arg(r.path, r.reason);
    }
    return {};
}

QJsonObject ingestSummaryJson(const IngestSummary &s)
{
    return {
        { QStringLiteral("new"), s.added },
        { QStringLiteral("already_received"), s.alreadyReceived },
        { QStringLiteral("new_version"), s.newVersions },
        { QStringLiteral("rejected"), s.rejected },
        { QStringLiteral("bytes_stored"), s.bytesStored },
        { QStringLiteral("seconds"), s.seconds },
        { QStringLiteral("handin"), s.handinId },
        { QStringLiteral("pickup_code"), s.pickupCode },
        { QStringLiteral("cancelled"), s.cancelled },
    };
}

} // namespace Keepsake
