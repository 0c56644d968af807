// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QSize>
#include <QString>

#include <optional>

namespace Keepsake {

// The fields a camera writes that tell one shot from another (DESIGN.md, "The rule").
// Strings are trimmed of spaces and NULs; an empty string means "absent". Two
// identities are equal only when every field is equal, absent fields included.
struct PhotoIdentity
{
    QString make;
    QString model;
    QString bodySerial;        // BodySerialNumber, else the maker-note serial
    QString dateTimeOriginal;  // exactly as written, e.g. "2020:05:04 18:39:11"
    QString subSecTimeOriginal;
    QString imageUniqueId;

    // ImageUniqueID, or DateTimeOriginal with at least one of make, model, serial, subsec.
    bool isUsable() const;
    // A stable text form for the catalog: a JSON array with null for absent fields,
    // e.g. ["Apple","iPhone 11 Pro",null,"2020:05:04 18:39:11","644",null].
    QString key() const;
    bool operator==(const PhotoIdentity &) const = default;
};

struct CaptureTime
{
    QString written;      // as written: "2020:05:04 18:39:11"
    QDateTime local;      // that wall-clock time (Qt::LocalTime semantics are not implied)
    QString subSeconds;   // SubSecTime*, as written
    QString offset;       // OffsetTime*, e.g. "-04:00", empty when unknown
    QString source;       // which tag: "DateTimeOriginal", "DateTimeDigitized", "DateTime"

    QDate date() const { return local.date(); }
    // ISO 8601 with fraction and offset where known: "2020-05-04T18:39:11.644-04:00"
    QString toIso() const;
};

struct GpsPosition
{
    double latitude = 0;  // signed decimal degrees
    double longitude = 0;
    std::optional<double> altitude;
};

struct EmbeddedPreview
{
    QString mimeType;   // "image/jpeg", ...
    QSize size;
    qint64 bytes = 0;

    // Whether this preview is a JPEG of the whole picture: no larger than it, of its
    // shape (a letterboxed or cropped preview is not the photo; a stored photo and its
    // preview share the orientation they are stored in), and at least minimumEdge on
    // its longer side.
    bool showsWholePicture(QSize picture, int minimumEdge) const;
};

// Everything Keepsake reads from a photo's metadata. Missing fields stay empty.
struct PhotoMetadata
{
    PhotoIdentity identity;
    std::optional<CaptureTime> captured;  // DateTimeOriginal, else Digitized, else DateTime
    int orientation = 1;                  // EXIF 1..8, 1 when absent or invalid
    QSize pixelSize;                      // as the metadata claims; the decoder has the truth
    std::optional<GpsPosition> gps;
    QString lens;
    QList<EmbeddedPreview> previews;      // largest first
    QString warning;                      // what exiv2 complained about, if anything

    // "Canon EOS 5D" — make and model, without the make repeated in the model.
    QString camera() const;
};

} // namespace Keepsake
