// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
// Camera RAW through LibRaw: the RAW part of DecoderBackends.
#include "DecoderBackends.h"

#include "MetadataLog.h"
#include "MetadataReader.h"

#include <QCoreApplication>

#include <libraw/libraw.h>

#include <memory>

namespace Keepsake::DecoderBackends {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ImageDecoder)
};

void ignoreDataError(void *, const char *, const int) { }

// LibRaw reads the file's bytes through this, which notes when LibRaw asks for bytes
// past the end: the sign that what it is after (a preview, the raw data) was cut off.
// It also bounds LibRaw's work: a damaged file can send LibRaw 0.20's parsers round in
// circles (the fuzzer found CR3 files it never leaves), so past a generous budget of
// reads the stream throws LibRaw's own I/O exception, which LibRaw catches and turns into
// an error return, and the file is refused.
class CheckedRawStream : public LibRaw_buffer_datastream
{
public:
    explicit CheckedRawStream(const QByteArray &data)
        // LibRaw reads from the buffer only; the cast drops a const it never uses.
        : LibRaw_buffer_datastream(const_cast<char *>(data.constData()), size_t(data.size())),
          m_size(data.size()), m_byteBudget(16 * m_size + (qint64(256) << 20))
    {
    }

    int read(void *into, size_t size, size_t count) override
    {
        spend(qint64(size * count));
        if (qint64(tell()) + qint64(size * count) > m_size)
            m_overran = true;
        return LibRaw_buffer_datastream::read(into, size, count);
    }
    int seek(INT64 offset, int whence) override
    {
        spend(0);
        return LibRaw_buffer_datastream::seek(offset, whence);
    }

    bool overran() const { return m_overran; }
    void forgetOverrun() { m_overran = false; }
    bool exhausted() const { return m_exhausted; }

private:
    static constexpr qint64 CallBudget = 4'000'000;

    void spend(qint64 bytes)
    {
        m_bytesRead += bytes;
        if (++m_calls > CallBudget || m_bytesRead > m_byteBudget) {
            m_exhausted = true;
            throw LIBRAW_EXCEPTION_IO_CORRUPT;
        }
    }

    qint64 m_size;
    qint64 m_byteBudget;
    qint64 m_bytesRead = 0;
    qint64 m_calls = 0;
    bool m_overran = false;
    bool m_exhausted = false;
};

// Threads: LibRaw's API notes ("Thread safety") promise safety when a LibRaw object is
// created and used within one thread, any number of such threads at once, with the
// reentrant build of the library — libraw_r, which the build links. Each object here
// lives and dies in one call.
std::unique_ptr<LibRaw> newLibRaw()
{
    auto raw = std::make_unique<LibRaw>(LIBRAW_OPIONS_NO_DATAERR_CALLBACK);
    raw->set_dataerror_handler(&ignoreDataError, nullptr);
    return raw;
}

QString rawMimeType(const QByteArray &data, const libraw_data_t &info)
{
    if (info.idata.dng_version != 0)
        return QStringLiteral("image/x-adobe-dng");
    const QByteArray head = data.left(16);
    if (head.mid(4, 8) == "ftypcrx ")
        return QStringLiteral("image/x-canon-cr3");
    if (head.mid(6, 8) == "HEAPCCDR")
        return QStringLiteral("image/x-canon-crw");
    if (head.startsWith("FUJIFILM"))
        return QStringLiteral("image/x-fuji-raf");
    if (head.startsWith(QByteArrayLiteral("\0MRM")))
        return QStringLiteral("image/x-minolta-mrw");
    if (head.startsWith("IIRO") || head.startsWith("IIRS") || head.startsWith("MMOR"))
        return QStringLiteral("image/x-olympus-orf");
    if (head.startsWith(QByteArrayLiteral("IIU\0")))
        return QStringLiteral("image/x-panasonic-rw2");
    const QString make = QString::fromLatin1(info.idata.make).toLower();
    if (make.startsWith(QLatin1String("canon")))
        return QStringLiteral("image/x-canon-cr2");
    if (make.startsWith(QLatin1String("nikon")))
        return QStringLiteral("image/x-nikon-nef");
    if (make.startsWith(QLatin1String("sony")))
        return QStringLiteral("image/x-sony-arw");
    if (make.startsWith(QLatin1String("pentax")))
        return QStringLiteral("image/x-pentax-pef");
    return QStringLiteral("image/x-dcraw");
}

// The camera's own preview, as LibRaw finds it (a JPEG, or an RGB bitmap), when it
// lies wholly inside the file and decodes: scaled to maxEdge, or a null image when
// only its decoding was asked for (VerifyOnly). Nothing when there is no such preview.
std::optional<QImage> rawThumbnail(LibRaw &raw, CheckedRawStream &stream, int maxEdge)
{
    stream.forgetOverrun();
    if (raw.unpack_thumb() != LIBRAW_SUCCESS || stream.overran())
        return std::nullopt;
    int error = 0;
    libraw_processed_image_t *thumb = raw.dcraw_make_mem_thumb(&error);
    if (!thumb)
        return std::nullopt;
    struct ThumbDeleter
    {
        void operator()(libraw_processed_image_t *p) const { LibRaw::dcraw_clear_mem(p); }
    };
    const std::unique_ptr<libraw_processed_image_t, ThumbDeleter> owner(thumb);
    if (thumb->type == LIBRAW_IMAGE_JPEG) {
        const auto bytes = QByteArray(reinterpret_cast<const char *>(thumb->data), qsizetype(thumb->data_size));
        const DecodedImage preview = decodeWithQt(bytes, ImageFormat::Jpeg, maxEdge);
        return preview.accepted ? std::optional<QImage>(preview.picture) : std::nullopt;
    }
    if (thumb->type == LIBRAW_IMAGE_BITMAP && thumb->colors == 3 && thumb->bits == 8 && thumb->width > 0
        && thumb->height > 0 && qint64(thumb->width) * thumb->height * 3 <= thumb->data_size) {
        if (maxEdge == VerifyOnly)
            return QImage();
        const QImage image(thumb->data, thumb->width, thumb->height, thumb->width * 3, QImage::Format_RGB888);
        return fitWithin(image.copy(), maxEdge);
    }
    return std::nullopt;
}

// Some RAWs keep their preview where only exiv2 looks (a CRW's JPEG thumbnail).
std::optional<QImage> exiv2Preview(const QByteArray &data, int maxEdge)
{
    const QByteArray preview = MetadataReader().largestJpegPreview(data);
    if (preview.isEmpty() || !preview.startsWith("\xFF\xD8\xFF"))
        return std::nullopt;
    const DecodedImage decoded = decodeWithQt(preview, ImageFormat::Jpeg, maxEdge);
    return decoded.accepted ? std::optional<QImage>(decoded.picture) : std::nullopt;
}

// Whether LibRaw decodes the raw data itself (on an object of its own: a failed
// unpack_thumb() leaves LibRaw's object recycled), and whether it asked for bytes past
// the end of the file on the way.
struct RawData
{
    bool decodes = false;
    bool cutShort = false;
    bool endless = false;   // LibRaw spent its reading budget
};

RawData rawData(const QByteArray &data)
{
    const auto raw = newLibRaw();
    CheckedRawStream stream(data);
    if (raw->open_datastream(&stream) != LIBRAW_SUCCESS)
        return { false, stream.overran(), stream.exhausted() };
    const libraw_image_sizes_t &sizes = raw->imgdata.sizes;
    if (qint64(sizes.raw_width) * sizes.raw_height > MaxPixels)
        return {};
    const bool decodes = raw->unpack() == LIBRAW_SUCCESS;
    return { decodes && !stream.exhausted(), stream.overran(), stream.exhausted() };
}

// A file LibRaw would not finish reading.
DecodedImage endlessRaw()
{
    DecodedImage refused;
    refused.format = ImageFormat::Raw;
    refused.reason = Tr::tr("The RAW file is damaged: its structure sends the RAW reader round in circles, "
                            "so it was not read to the end. Copy the photo from the camera again.");
    return refused;
}

} // namespace

QString incompleteRawReason()
{
    return Tr::tr("The RAW picture data is incomplete (file truncated?): neither the camera's preview nor "
                  "its raw data can be read from the file. Copy the photo from the camera again.");
}

namespace {

RawResult decodeRawUnguarded(const QByteArray &data, int maxEdge)
{
    const auto raw = newLibRaw();
    CheckedRawStream stream(data);
    const int opened = raw->open_datastream(&stream);
    if (stream.exhausted())
        return { endlessRaw(), false };
    if (opened != LIBRAW_SUCCESS || raw->imgdata.idata.make[0] == '\0')
        return { std::nullopt, opened == LIBRAW_IO_ERROR };
    DecodedImage result;
    result.format = ImageFormat::Raw;
    result.mimeType = rawMimeType(data, raw->imgdata);
    result.fullSize = QSize(raw->imgdata.sizes.width, raw->imgdata.sizes.height);
    // A copy broken off shows as LibRaw asking for bytes past the end of the file: for
    // the file's structure, for the camera's preview or for the raw data.
    bool cutShort = stream.overran();
    std::optional<QImage> preview = rawThumbnail(*raw, stream, maxEdge);
    cutShort = cutShort || stream.overran();
    if (!preview)
        preview = exiv2Preview(data, maxEdge);
    if (!preview) {
        const RawData rawPixels = rawData(data);
        if (rawPixels.endless)
            return { endlessRaw(), false };
        cutShort = cutShort || rawPixels.cutShort;
        if (rawPixels.decodes)
            preview = QImage();   // the raw data is there; the camera left no preview to show
    }
    if (stream.exhausted())
        return { endlessRaw(), false };
    if (!preview && cutShort) {
        qCDebug(lcMetadata) << "RAW cut short: no readable preview or raw data:" << result.mimeType;
        result.reason = incompleteRawReason();
        return { result, true };
    }
    if (!preview) {
        // Whole as far as LibRaw can tell, yet nothing to show: a camera's file Keepsake
        // keeps as handed in (the corpus's metadata stubs are such files).
        qCDebug(lcMetadata) << "RAW with no preview and no raw data LibRaw reads, not cut short:" << result.mimeType;
        preview = QImage();
    }
    result.accepted = true;
    result.picture = *preview;
    if (result.picture.isNull() && maxEdge != VerifyOnly)
        result.reason = Tr::tr("the camera left no preview in this RAW file that Keepsake can show");
    return { result, false };
}

} // namespace

RawResult decodeRaw(const QByteArray &data, int maxEdge)
{
    // LibRaw catches the stream's exception in its own calls; this is the net beneath
    // any call of LibRaw's that does not.
    try {
        return decodeRawUnguarded(data, maxEdge);
    } catch (const LibRaw_exceptions &) {
        return { endlessRaw(), false };
    }
}

RawHead probeRawHead(const QByteArray &head)
{
    const auto raw = newLibRaw();
    CheckedRawStream stream(head);
    int opened = LIBRAW_IO_ERROR;
    try {
        opened = raw->open_datastream(&stream);
    } catch (const LibRaw_exceptions &) {
        return RawHead::NeedsMore;
    }
    if (stream.exhausted())
        return RawHead::NeedsMore;   // judged on the whole file, with its reason
    if (opened == LIBRAW_SUCCESS && raw->imgdata.idata.make[0] != '\0')
        return RawHead::Camera;
    // Where LibRaw looked past the head (a RAF's header points further in), the head
    // alone cannot tell.
    return opened == LIBRAW_IO_ERROR || stream.overran() ? RawHead::NeedsMore : RawHead::NotRaw;
}

} // namespace Keepsake::DecoderBackends
