// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebRecords.h"

#include "base/Time.h"
#include "catalog/Albums.h"
#include "catalog/WebSessions.h"
#include "notify/Notice.h"
#include "retention/ExpiryReason.h"

namespace Keepsake::WebRecords {

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonObject me(const WebPerson &person)
{
    return { { QStringLiteral("kind"), person.isCustomer() ? QStringLiteral("customer") : QStringLiteral("viewer") },
             { QStringLiteral("name"), person.name },
             { QStringLiteral("code"), orNull(person.code) },
             { QStringLiteral("email"), orNull(person.email) },
             { QStringLiteral("language"), person.language.isEmpty() ? QStringLiteral("en") : person.language } };
}

QJsonObject album(const AlbumSummary &album, const WebPerson &person)
{
    return { { QStringLiteral("id"), album.id },
             { QStringLiteral("title"), album.title },
             { QStringLiteral("owner"), album.ownerName },
             { QStringLiteral("own"), person.customerId && *person.customerId == album.ownerId },
             { QStringLiteral("state"), albumStateName(album.state) },
             { QStringLiteral("expires"), toCatalogDate(album.expires) },
             { QStringLiteral("reason"), expiryReasonText(album) },
             { QStringLiteral("photos"), album.photos },
             { QStringLiteral("bytes"), album.bytes },
             { QStringLiteral("cover"), album.cover ? QJsonValue(*album.cover) : QJsonValue(QJsonValue::Null) } };
}

QJsonObject photo(const PhotoRecord &photo)
{
    return { { QStringLiteral("id"), photo.id },
             { QStringLiteral("name"), photo.name },
             { QStringLiteral("taken"), orNull(photo.taken) },
             { QStringLiteral("size"), photo.size },
             { QStringLiteral("caption"), photo.caption } };
}

QJsonObject notice(const Notice &notice)
{
    return { { QStringLiteral("id"), notice.id },
             { QStringLiteral("kind"), NoticeEvent::kindName(notice.kind) },
             { QStringLiteral("album"), notice.albumId },
             { QStringLiteral("album_title"), notice.albumTitle },
             { QStringLiteral("date"), toCatalogDate(notice.eventDate) },
             { QStringLiteral("read"), notice.state == QLatin1String("read") },
             { QStringLiteral("subject"), notice.subject },
             { QStringLiteral("text"), notice.body },
             { QStringLiteral("created"), toCatalogTime(notice.createdAt) } };
}

} // namespace Keepsake::WebRecords
