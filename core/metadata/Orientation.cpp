// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Thumbnailer.h"

#include <QTransform>

namespace Keepsake {

// EXIF orientation names where the picture's top-left corner was stored; turning the
// stored pixels upright is a mirror (2, 4, 5, 7) and/or a quarter turn (5..8).
QImage applyOrientation(const QImage &image, int exifOrientation)
{
    if (image.isNull())
        return image;
    QTransform quarterTurn;
    switch (exifOrientation) {
    case 2: return image.mirrored(true, false);
    case 3: return image.transformed(QTransform().rotate(180));
    case 4: return image.mirrored(false, true);
    case 5: // transpose: flip top to bottom, then a quarter turn clockwise
        return image.mirrored(false, true).transformed(quarterTurn.rotate(90));
    case 6: return image.transformed(quarterTurn.rotate(90));
    case 7: // transverse: mirror left to right, then a quarter turn clockwise
        return image.mirrored(true, false).transformed(quarterTurn.rotate(90));
    case 8: return image.transformed(quarterTurn.rotate(270));
    default: return image;
    }
}

} // namespace Keepsake
