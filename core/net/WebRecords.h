// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

namespace Keepsake {

struct AlbumSummary;
struct Notice;
struct PhotoRecord;
struct WebPerson;

// The JSON the customers' page reads (README, "The customers' web page").
namespace WebRecords {

QJsonObject me(const WebPerson &person);
QJsonObject album(const AlbumSummary &album, const WebPerson &person);
QJsonObject photo(const PhotoRecord &photo);
QJsonObject notice(const Notice &notice);

} // namespace WebRecords

} // namespace Keepsake
