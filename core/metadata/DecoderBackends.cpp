// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DecoderBackends.h"

#include "MetadataLog.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>

#include <libheif/heif.h>

#include <memory>

namespace Keepsake::DecoderBackends {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ImageDecoder)
};

DecodedImage damaged(const QString &decoderWords)
{
    DecodedImage result;
    result.reason = Tr::tr("The picture data is damaged: %1").arg(decoderWords);
    return result;
}

DecodedImage tooLarge(const QSize &size)
{
    DecodedImage result;
    result.reason = Tr::tr("The picture is too large to open safely (%1 × %2 pixels).")
                        .arg(size.width())
                        .arg(size.height());
    return result;
}

bool absurdSize(const QSize &size)
{
    return qint64(size.width()) * qint64(size.height()) > MaxPixels;
}

QSize boundedSize(const QSize &size, int maxEdge)
{
    const int longEdge = qMax(size.width(), size.height());
    if (maxEdge <= 0 || longEdge <= maxEdge)
        return size;
    const double factor = double(maxEdge) / longEdge;
    return { qMax(1, qRound(size.width() * factor)), qMax(1, qRound(size.height() * factor)) };
}

// A JPEG whose first scan has no entropy-coded data holds no picture, though libjpeg
// would happily paint it grey.
bool jpegHasScanData(const QByteArray &data)
{
    const auto *bytes = reinterpret_cast<const uchar *>(data.constData());
    const qsizetype size = data.size();
    qsizetype at = 2;
    while (at + 4 <= size) {
        if (bytes[at] != 0xFF)
            return true; // not a tidy marker chain; let libjpeg judge
        const uchar marker = bytes[at + 1];
        if (marker == 0xFF) {
            ++at;
            continue;
        }
        if (marker == 0xD9)
            return false;
        const qsizetype length = (qsizetype(bytes[at + 2]) << 8) | bytes[at + 3];
        if (marker == 0xDA)
            return at + 2 + length + 2 <= size;
        at += 2 + length;
    }
    return false;
}

const char *qtFormatName(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg: return "jpeg";
    case ImageFormat::Png: return "png";
    case ImageFormat::Tiff: return "tiff";
    default: return "";
    }
}

QString mimeFor(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg: return QStringLiteral("image/jpeg");
    case ImageFormat::Png: return QStringLiteral("image/png");
    case ImageFormat::Tiff: return QStringLiteral("image/tiff");
    default: return {};
    }
}

// libjpeg scales by 1/2, 1/4, 1/8 inside the DCT: pick the largest that keeps the
// long edge at least maxEdge.
QSize dctScaledSize(const QSize &size, int maxEdge)
{
    int shift = 0;
    while (shift < 3 && (qMax(size.width(), size.height()) >> (shift + 1)) >= maxEdge)
        ++shift;
    return { qMax(1, size.width() >> shift), qMax(1, size.height() >> shift) };
}

} // namespace

QImage fitWithin(const QImage &image, int maxEdge)
{
    const QSize target = boundedSize(image.size(), maxEdge);
    if (target == image.size())
        return image;
    return image.scaled(target, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

DecodedImage decodeWithQt(const QByteArray &data, ImageFormat expected, int maxEdge)
{
    if (expected == ImageFormat::Jpeg && !jpegHasScanData(data))
        return damaged(Tr::tr("the file ends before any picture data"));
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(false);
    const QSize size = reader.size();
    if (reader.format() != qtFormatName(expected))
        return damaged(reader.errorString());
    if (!size.isValid() || size.isEmpty())
        return damaged(Tr::tr("the picture has no size"));
    if (absurdSize(size))
        return tooLarge(size);
    if (expected == ImageFormat::Jpeg && maxEdge == VerifyOnly) {
        // The header and the first rows of the scan: libjpeg stops there. No scaled
        // size with it: Qt clips before it scales, and would blow the clip up to it.
        reader.setClipRect(QRect(0, 0, qMin(8, size.width()), qMin(8, size.height())));
    } else if (expected == ImageFormat::Jpeg && maxEdge > 0) {
        reader.setScaledSize(dctScaledSize(size, maxEdge));
    }
    QImage picture;
    if (!reader.read(&picture) || picture.isNull())
        return damaged(reader.errorString());
    DecodedImage result;
    result.accepted = true;
    result.format = expected;
    result.mimeType = mimeFor(expected);
    result.fullSize = size;
    if (maxEdge != VerifyOnly)
        result.picture = fitWithin(picture, maxEdge);
    return result;
}

// ---- HEIF -------------------------------------------------------------------------

namespace {

struct HeifDeleter
{
    void operator()(heif_context *context) const { heif_context_free(context); }
    void operator()(heif_image_handle *handle) const { heif_image_handle_release(handle); }
    void operator()(heif_image *image) const { heif_image_release(image); }
    void operator()(heif_decoding_options *options) const { heif_decoding_options_free(options); }
};
template <typename T>
using HeifPtr = std::unique_ptr<T, HeifDeleter>;

QString heifWords(const heif_error &error)
{
    return error.message && *error.message ? QString::fromUtf8(error.message)
                                           : Tr::tr("the HEIF decoder gave up");
}

// Decodes the primary image to 8-bit RGB with irot/imir/clap applied.
QImage decodeHeifPicture(heif_image_handle *handle, QString &problem)
{
    HeifPtr<heif_decoding_options> options(heif_decoding_options_alloc());
    options->ignore_transformations = 0;
    options->convert_hdr_to_8bit = 1;
    heif_image *raw = nullptr;
    const heif_error error = heif_decode_image(handle, &raw, heif_colorspace_RGB,
                                               heif_chroma_interleaved_RGB, options.get());
    HeifPtr<heif_image> image(raw);
    if (error.code != heif_error_Ok || !image) {
        problem = heifWords(error);
        return {};
    }
    int stride = 0;
    const uint8_t *plane = heif_image_get_plane_readonly(image.get(), heif_channel_interleaved, &stride);
    const int width = heif_image_get_width(image.get(), heif_channel_interleaved);
    const int height = heif_image_get_height(image.get(), heif_channel_interleaved);
    if (!plane || width <= 0 || height <= 0 || stride < width * 3) {
        problem = Tr::tr("the HEIF decoder returned no picture");
        return {};
    }
    // Wraps libheif's buffer; the caller copies (scales) it before the buffer goes.
    return QImage(plane, width, height, stride, QImage::Format_RGB888).copy();
}

} // namespace

// Threads: libheif keeps what it decodes in its heif_context; one context is made, used
// and freed here on the calling thread, so decodes on several threads share nothing
// (libheif's heif.h: the number of decoding threads is a setting of each context).
// Debian's libheif 1.15 registers its decoders when the library loads, so nothing
// waits for a first-use initialisation (heif_init is optional there, heif.h says).
DecodedImage decodeHeif(const QByteArray &data, int maxEdge)
{
    HeifPtr<heif_context> context(heif_context_alloc());
    heif_context_set_maximum_image_size_limit(context.get(), 65535);
    heif_error error = heif_context_read_from_memory_without_copy(
        context.get(), data.constData(), size_t(data.size()), nullptr);
    if (error.code != heif_error_Ok)
        return damaged(heifWords(error));
    heif_image_handle *rawHandle = nullptr;
    error = heif_context_get_primary_image_handle(context.get(), &rawHandle);
    HeifPtr<heif_image_handle> handle(rawHandle);
    if (error.code != heif_error_Ok || !handle)
        return damaged(heifWords(error));
    const QSize size(heif_image_handle_get_width(handle.get()),
                     heif_image_handle_get_height(handle.get()));
    if (size.isEmpty())
        return damaged(Tr::tr("the picture has no size"));
    if (absurdSize(size))
        return tooLarge(size);
    QString problem;
    const QImage picture = decodeHeifPicture(handle.get(), problem);
    if (picture.isNull())
        return damaged(problem);
    DecodedImage result;
    result.accepted = true;
    result.format = ImageFormat::Heif;
    const bool heic = data.mid(8, 4) == "heic"; // "heix" (10-bit) is image/heif, as exiftool says
    result.mimeType = heic ? QStringLiteral("image/heic") : QStringLiteral("image/heif");
    result.fullSize = picture.size(); // as shown: libheif applied irot/imir/clap
    result.picture = fitWithin(picture, maxEdge);
    result.transformsApplied = true;
    return result;
}

} // namespace Keepsake::DecoderBackends
