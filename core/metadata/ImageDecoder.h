// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

#include <optional>

namespace Keepsake {

enum class ImageFormat { Unknown, Jpeg, Png, Tiff, Heif, Raw };

QString imageFormatName(ImageFormat format); // "JPEG", "HEIF", "camera RAW", ...

// What a decoder made of a file: whether it is a picture Keepsake accepts, and a
// small rendition of it.
struct DecodedImage
{
    bool accepted = false;
    ImageFormat format = ImageFormat::Unknown;
    QString mimeType;       // "image/jpeg", "image/heic", "image/x-canon-cr2", ...
    QSize fullSize;         // the picture's real pixel size as stored (before orientation)
    QImage picture;         // decoded at about maxEdge on its long edge (never upscaled),
                            // orientation NOT applied (see Orientation.h); null if not accepted
    bool transformsApplied = false; // true when the decoder already rotated it (HEIF irot/imir)
    QString reason;         // when not accepted: why, in words a clerk understands
};

// Decides by content, never by file name: Qt's readers for JPEG, PNG and TIFF,
// libheif for HEIC/HEIF, LibRaw for camera RAW (identified, its embedded preview
// decoded). Thread-safe: ingest calls it from several threads at once.
class ImageDecoder
{
public:
    // maxEdge bounds the decoded rendition; JPEG is decoded with libjpeg's DCT
    // scaling so that a 12 MP photo decodes fast.
    DecodedImage decode(const QByteArray &data, int maxEdge) const;
    DecodedImage decodeFile(const QString &path, int maxEdge) const;
    // Whether a decoder reads a picture from the data, as cheaply as the format
    // allows (a JPEG's header and first rows): the verdict of decode() without its
    // rendition. Ingest uses it when thumbnails are made later.
    DecodedImage check(const QByteArray &data) const;
    // Whether check() decodes the whole picture all the same (HEIF, PNG): a caller that
    // wants a rendition too had better call decode() alone.
    bool checkDecodesWhole(const QByteArray &data) const;
    // Whether the head of a larger file (its first bytes) can start a picture Keepsake
    // takes: nothing when it can (a decoder must still read the picture from the whole
    // file), else the refusal with its reason. Videos and other files are told from
    // their signatures; a file without a known one is shown to LibRaw. A large file is
    // thus refused without being read whole (issue 12, item 6).
    std::optional<DecodedImage> refuseByHead(const QByteArray &head, qint64 fileSize) const;
};

} // namespace Keepsake
