// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PictureHasher.h"

#include "MetadataLog.h"
#include "MetadataReader.h"
#include "PhotoMetadata.h"
#include "Thumbnailer.h"

#include <algorithm>

namespace Keepsake {

namespace {

// The smallest JPEG preview that is large enough and shows the whole picture.
std::optional<QSize> previewToUse(const PhotoMetadata &meta, QSize pictureSize)
{
    std::optional<QSize> best;
    for (const EmbeddedPreview &preview : meta.previews) {
        if (!preview.showsWholePicture(pictureSize, PictureHasher::PreviewEdge))
            continue;
        if (!best || preview.size.width() < best->width())
            best = preview.size;
    }
    return best;
}

} // namespace

std::optional<PerceptualHash> PictureHasher::ofDecoded(const DecodedImage &decoded, int exifOrientation)
{
    if (!decoded.accepted || decoded.picture.isNull())
        return std::nullopt;
    // HEIF: the decoder already applied irot/imir; the EXIF orientation is ignored.
    return PerceptualHash::of(decoded.transformsApplied ? decoded.picture
                                                        : applyOrientation(decoded.picture, exifOrientation));
}

std::optional<PerceptualHash> PictureHasher::fromPreview(const QByteArray &data, const PhotoMetadata &meta,
                                                         QSize pictureSize) const
{
    const std::optional<QSize> size = previewToUse(meta, pictureSize);
    if (!size)
        return std::nullopt;
    const QByteArray jpeg = MetadataReader().jpegPreview(data, *size);
    const DecodedImage preview = m_decoder.decode(jpeg, PreviewEdge);
    if (!preview.accepted || preview.format != ImageFormat::Jpeg)
        return std::nullopt;
    return ofDecoded(preview, meta.orientation);
}

PictureHasher::Looked PictureHasher::look(const QByteArray &data, const PhotoMetadata &meta) const
{
    Looked result;
    if (m_decoder.checkDecodesWhole(data)) {
        result.rendition = m_decoder.decode(data, Thumbnailer::PrintEdge);
        result.hash = ofDecoded(result.rendition, meta.orientation);
        result.verdict = result.rendition;
        result.verdict.picture = QImage();
        return result;
    }
    result.verdict = m_decoder.check(data);
    if (!result.verdict.accepted)
        return result;
    if (std::optional<PerceptualHash> hash = fromPreview(data, meta, result.verdict.fullSize)) {
        qCDebug(lcMetadata) << "Perceptual hash from the embedded preview:" << Qt::hex << hash->bits();
        result.hash = hash;
        result.fromPreview = true;
        return result;
    }
    result.rendition = m_decoder.decode(data, Thumbnailer::PrintEdge);
    result.hash = ofDecoded(result.rendition, meta.orientation);
    return result;
}

} // namespace Keepsake
