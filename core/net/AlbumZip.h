// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WebReply.h"
#include "catalog/Albums.h"

#include <QList>

namespace Keepsake {

class Lab;

// An album's originals as one zip, made as it is sent (libarchive, stored without
// compression: photos do not shrink): never whole in memory or on disk, whatever the
// album's size. Photos whose files another device keeps are listed in a text file of
// the zip instead.
namespace AlbumZip {

WebReply reply(const Lab &lab, const AlbumSummary &album, const QList<PhotoRecord> &photos);

} // namespace AlbumZip

} // namespace Keepsake
