// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Keepsake {

// What the lab knows about a photo beyond its file (claim 6).
struct SidecarFields
{
    QString originalName;
    QString taken;        // ISO 8601 as the camera wrote it, or empty
    QString camera;
    QString caption;      // the customer's line
    QString albumTitle;
    QString handedIn;     // ISO 8601
};

// An XMP sidecar (NAME.xmp beside the photo, the form digiKam, darktable and Lightroom
// read), written with exiv2: the photo's own EXIF and XMP carried over, plus what the
// lab knows (original name, capture time, caption, album). A photo exiv2 cannot read
// still gets a sidecar with the lab's fields. From the photo's file, or from its bytes
// already in memory (a disc's staging reads each photo once, PhotoStaging).
class XmpSidecar
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::XmpSidecar)

public:
    static Result<QByteArray> make(const QString &photoFile, const SidecarFields &fields);
    static Result<QByteArray> make(const QByteArray &photoBytes, const SidecarFields &fields);
    static Status write(const QByteArray &photoBytes, const SidecarFields &fields, const QString &sidecarFile);
};

} // namespace Keepsake
