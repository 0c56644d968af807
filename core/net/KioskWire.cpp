// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KioskWire.h"

#include "LabRecords.h"
#include "base/Time.h"

namespace Keepsake::KioskWire {

namespace {

QString text(const QJsonObject &json, const char *key)
{
    return json.value(QLatin1String(key)).toString();
}

qint64 number(const QJsonObject &json, const char *key)
{
    return json.value(QLatin1String(key)).toInteger();
}

} // namespace

QJsonObject viewToJson(const CustomerAlbumsView &view)
{
    QJsonArray albums;
    for (const AlbumSummary &album : view.albums) {
        QJsonObject record = LabRecords::album(album);
        record.insert(QStringLiteral("owner_id"), album.ownerId);
        record.insert(QStringLiteral("owner_name"), album.ownerName);
        albums.append(record);
    }
    QJsonArray photos;
    for (const PhotoRecord &photo : view.photos) {
        QJsonObject record = LabRecords::photo(photo);
        record.insert(QStringLiteral("caption"), photo.caption);
        photos.append(record);
    }
    return { { QStringLiteral("customer"), LabRecords::customer(view.customer) },
             { QStringLiteral("albums"), albums },
             { QStringLiteral("photos"), photos } };
}

CustomerAlbumsView viewFromJson(const QJsonObject &json)
{
    CustomerAlbumsView view;
    view.customer = customerFromJson(json.value(QStringLiteral("customer")).toObject());
    for (const QJsonValue &album : json.value(QStringLiteral("albums")).toArray())
        view.albums.append(albumFromJson(album.toObject()));
    for (const QJsonValue &photo : json.value(QStringLiteral("photos")).toArray())
        view.photos.append(photoFromJson(photo.toObject()));
    return view;
}

Customer customerFromJson(const QJsonObject &json)
{
    Customer customer;
    customer.id = number(json, "id");
    customer.code = text(json, "code");
    customer.name = text(json, "name");
    customer.email = text(json, "email");
    customer.phone = text(json, "phone");
    customer.language = text(json, "language");
    customer.hasPin = json.value(QStringLiteral("pin")).toBool();
    customer.planRule = text(json, "plan");
    customer.homeDevice = text(json, "home");
    customer.createdAt = fromCatalogTime(text(json, "created"));
    return customer;
}

AlbumSummary albumFromJson(const QJsonObject &json)
{
    AlbumSummary album;
    album.id = number(json, "id");
    album.title = text(json, "title");
    album.ownerId = number(json, "owner_id");
    album.ownerCode = text(json, "owner");
    album.ownerName = text(json, "owner_name");
    album.state = albumStateFromName(text(json, "state")).value_or(AlbumState::Active);
    album.expires = fromCatalogDate(text(json, "expires"));
    album.rule = text(json, "rule");
    album.photos = int(number(json, "photos"));
    album.bytes = number(json, "bytes");
    if (json.value(QStringLiteral("cover")).isDouble())
        album.cover = number(json, "cover");
    album.disc = text(json, "disc");
    return album;
}

PhotoRecord photoFromJson(const QJsonObject &json)
{
    PhotoRecord photo;
    photo.id = number(json, "id");
    photo.albumId = number(json, "album");
    photo.name = text(json, "name");
    photo.taken = text(json, "taken");
    photo.camera = text(json, "camera");
    photo.size = number(json, "size");
    photo.sha256 = text(json, "sha256");
    if (json.value(QStringLiteral("version_of")).isDouble())
        photo.versionOf = number(json, "version_of");
    photo.width = int(number(json, "width"));
    photo.height = int(number(json, "height"));
    photo.format = text(json, "format");
    photo.caption = text(json, "caption");
    photo.device = text(json, "device");
    photo.queued = json.value(QStringLiteral("queued")).toBool();
    return photo;
}

QJsonObject noticeToJson(const Notice &notice)
{
    return { { QStringLiteral("id"), notice.id },
             { QStringLiteral("album"), notice.albumId },
             { QStringLiteral("subject"), notice.subject },
             { QStringLiteral("body"), notice.body },
             { QStringLiteral("state"), notice.state },
             { QStringLiteral("created"), toCatalogTime(notice.createdAt) },
             // What a kiosk words the notice from, in its own language.
             { QStringLiteral("kind"), NoticeEvent::kindName(notice.kind) },
             { QStringLiteral("date"), toCatalogDate(notice.eventDate) },
             { QStringLiteral("role"), notice.role },
             { QStringLiteral("album_title"), notice.albumTitle },
             { QStringLiteral("disc"), notice.discId },
             { QStringLiteral("pickup"), notice.pickupCode },
             { QStringLiteral("deleted_on"), toCatalogDate(notice.copyDeletedOn) } };
}

Notice noticeFromJson(const QJsonObject &json)
{
    Notice notice;
    notice.id = number(json, "id");
    notice.albumId = number(json, "album");
    notice.channel = QStringLiteral("terminal");
    notice.subject = text(json, "subject");
    notice.body = text(json, "body");
    notice.state = text(json, "state");
    notice.createdAt = fromCatalogTime(text(json, "created"));
    // A device of an earlier version sends no kind: the notice is shown by its subject.
    if (const auto kind = NoticeEvent::kindFromName(text(json, "kind"))) {
        notice.kind = *kind;
        notice.eventDate = fromCatalogDate(text(json, "date"));
    }
    notice.role = text(json, "role");
    notice.albumTitle = text(json, "album_title");
    notice.discId = text(json, "disc");
    notice.pickupCode = text(json, "pickup");
    notice.copyDeletedOn = fromCatalogDate(text(json, "deleted_on"));
    return notice;
}

QJsonArray idsToJson(const QList<qint64> &ids)
{
    QJsonArray array;
    for (const qint64 id : ids)
        array.append(id);
    return array;
}

QList<qint64> idsFromJson(const QJsonArray &json)
{
    QList<qint64> ids;
    for (const QJsonValue &value : json)
        ids.append(value.toInteger());
    return ids;
}

} // namespace Keepsake::KioskWire
