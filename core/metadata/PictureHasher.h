// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ImageDecoder.h"
#include "PerceptualHash.h"

#include <QByteArray>
#include <QSize>

#include <optional>

namespace Keepsake {

struct PhotoMetadata;

// The perceptual hash of a photo file, from the cheapest rendition that shows its
// picture. A camera's embedded JPEG preview serves when there is one of at least
// PreviewEdge pixels whose shape is the picture's (a letterboxed preview, or a stale
// one of a photo cropped or turned since, has another shape and is passed over):
// decoding a 160 × 120 preview costs a fraction of a millisecond. Otherwise the
// picture itself is decoded small (libjpeg's DCT scaling for a JPEG) — at about
// Thumbnailer::PrintEdge, so that its thumbnails can be made from the same decode.
// Orientation is applied either way. Thread-safe (exiv2 behind its gate).
class PictureHasher
{
public:
    static constexpr int PreviewEdge = 128;

    struct Looked
    {
        // Whether a decoder reads a picture from the file (ImageDecoder::check's verdict,
        // without a picture).
        DecodedImage verdict;
        std::optional<PerceptualHash> hash;   // nothing: too little detail, or no picture read
        bool fromPreview = false;
        // When the picture itself was decoded: that rendition, at about PrintEdge
        // (orientation not applied), for Thumbnailer::saveFrom; else not accepted.
        DecodedImage rendition;
    };

    // Whether a decoder reads a picture from the file, and what the picture looks like.
    // A JPEG is checked as cheaply as the format allows (its header and first rows) and
    // hashed from its preview when one serves, else from a small decode. Where checking
    // decodes the whole picture anyway (HEIF, PNG), that one decode gives the verdict,
    // the hash and the rendition.
    Looked look(const QByteArray &data, const PhotoMetadata &meta) const;

    // The hash of a rendition already decoded (DecodedImage::picture, orientation not applied).
    static std::optional<PerceptualHash> ofDecoded(const DecodedImage &decoded, int exifOrientation);

private:
    std::optional<PerceptualHash> fromPreview(const QByteArray &data, const PhotoMetadata &meta,
                                              QSize pictureSize) const;

    ImageDecoder m_decoder;
};

} // namespace Keepsake
