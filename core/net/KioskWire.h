// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/CustomerAlbums.h"
#include "notify/Notice.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace Keepsake {

// What a device tells a kiosk that is its client (claim 3): the signed-in customer's
// albums and photos as the customer sees them, their notices, and a list of photo
// IDs. The records are those of LabRecords (CLI.md, "Output"), an album with its
// owner's ID and name added so that a shared album shows whose it is. Both ends use
// these functions: the device's routes write, the kiosk reads.
namespace KioskWire {

QJsonObject viewToJson(const CustomerAlbumsView &view);
CustomerAlbumsView viewFromJson(const QJsonObject &json);
Customer customerFromJson(const QJsonObject &json);
AlbumSummary albumFromJson(const QJsonObject &json);
PhotoRecord photoFromJson(const QJsonObject &json);

QJsonObject noticeToJson(const Notice &notice);
Notice noticeFromJson(const QJsonObject &json);

QJsonArray idsToJson(const QList<qint64> &ids);
QList<qint64> idsFromJson(const QJsonArray &json);

} // namespace KioskWire

} // namespace Keepsake
