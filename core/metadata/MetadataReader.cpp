// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MetadataReader.h"

#include "ExifFallbacks.h"
#include "Exiv2Gate.h"
#include "MetadataLog.h"

#include <QCoreApplication>
#include <QFile>

// exiv2 0.27 hands out std::auto_ptr, deprecated in C++20 but still shipped by
// libstdc++; the warning says nothing about our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <exiv2/exiv2.hpp>

#include <algorithm>
#include <cmath>
#include <exception>

namespace Keepsake {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::MetadataReader", text);
}

// Spaces and NULs at either end are padding, not part of the value.
QString cleaned(const std::string &text)
{
    qsizetype begin = 0;
    qsizetype end = qsizetype(text.size());
    auto isPadding = [](char c) { return c == ' ' || c == '\0'; };
    while (begin < end && isPadding(text[size_t(begin)]))
        ++begin;
    while (end > begin && isPadding(text[size_t(end - 1)]))
        --end;
    return QString::fromUtf8(text.data() + begin, end - begin);
}

// Everything one file yields: EXIF (possibly from several blocks) and XMP.
struct Sources
{
    Exiv2::ExifData exif;
    Exiv2::XmpData xmp;
};

// A tag of IFD0 or the Exif IFD, looked up by number so that blocks decoded on their
// own (a CR3's CMT2 is an Exif IFD stored as IFD0) are found too.
const Exiv2::Exifdatum *findTag(const Exiv2::ExifData &exif, quint16 tag,
                                std::initializer_list<const char *> groups)
{
    for (const char *group : groups) {
        for (const auto &datum : exif) {
            if (datum.tag() == tag && datum.groupName() == group)
                return &datum;
        }
    }
    return nullptr;
}

QString tagText(const Exiv2::ExifData &exif, quint16 tag,
                std::initializer_list<const char *> groups = { "Photo", "Image" })
{
    const Exiv2::Exifdatum *datum = findTag(exif, tag, groups);
    return datum ? cleaned(datum->toString()) : QString();
}

QString keyText(const Exiv2::ExifData &exif, const char *key)
{
    const auto it = std::find_if(exif.begin(), exif.end(),
                                 [key](const Exiv2::Exifdatum &d) { return d.key() == key; });
    return it == exif.end() ? QString() : cleaned(it->toString());
}

QString xmpText(const Exiv2::XmpData &xmp, const char *key)
{
    const auto it = std::find_if(xmp.begin(), xmp.end(),
                                 [key](const Exiv2::Xmpdatum &d) { return d.key() == key; });
    return it == xmp.end() ? QString() : cleaned(it->toString());
}

// XMP writes "2013-07-05T03:18:27Z"; EXIF (and the catalog) "2013:07:05 03:18:27Z".
QString exifStyleDate(const QString &xmpDate)
{
    if (xmpDate.size() < 19 || xmpDate.at(10) != QLatin1Char('T'))
        return {};
    QString date = xmpDate;
    date[4] = QLatin1Char(':');
    date[7] = QLatin1Char(':');
    date[10] = QLatin1Char(' ');
    return date;
}

// "0000:00:00 00:00:00", blanks and anything unparsable count as absent.
QDateTime parseExifDate(const QString &written)
{
    if (written.size() < 19)
        return {};
    QDateTime when = QDateTime::fromString(written.left(19), QStringLiteral("yyyy:MM:dd HH:mm:ss"));
    if (!when.isValid() || when.date().year() < 1800)
        return {};
    return when;
}

QString bodySerial(const Sources &sources)
{
    for (const auto &[tag, group] : { std::pair<quint16, const char *> { 0xa431, "Photo" },
                                      { 0xa431, "Image" },
                                      { 0xc62f, "Image" } }) {
        const QString serial = tagText(sources.exif, tag, { group });
        if (!serial.isEmpty())
            return serial;
    }
    // The maker notes' own body serial (never their "internal" serial numbers).
    static constexpr const char *makerNoteKeys[] = {
        "Exif.Canon.SerialNumber",    "Exif.Nikon3.SerialNumber", "Exif.Nikon3.SerialNO",
        "Exif.OlympusEq.SerialNumber", "Exif.Olympus.SerialNumber", "Exif.Olympus2.SerialNumber",
        "Exif.Pentax.SerialNumber",   "Exif.PentaxDng.SerialNumber", "Exif.Samsung2.SerialNumber",
        "Exif.Sigma.SerialNumber",    "Exif.Sony1.SerialNumber",  "Exif.Sony2.SerialNumber",
    };
    for (const char *key : makerNoteKeys) {
        const auto it = std::find_if(sources.exif.begin(), sources.exif.end(),
                                     [key](const Exiv2::Exifdatum &d) { return d.key() == key; });
        // A numeric serial is one number; a CRW's pair under this name is something else.
        if (it == sources.exif.end() || (it->typeId() != Exiv2::asciiString && it->count() != 1))
            continue;
        const QString serial = cleaned(it->toString());
        if (!serial.isEmpty())
            return serial;
    }
    return xmpText(sources.xmp, "Xmp.aux.SerialNumber");
}

std::optional<CaptureTime> captureTime(const Exiv2::ExifData &exif)
{
    struct Candidate { quint16 date, subSec, offset; const char *name; };
    static constexpr Candidate candidates[] = {
        { 0x9003, 0x9291, 0x9011, "DateTimeOriginal" },
        { 0x9004, 0x9292, 0x9012, "DateTimeDigitized" },
        { 0x0132, 0x9290, 0x9010, "DateTime" },
    };
    for (const Candidate &c : candidates) {
        CaptureTime time;
        time.written = tagText(exif, c.date);
        time.local = parseExifDate(time.written);
        if (!time.local.isValid())
            continue;
        time.subSeconds = tagText(exif, c.subSec);
        time.offset = tagText(exif, c.offset);
        time.source = QString::fromLatin1(c.name);
        return time;
    }
    return std::nullopt;
}

std::optional<double> degrees(const Exiv2::ExifData &exif, const char *key, const char *refKey)
{
    const auto it = exif.findKey(Exiv2::ExifKey(key));
    if (it == exif.end() || it->count() < 3)
        return std::nullopt;
    double value = 0;
    double scale = 1;
    for (long i = 0; i < 3; ++i) {
        // GPS rationals are unsigned; exiv2 hands them out as signed pairs.
        const Exiv2::Rational r = it->toRational(i);
        if (r.second == 0)
            return std::nullopt; // like exiftool: a 0/0 part makes the position unknown
        value += double(quint32(r.first)) / double(quint32(r.second)) / scale;
        scale *= 60;
    }
    const QString ref = keyText(exif, refKey);
    if (ref.startsWith(QLatin1Char('S')) || ref.startsWith(QLatin1Char('W')))
        value = -value;
    if (!std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<GpsPosition> gpsPosition(const Exiv2::ExifData &exif)
{
    const auto latitude = degrees(exif, "Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLatitudeRef");
    const auto longitude =
        degrees(exif, "Exif.GPSInfo.GPSLongitude", "Exif.GPSInfo.GPSLongitudeRef");
    if (!latitude || !longitude || std::abs(*latitude) > 90 || std::abs(*longitude) > 180)
        return std::nullopt;
    GpsPosition position { *latitude, *longitude, std::nullopt };
    const auto altitude = exif.findKey(Exiv2::ExifKey("Exif.GPSInfo.GPSAltitude"));
    if (altitude != exif.end() && altitude->count() >= 1) {
        const Exiv2::Rational r = altitude->toRational(0);
        if (r.second != 0) {
            const bool below = keyText(exif, "Exif.GPSInfo.GPSAltitudeRef") == QLatin1String("1");
            position.altitude = (below ? -1.0 : 1.0) * double(r.first) / double(r.second);
        }
    }
    return position;
}

QString lensText(const Exiv2::ExifData &exif)
{
    QString lens = tagText(exif, 0xa434); // LensModel
    if (!lens.isEmpty())
        return lens;
    const auto it = Exiv2::lensName(exif);
    return it == exif.end() ? QString() : cleaned(it->print(&exif));
}

void fillIdentity(const Sources &sources, PhotoMetadata &meta)
{
    const Exiv2::ExifData &exif = sources.exif;
    PhotoIdentity &id = meta.identity;
    id.make = tagText(exif, 0x010f, { "Image" });
    if (id.make.isEmpty())
        id.make = xmpText(sources.xmp, "Xmp.tiff.Make");
    id.model = tagText(exif, 0x0110, { "Image" });
    if (id.model.isEmpty())
        id.model = xmpText(sources.xmp, "Xmp.tiff.Model");
    id.bodySerial = bodySerial(sources);
    QString original = tagText(exif, 0x9003);
    if (original.isEmpty())
        original = exifStyleDate(xmpText(sources.xmp, "Xmp.exif.DateTimeOriginal"));
    id.dateTimeOriginal = parseExifDate(original).isValid() ? original : QString();
    id.subSecTimeOriginal = tagText(exif, 0x9291);
    id.imageUniqueId = tagText(exif, 0xa420);
    if (id.imageUniqueId.isEmpty())
        id.imageUniqueId = xmpText(sources.xmp, "Xmp.exif.ImageUniqueID");
}

void fillFields(const Sources &sources, PhotoMetadata &meta)
{
    const Exiv2::ExifData &exif = sources.exif;
    fillIdentity(sources, meta);
    meta.captured = captureTime(exif);
    const Exiv2::Exifdatum *orientation = findTag(exif, 0x0112, { "Image" });
    if (orientation && orientation->count() >= 1) {
        const long value = orientation->toLong(0);
        meta.orientation = value >= 1 && value <= 8 ? int(value) : 1;
    }
    const Exiv2::Exifdatum *width = findTag(exif, 0xa002, { "Photo", "Image" });
    const Exiv2::Exifdatum *height = findTag(exif, 0xa003, { "Photo", "Image" });
    if (width && height && width->count() >= 1 && height->count() >= 1) {
        const long w = width->toLong(0);
        const long h = height->toLong(0);
        if (w > 0 && h > 0 && w < 1000000 && h < 1000000)
            meta.pixelSize = QSize(int(w), int(h));
    }
    meta.gps = gpsPosition(exif);
    meta.lens = lensText(exif);
}

void decodeTiffBlock(const QByteArray &tiff, Exiv2::ExifData &into)
{
    Exiv2::ExifData block;
    Exiv2::ExifParser::decode(block, reinterpret_cast<const Exiv2::byte *>(tiff.constData()),
                              uint32_t(tiff.size()));
    for (const auto &datum : block)
        into.add(datum);
}

// When exiv2 found no EXIF in a HEIF or CR3, read the blocks another way.
void addFallbackExif(const QByteArray &data, Sources &sources, QString &warning)
{
    if (!sources.exif.empty())
        return;
    try {
        QList<QByteArray> blocks = ExifFallbacks::cr3Tiffs(data);
        if (blocks.isEmpty()) {
            const QByteArray heif = ExifFallbacks::heifExif(data);
            if (!heif.isEmpty())
                blocks.append(heif);
        }
        for (const QByteArray &tiff : std::as_const(blocks))
            decodeTiffBlock(tiff, sources.exif);
    } catch (const std::exception &e) {
        warning = QString::fromUtf8(e.what());
    }
}

QList<EmbeddedPreview> previewList(Exiv2::Image &image)
{
    QList<EmbeddedPreview> previews;
    Exiv2::PreviewManager manager(image);
    const Exiv2::PreviewPropertiesList list = manager.getPreviewProperties();
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
        previews.append({ QString::fromStdString(it->mimeType_),
                          QSize(int(it->width_), int(it->height_)), qint64(it->size_) });
    }
    return previews;
}

} // namespace

Result<PhotoMetadata> MetadataReader::read(const QByteArray &data) const
{
    if (data.isEmpty())
        return Error::usage(tr("The file is empty."));
    const Exiv2Gate exiv2;
    PhotoMetadata meta;
    Sources sources;
    QString failure;
    try {
        auto image = Exiv2::ImageFactory::open(
            reinterpret_cast<const Exiv2::byte *>(data.constData()), long(data.size()));
        try {
            image->readMetadata();
        } catch (const std::exception &e) {
            // What was read before the error (a truncated file) is still good.
            meta.warning = QString::fromUtf8(e.what());
        }
        sources.exif = image->exifData();
        sources.xmp = image->xmpData();
        if (image->pixelWidth() > 0 && image->pixelHeight() > 0)
            meta.pixelSize = QSize(image->pixelWidth(), image->pixelHeight());
        try {
            meta.previews = previewList(*image);
        } catch (const std::exception &e) {
            qCDebug(lcMetadata) << "No previews:" << e.what();
        }
    } catch (const std::exception &e) {
        failure = QString::fromUtf8(e.what());
    }
    addFallbackExif(data, sources, meta.warning);
    if (!failure.isEmpty() && sources.exif.empty())
        return Error::failure(tr("The photo's metadata cannot be read: %1").arg(failure));
    const QSize claimed = meta.pixelSize;
    try {
        fillFields(sources, meta);
    } catch (const std::exception &e) {
        return Error::failure(tr("The photo's metadata cannot be read: %1")
                                  .arg(QString::fromUtf8(e.what())));
    }
    if (meta.pixelSize.isEmpty())
        meta.pixelSize = claimed;
    return meta;
}

Result<PhotoMetadata> MetadataReader::readFile(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::failure(tr("Cannot open %1: %2").arg(path, file.errorString()));
    return read(file.readAll());
}

QByteArray MetadataReader::largestJpegPreview(const QByteArray &data) const
{
    return jpegPreview(data, QSize());
}

QByteArray MetadataReader::jpegPreview(const QByteArray &data, QSize size) const
{
    if (data.isEmpty())
        return {};
    const Exiv2Gate exiv2;
    try {
        auto image = Exiv2::ImageFactory::open(
            reinterpret_cast<const Exiv2::byte *>(data.constData()), long(data.size()));
        image->readMetadata();
        Exiv2::PreviewManager manager(*image);
        const Exiv2::PreviewPropertiesList list = manager.getPreviewProperties();
        for (auto it = list.rbegin(); it != list.rend(); ++it) {   // exiv2 sorts by size
            if (it->mimeType_ != "image/jpeg")
                continue;
            if (size.isValid() && QSize(int(it->width_), int(it->height_)) != size)
                continue;
            const Exiv2::PreviewImage preview = manager.getPreviewImage(*it);
            return QByteArray(reinterpret_cast<const char *>(preview.pData()), qsizetype(preview.size()));
        }
        return {};
    } catch (const std::exception &e) {
        qCDebug(lcMetadata) << "No preview:" << e.what();
        return {};
    }
}

} // namespace Keepsake

#pragma GCC diagnostic pop
