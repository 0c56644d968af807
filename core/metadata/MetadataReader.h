// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PhotoMetadata.h"
#include "base/Error.h"

#include <QByteArray>

namespace Keepsake {

// Reads a photo's metadata through exiv2, behind the process-wide Exiv2Gate. Every
// exiv2 exception becomes an Error, exiv2's own log goes to the keepsake.core.metadata
// category, and hostile files never take the program down. An error here never rejects a photo: it only leaves it without
// identity (DESIGN.md, "Accepted or rejected").
class MetadataReader
{
public:
    // From bytes in memory: a whole file, or only its first part (the head of a card
    // file, see ingest) — a truncated buffer yields what could be read.
    Result<PhotoMetadata> read(const QByteArray &data) const;
    Result<PhotoMetadata> readFile(const QString &path) const;

    // The largest embedded JPEG preview as encoded bytes, or empty. exiv2 also lists
    // TIFF previews it rebuilds from a RAW's image directories; those can come out as
    // a bare header without their pixels (an iPhone DNG's full-size image does), and a
    // thumbnail or a disc's rendition has no use for them.
    QByteArray largestJpegPreview(const QByteArray &data) const;
    // The embedded JPEG preview of this pixel size (as PhotoMetadata::previews lists
    // it), or empty; the largest when the size is not valid.
    QByteArray jpegPreview(const QByteArray &data, QSize size) const;
};

} // namespace Keepsake
