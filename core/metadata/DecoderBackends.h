// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ImageDecoder.h"

#include <optional>

// The decoders behind ImageDecoder, one per library. Internal to core/metadata.
namespace Keepsake::DecoderBackends {

// maxEdge for "is there a picture?" only: no rendition is kept (see ImageDecoder::check).
inline constexpr int VerifyOnly = -1;

// Pictures larger than this are refused before anything is allocated for them.
inline constexpr qint64 MaxPixels = 200'000'000;

// JPEG, PNG, TIFF through Qt's image readers (JPEG decoded at a reduced DCT scale).
DecodedImage decodeWithQt(const QByteArray &data, ImageFormat expected, int maxEdge);
// HEIC/HEIF through libheif, its transformations (irot, imir, clap) applied.
DecodedImage decodeHeif(const QByteArray &data, int maxEdge);
// Camera RAW through LibRaw. A RAW is accepted only when its preview or its raw data
// decodes from bytes inside the file (issue 12, item 7); LibRaw identifying the camera
// from a header is not enough.
struct RawResult
{
    std::optional<DecodedImage> decoded;   // nothing when LibRaw takes it for no camera file
    bool cutShort = false;                 // LibRaw ran into the end of the data while reading it
};
RawResult decodeRaw(const QByteArray &data, int maxEdge);

// What LibRaw makes of the first bytes of a larger file, without the rest.
enum class RawHead { Camera, NeedsMore, NotRaw };
RawHead probeRawHead(const QByteArray &head);

// The reason given for a RAW file whose picture data is cut off.
QString incompleteRawReason();

// Scales down (never up) so that the long edge is at most maxEdge.
QImage fitWithin(const QImage &image, int maxEdge);

} // namespace Keepsake::DecoderBackends
