// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Thumbnailer.h"

#include "DecoderBackends.h"
#include "ImageDecoder.h"
#include "MetadataLog.h"
#include "MetadataReader.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QSaveFile>

#include <algorithm>

namespace Keepsake {

namespace {

constexpr int JpegQuality = 85;

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Thumbnailer)
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::Thumbnailer", text);
}

QByteArray encodeJpeg(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(JpegQuality);
    // JPEG has no alpha: flatten onto white rather than black.
    QImage opaque = image;
    if (image.hasAlphaChannel()) {
        opaque = QImage(image.size(), QImage::Format_RGB32);
        opaque.fill(Qt::white);
        opaque.setDevicePixelRatio(1);
        QImage source = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        for (int y = 0; y < source.height(); ++y) {
            const auto *in = reinterpret_cast<const QRgb *>(source.constScanLine(y));
            auto *out = reinterpret_cast<QRgb *>(opaque.scanLine(y));
            for (int x = 0; x < source.width(); ++x) {
                const int a = qAlpha(in[x]);
                out[x] = qRgb(qRed(in[x]) + 255 - a, qGreen(in[x]) + 255 - a, qBlue(in[x]) + 255 - a);
            }
        }
    }
    if (!writer.write(opaque))
        return {};
    return bytes;
}

// Written beside its final name and renamed, so a reader never sees half a file.
Status writeAtomically(const QString &path, const QByteArray &bytes)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error::failure(Tr::tr("Cannot create the thumbnail folder for %1.").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::failure(Tr::tr("Cannot write the thumbnail %1: %2").arg(path, file.errorString()));
    return Status::success();
}

// The picture's true size from its header where Qt reads the format (an edited photo
// may keep the camera's EXIF size and preview); else the size its metadata claims.
QSize pictureSize(const QByteArray &data, const PhotoMetadata &meta)
{
    QBuffer buffer;
    buffer.setData(data);
    const QSize size = QImageReader(&buffer).size();
    return size.isValid() ? size : meta.pixelSize;
}

// The largest embedded JPEG preview when it shows the whole picture at print size or
// more (camera JPEGs and RAWs often carry one, exiv2 lists them), decoded at print size;
// a null image otherwise.
QImage usablePreview(const QByteArray &data, const PhotoMetadata &meta)
{
    const auto largestJpeg = std::find_if(meta.previews.cbegin(), meta.previews.cend(), [](const EmbeddedPreview &p) {
        return p.mimeType == QLatin1String("image/jpeg");
    });
    if (largestJpeg == meta.previews.cend() || !largestJpeg->showsWholePicture(pictureSize(data, meta), Thumbnailer::PrintEdge))
        return {};
    const QByteArray preview = MetadataReader().largestJpegPreview(data);
    const DecodedImage decoded = ImageDecoder().decode(preview, Thumbnailer::PrintEdge);
    return decoded.accepted ? decoded.picture : QImage();
}

} // namespace

Thumbnailer::Thumbnailer(QString cacheRoot) : m_root(std::move(cacheRoot)) { }

QString Thumbnailer::path(const QString &sha256, Size size) const
{
    const QString folder = size == Size::Grid ? QStringLiteral("grid") : QStringLiteral("print");
    return QStringLiteral("%1/%2/%3/%4/%5.jpg")
        .arg(m_root, folder, sha256.left(2), sha256.mid(2, 2), sha256);
}

bool Thumbnailer::has(const QString &sha256) const
{
    return QFileInfo::exists(path(sha256, Size::Grid)) && QFileInfo::exists(path(sha256, Size::Print));
}

Status Thumbnailer::saveFrom(const QString &sha256, const DecodedImage &decoded,
                             int exifOrientation) const
{
    if (sha256.size() < 4)
        return Error::usage(tr("A thumbnail needs the file's SHA-256, not \"%1\".").arg(sha256));
    if (!decoded.accepted || decoded.picture.isNull())
        return Error::failure(tr("There is no picture to make a thumbnail from."));
    // HEIF: the decoder already applied irot/imir; the EXIF orientation is ignored.
    const QImage upright = decoded.transformsApplied
        ? decoded.picture
        : applyOrientation(decoded.picture, exifOrientation);
    const QImage print = DecoderBackends::fitWithin(upright, PrintEdge);
    const QImage grid = DecoderBackends::fitWithin(print, GridEdge);
    for (const auto &[image, size] : { std::pair { print, Size::Print }, std::pair { grid, Size::Grid } }) {
        const QByteArray jpeg = encodeJpeg(image);
        if (jpeg.isEmpty())
            return Error::failure(tr("The thumbnail cannot be encoded."));
        if (Status written = writeAtomically(path(sha256, size), jpeg); !written)
            return written;
    }
    return Status::success();
}

Status Thumbnailer::make(const QString &sha256, const QString &storedFile) const
{
    QFile file(storedFile);
    if (!file.open(QIODevice::ReadOnly))
        return Error::failure(tr("Cannot open %1: %2").arg(storedFile, file.errorString()));
    const QByteArray data = file.readAll();
    const auto meta = MetadataReader().read(data);
    const int orientation = meta ? meta->orientation : 1;

    // The camera's own preview when it is at least print size (many cameras embed one
    // of 1620 px or more): decoding it costs a fraction of decoding the picture.
    if (meta) {
        DecodedImage preview;
        preview.picture = usablePreview(data, *meta);
        preview.accepted = !preview.picture.isNull();
        if (preview.accepted)
            return saveFrom(sha256, preview, orientation);
    }
    const DecodedImage decoded = ImageDecoder().decode(data, PrintEdge);
    if (!decoded.accepted)
        return Error::failure(tr("No thumbnail for %1: %2").arg(storedFile, decoded.reason));
    return saveFrom(sha256, decoded, orientation);
}

Status Thumbnailer::keep(const QString &sha256, Size size, const QByteArray &jpeg) const
{
    if (sha256.size() < 4)
        return Error::usage(tr("A thumbnail needs the file's SHA-256, not \"%1\".").arg(sha256));
    QBuffer buffer;
    buffer.setData(jpeg);
    QImageReader reader(&buffer, "jpeg");
    const QSize shown = reader.size();
    if (!shown.isValid() || qMax(shown.width(), shown.height()) > edge(size) || reader.read().isNull())
        return Error::failure(tr("The thumbnail received for %1 is no JPEG picture of the expected size.").arg(sha256));
    return writeAtomically(path(sha256, size), jpeg);
}

QImage Thumbnailer::load(const QString &sha256, Size size, const QString &storedFile) const
{
    const QString file = path(sha256, size);
    if (!QFileInfo::exists(file)) {
        if (Status made = make(sha256, storedFile); !made) {
            qCInfo(lcMetadata).noquote() << made.error().message();
            return {};
        }
    }
    QImageReader reader(file);
    return reader.read();
}

} // namespace Keepsake
