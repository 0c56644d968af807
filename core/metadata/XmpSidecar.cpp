// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "XmpSidecar.h"

#include "MetadataLog.h"
#include "Exiv2Gate.h"

#include <QSaveFile>

// exiv2 0.27 hands out std::auto_ptr, deprecated in C++20 (see Exiv2Gate.cpp).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <exiv2/exiv2.hpp>

#include <exception>

namespace Keepsake {

namespace {

// The photo's own metadata as XMP; empty when exiv2 cannot read the file. open: the
// photo as exiv2 reads it (its file, or its bytes in memory).
template <typename Open>
Exiv2::XmpData photoXmp(const SidecarFields &fields, Open open)
{
    Exiv2::XmpData xmp;
    try {
        auto image = open();
        if (image.get()) {
            image->readMetadata();
            xmp = image->xmpData();
            Exiv2::copyExifToXmp(image->exifData(), xmp);
        }
    } catch (const std::exception &error) {
        qCDebug(lcMetadata) << "No metadata carried into the sidecar of" << fields.originalName << error.what();
        xmp.clear();
    }
    return xmp;
}

void setText(Exiv2::XmpData &xmp, const char *key, const QString &value)
{
    if (!value.isEmpty())
        xmp[key] = value.toStdString();
}

void setLangAlt(Exiv2::XmpData &xmp, const char *key, const QString &value)
{
    if (value.isEmpty())
        return;
    Exiv2::Value::AutoPtr text = Exiv2::Value::create(Exiv2::langAlt);
    text->read("lang=\"x-default\" " + value.toStdString());
    xmp.add(Exiv2::XmpKey(key), text.get());
}

// The lab's fields on top of the given XMP, encoded; empty when exiv2 cannot encode it.
std::string encoded(Exiv2::XmpData xmp, const SidecarFields &fields)
{
    try {
        setText(xmp, "Xmp.xmpMM.PreservedFileName", fields.originalName);
        if (!fields.taken.isEmpty()) {
            setText(xmp, "Xmp.photoshop.DateCreated", fields.taken);
            if (xmp.findKey(Exiv2::XmpKey("Xmp.exif.DateTimeOriginal")) == xmp.end())
                setText(xmp, "Xmp.exif.DateTimeOriginal", fields.taken);
        }
        if (!fields.caption.isEmpty()) {
            auto old = xmp.findKey(Exiv2::XmpKey("Xmp.dc.description"));
            if (old != xmp.end())
                xmp.erase(old);
            setLangAlt(xmp, "Xmp.dc.description", fields.caption);
        }
        if (!fields.albumTitle.isEmpty()) {
            Exiv2::Value::AutoPtr subject = Exiv2::Value::create(Exiv2::xmpBag);
            subject->read(fields.albumTitle.toStdString());
            xmp.add(Exiv2::XmpKey("Xmp.dc.subject"), subject.get());
        }
        std::string packet;
        if (Exiv2::XmpParser::encode(packet, xmp, Exiv2::XmpParser::omitPacketWrapper | Exiv2::XmpParser::useCompactFormat) != 0)
            return {};
        return packet;
    } catch (const std::exception &error) {
        qCDebug(lcMetadata) << "XMP not encoded for" << fields.originalName << error.what();
        return {};
    }
}

// The photo's own metadata when exiv2 can carry it over; else the lab's fields alone.
Result<QByteArray> packet(const Exiv2::XmpData &photo, const SidecarFields &fields)
{
    std::string text = encoded(photo, fields);
    if (text.empty())
        text = encoded(Exiv2::XmpData(), fields);
    if (text.empty())
        return Error::failure(XmpSidecar::tr("The metadata of %1 could not be written as XMP.").arg(fields.originalName));
    return QByteArray::fromStdString(text);
}

} // namespace

Result<QByteArray> XmpSidecar::make(const QString &photoFile, const SidecarFields &fields)
{
    const Exiv2Gate exiv2;   // reading and encoding both go through exiv2
    return packet(photoXmp(fields, [&photoFile] { return Exiv2::ImageFactory::open(photoFile.toStdString()); }),
                  fields);
}

Result<QByteArray> XmpSidecar::make(const QByteArray &photoBytes, const SidecarFields &fields)
{
    const Exiv2Gate exiv2;
    return packet(photoXmp(fields, [&photoBytes] {
                      return Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte *>(photoBytes.constData()),
                                                       long(photoBytes.size()));
                  }),
                  fields);
}

Status XmpSidecar::write(const QByteArray &photoBytes, const SidecarFields &fields, const QString &sidecarFile)
{
    const Result<QByteArray> made = make(photoBytes, fields);
    if (!made)
        return made.error();
    QSaveFile out(sidecarFile);
    if (!out.open(QIODevice::WriteOnly) || out.write(*made) != made->size() || !out.commit())
        return Error::failure(tr("The sidecar %1 could not be written: %2").arg(sidecarFile, out.errorString()));
    return Status::success();
}

} // namespace Keepsake

#pragma GCC diagnostic pop
