// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestWire.h"

#include "base/Time.h"

namespace Keepsake::IngestWire {

namespace {

QJsonValue idOrNull(const std::optional<qint64> &id)
{
    return id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

std::optional<qint64> idFrom(const QJsonValue &value)
{
    return value.isDouble() ? std::optional<qint64>(value.toInteger()) : std::nullopt;
}

// `similar_to` is the photo's id (CLI.md); `similar` carries what a client shows of it.
void putSimilar(QJsonObject &json, const std::optional<SimilarPhoto> &similar)
{
    if (!similar) {
        json.insert(QStringLiteral("similar_to"), QJsonValue::Null);
        json.insert(QStringLiteral("similar"), QJsonValue::Null);
        return;
    }
    json.insert(QStringLiteral("similar_to"), similar->photoId);
    json.insert(QStringLiteral("similar"), QJsonObject {
        { QStringLiteral("photo"), similar->photoId },
        { QStringLiteral("name"), similar->name },
        { QStringLiteral("handed_in"), textOrNull(toCatalogTime(similar->handedInAt)) },
    });
}

std::optional<SimilarPhoto> similarFrom(const QJsonObject &json)
{
    const std::optional<qint64> photo = idFrom(json.value(QStringLiteral("similar_to")));
    if (!photo)
        return std::nullopt;
    const QJsonObject similar = json.value(QStringLiteral("similar")).toObject();
    return SimilarPhoto { *photo, similar.value(QStringLiteral("name")).toString(),
                          fromCatalogTime(similar.value(QStringLiteral("handed_in")).toString()) };
}

} // namespace

std::optional<IngestOutcome> outcomeFromName(const QString &name)
{
    for (IngestOutcome outcome : { IngestOutcome::New, IngestOutcome::AlreadyReceived, IngestOutcome::NewVersion,
                                   IngestOutcome::Rejected }) {
        if (ingestOutcomeName(outcome) == name)
            return outcome;
    }
    return std::nullopt;
}

QJsonObject recordToJson(const IngestRecord &r)
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
    QJsonObject json {
        { QStringLiteral("path"), r.path },
        { QStringLiteral("outcome"), ingestOutcomeName(r.outcome) },
        { QStringLiteral("photo"), idOrNull(r.photoId) },
        { QStringLiteral("album"), idOrNull(r.albumId) },
        { QStringLiteral("matched"), matched },
        { QStringLiteral("reason"), textOrNull(r.reason) },
        { QStringLiteral("size"), r.size },
    };
    putSimilar(json, r.similar);
    return json;
}

IngestRecord recordFromJson(const QJsonObject &json)
{
    IngestRecord r;
    r.path = json.value(QStringLiteral("path")).toString();
    r.outcome = outcomeFromName(json.value(QStringLiteral("outcome")).toString()).value_or(IngestOutcome::Rejected);
    r.photoId = idFrom(json.value(QStringLiteral("photo")));
    r.albumId = idFrom(json.value(QStringLiteral("album")));
    r.reason = json.value(QStringLiteral("reason")).toString();
    r.size = json.value(QStringLiteral("size")).toInteger();
    const QJsonObject matched = json.value(QStringLiteral("matched")).toObject();
    if (!matched.isEmpty()) {
        r.matched = MatchedPhoto { matched.value(QStringLiteral("photo")).toInteger(),
                                   matched.value(QStringLiteral("name")).toString(),
                                   matched.value(QStringLiteral("album")).toInteger(),
                                   matched.value(QStringLiteral("disc")).toString() };
    }
    r.similar = similarFrom(json);
    return r;
}

QJsonObject summaryToJson(const IngestSummary &s)
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
        { QStringLiteral("card_free_seconds"), s.cardFreeSeconds },
        { QStringLiteral("thumbnail_seconds"), s.thumbnailSeconds },
    };
}

IngestSummary summaryFromJson(const QJsonObject &json)
{
    IngestSummary s;
    s.added = json.value(QStringLiteral("new")).toInt();
    s.alreadyReceived = json.value(QStringLiteral("already_received")).toInt();
    s.newVersions = json.value(QStringLiteral("new_version")).toInt();
    s.rejected = json.value(QStringLiteral("rejected")).toInt();
    s.bytesStored = json.value(QStringLiteral("bytes_stored")).toInteger();
    s.seconds = json.value(QStringLiteral("seconds")).toDouble();
    s.handinId = json.value(QStringLiteral("handin")).toInteger();
    s.pickupCode = json.value(QStringLiteral("pickup_code")).toString();
    s.cancelled = json.value(QStringLiteral("cancelled")).toBool();
    s.cardFreeSeconds = json.value(QStringLiteral("card_free_seconds")).toDouble();
    s.thumbnailSeconds = json.value(QStringLiteral("thumbnail_seconds")).toDouble();
    return s;
}

} // namespace Keepsake::IngestWire
