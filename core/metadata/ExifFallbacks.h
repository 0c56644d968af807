// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

namespace Keepsake::ExifFallbacks {

// Where exiv2 0.27 cannot find a file's EXIF, these find the raw TIFF-structured
// blocks so the one exiv2 wrapper can still decode them. Each returns TIFF data
// ("II*\0"/"MM\0*" first), or nothing. Internal to core/metadata.

// HEIC/HEIF: the primary image's Exif item, read through libheif (exiv2 0.27.6 gives
// up on some phone files, e.g. on an ICC profile it does not like).
QByteArray heifExif(const QByteArray &data);

// Canon CR3: the CMT1 (IFD0) and CMT2 (Exif IFD) boxes, in that order.
QList<QByteArray> cr3Tiffs(const QByteArray &data);

} // namespace Keepsake::ExifFallbacks
