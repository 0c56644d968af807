// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImageDecoder.h"

#include "DecoderBackends.h"
#include "MetadataLog.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QImageReader>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ImageDecoder)
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::ImageDecoder", text);
}

// What the first bytes say the file is. Only a hint: a decoder still has to read a
// picture from it before it is accepted.
enum class Kind { Jpeg, Png, Tiff, Heif, Cr3, Avif, Video, WebP, Gif, Jp2, Bmp, Pdf, Unknown };

// The magic's length comes from the literal, so signatures may contain NULs.
template <qsizetype N>
bool startsWith(const QByteArray &data, const char (&magic)[N], qsizetype at = 0)
{
    const QByteArray m = QByteArray::fromRawData(magic, N - 1);
    return data.size() >= at + m.size() && data.mid(at, m.size()) == m;
}

// ISO base media files (HEIF, AVIF, CR3, MP4, MOV) say what they are in "ftyp".
Kind isoBmffKind(const QByteArray &data)
{
    const auto size = qsizetype((uchar(data[0]) << 24) | (uchar(data[1]) << 16)
                                | (uchar(data[2]) << 8) | uchar(data[3]));
    const qsizetype end = qBound(qsizetype(16), size, qMin(data.size(), qsizetype(256)));
    QList<QByteArray> brands { data.mid(8, 4) };
    for (qsizetype at = 16; at + 4 <= end; at += 4)
        brands.append(data.mid(at, 4));
    auto has = [&brands](const char *brand) { return brands.contains(QByteArray(brand)); };
    if (brands.first() == "crx ")
        return Kind::Cr3;
    for (const char *brand : { "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1" }) {
        if (has(brand) && !(brands.first() == "avif" || brands.first() == "avis"))
            return Kind::Heif;
    }
    if (has("avif") || has("avis"))
        return Kind::Avif;
    return Kind::Video;
}

Kind sniff(const QByteArray &data)
{
    if (startsWith(data, "\xFF\xD8\xFF"))
        return Kind::Jpeg;
    if (startsWith(data, "\x89PNG\r\n\x1A\n"))
        return Kind::Png;
    if (startsWith(data, "II*\0") || startsWith(data, "MM\0*") || startsWith(data, "II+\0")
        || startsWith(data, "MM\0+"))
        return Kind::Tiff;
    if (data.size() >= 12 && startsWith(data, "ftyp", 4))
        return isoBmffKind(data);
    if (startsWith(data, "RIFF") && startsWith(data, "WEBP", 8))
        return Kind::WebP;
    if (startsWith(data, "GIF8"))
        return Kind::Gif;
    if (startsWith(data, "\0\0\0\x0CjP  ") || startsWith(data, "\xFF\x4F\xFF\x51"))
        return Kind::Jp2;
    if (startsWith(data, "BM"))
        return Kind::Bmp;
    if (startsWith(data, "%PDF"))
        return Kind::Pdf;
    return Kind::Unknown;
}

DecodedImage refusedKind(Kind kind)
{
    QString what;
    switch (kind) {
    case Kind::Video: what = Tr::tr("the file is a video (MP4 or QuickTime)"); break;
    case Kind::Avif: what = Tr::tr("the file is an AVIF picture"); break;
    case Kind::WebP: what = Tr::tr("the file is a WebP picture"); break;
    case Kind::Gif: what = Tr::tr("the file is a GIF picture"); break;
    case Kind::Jp2: what = Tr::tr("the file is a JPEG 2000 picture"); break;
    case Kind::Bmp: what = Tr::tr("the file is a BMP picture"); break;
    case Kind::Pdf: what = Tr::tr("the file is a PDF document"); break;
    default: what = Tr::tr("its content is not a picture format Keepsake knows"); break;
    }
    DecodedImage result;
    result.reason = Tr::tr("This is not a photo Keepsake accepts: %1.").arg(what);
    return result;
}

} // namespace

QString imageFormatName(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg: return QStringLiteral("JPEG");
    case ImageFormat::Png: return QStringLiteral("PNG");
    case ImageFormat::Tiff: return QStringLiteral("TIFF");
    case ImageFormat::Heif: return QStringLiteral("HEIF");
    case ImageFormat::Raw: return Tr::tr("camera RAW");
    case ImageFormat::Unknown: break;
    }
    return Tr::tr("unknown");
}

DecodedImage ImageDecoder::decode(const QByteArray &data, int maxEdge) const
{
    if (data.isEmpty()) {
        DecodedImage result;
        result.reason = tr("The file is empty.");
        return result;
    }
    const Kind kind = sniff(data);
    switch (kind) {
    case Kind::Jpeg: return DecoderBackends::decodeWithQt(data, ImageFormat::Jpeg, maxEdge);
    case Kind::Png: return DecoderBackends::decodeWithQt(data, ImageFormat::Png, maxEdge);
    case Kind::Heif: return DecoderBackends::decodeHeif(data, maxEdge);
    case Kind::Tiff: {
        // DNG, CR2, NEF, ARW... are TIFF inside: LibRaw has the first word.
        const DecoderBackends::RawResult raw = DecoderBackends::decodeRaw(data, maxEdge);
        if (raw.decoded)
            return *raw.decoded;
        DecodedImage tiff = DecoderBackends::decodeWithQt(data, ImageFormat::Tiff, maxEdge);
        if (!tiff.accepted && raw.cutShort)
            tiff.reason = DecoderBackends::incompleteRawReason();
        return tiff;
    }
    case Kind::Cr3:
    case Kind::Unknown: {
        // CR3, CRW, RAF, MRW, ORF, RW2... have signatures of their own.
        const DecoderBackends::RawResult raw = DecoderBackends::decodeRaw(data, maxEdge);
        if (raw.decoded)
            return *raw.decoded;
        return refusedKind(kind);
    }
    default: return refusedKind(kind);
    }
}

std::optional<DecodedImage> ImageDecoder::refuseByHead(const QByteArray &head, qint64 fileSize) const
{
    if (head.isEmpty() || head.size() >= fileSize)
        return std::nullopt;   // the head is the whole file: decode() judges it
    const Kind kind = sniff(head);
    switch (kind) {
    case Kind::Jpeg:
    case Kind::Png:
    case Kind::Tiff:
    case Kind::Heif:
    case Kind::Cr3:
        return std::nullopt;
    case Kind::Unknown:
        // A RAW with a signature of its own, or no picture at all: LibRaw looks at the head.
        if (DecoderBackends::probeRawHead(head) != DecoderBackends::RawHead::NotRaw)
            return std::nullopt;
        return refusedKind(kind);
    default:
        return refusedKind(kind);
    }
}

DecodedImage ImageDecoder::check(const QByteArray &data) const
{
    DecodedImage result = decode(data, DecoderBackends::VerifyOnly);
    result.picture = QImage();
    return result;
}

bool ImageDecoder::checkDecodesWhole(const QByteArray &data) const
{
    const Kind kind = sniff(data);
    return kind == Kind::Heif || kind == Kind::Png;
}

DecodedImage ImageDecoder::decodeFile(const QString &path, int maxEdge) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        DecodedImage result;
        result.reason = tr("The file cannot be read: %1").arg(file.errorString());
        return result;
    }
    return decode(file.readAll(), maxEdge);
}

} // namespace Keepsake
