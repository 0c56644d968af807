// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QImage>
#include <QString>

namespace Keepsake {

struct DecodedImage;

// The thumbnail cache beside the store: DIR/thumbs/<size>/ab/cd/<sha256>.jpg, one
// JPEG per stored file and size, orientation applied once. Thread-safe.
class Thumbnailer
{
public:
    enum class Size { Grid, Print };
    static constexpr int GridEdge = 256;
    static constexpr int PrintEdge = 500;   // 1/8 of a 4000-px photo: decoded with libjpeg DCT scaling alone

    explicit Thumbnailer(QString cacheRoot);

    QString path(const QString &sha256, Size size) const;
    bool has(const QString &sha256) const; // both sizes present

    // From a rendition ingest already decoded (at least PrintEdge, or the whole
    // picture when smaller), with the photo's EXIF orientation.
    Status saveFrom(const QString &sha256, const DecodedImage &decoded, int exifOrientation) const;
    // From the stored file: an embedded preview when big enough, else a scaled decode.
    Status make(const QString &sha256, const QString &storedFile) const;
    // Keeps a thumbnail made elsewhere (another device's, fetched): JPEG bytes that
    // decode to a picture no larger than the size's edge; anything else is refused.
    Status keep(const QString &sha256, Size size, const QByteArray &jpeg) const;
    // Loads one, making it from storedFile when missing.
    QImage load(const QString &sha256, Size size, const QString &storedFile) const;

    static int edge(Size size) { return size == Size::Grid ? GridEdge : PrintEdge; }

private:
    QString m_root;
};

// Applies EXIF orientation 1..8 to an image (transpose/transverse included).
QImage applyOrientation(const QImage &image, int exifOrientation);

} // namespace Keepsake
