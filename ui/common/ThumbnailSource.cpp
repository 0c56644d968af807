// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ThumbnailSource.h"

#include "lab/Lab.h"
#include "metadata/Thumbnailer.h"
#include "store/BlobStore.h"

#include <QImageReader>
#include <QThread>

namespace Keepsake {

int ThumbnailSource::parallelReads() const
{
    return qBound(1, QThread::idealThreadCount() - 1, 4);
}

QImage LabThumbnails::read(const PhotoRecord &photo, int edge) const
{
    const Thumbnailer &thumbs = m_lab.thumbnails();
    QImageReader reader(thumbs.path(photo.sha256, Thumbnailer::Size::Grid));
    QImage image = reader.read();
    if (image.isNull())   // not made yet: make it from the stored file
        image = thumbs.load(photo.sha256, Thumbnailer::Size::Grid, m_lab.store().pathFor(photo.sha256));
    if (image.isNull())
        return {};
    return image.scaled(edge, edge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

} // namespace Keepsake
