// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ThumbnailSource.h"

#include "lab/Lab.h"
#include "lab/PhotoThumbnails.h"
#include "metadata/Thumbnailer.h"

#include <QImageReader>
#include <QThread>

namespace Keepsake {

int ThumbnailSource::parallelReads() const
{
    return qBound(1, QThread::idealThreadCount() - 1, 4);
}

QImage ThumbnailSource::preview(const PhotoRecord &photo) const
{
    return read(photo, Thumbnailer::PrintEdge);
}

QImage LabThumbnails::preview(const PhotoRecord &photo) const
{
    QImage image = QImageReader(m_lab.thumbnails().path(photo.sha256, Thumbnailer::Size::Print)).read();
    if (image.isNull())
        image = PhotoThumbnails(m_lab).load(photo.sha256, Thumbnailer::Size::Print, photo.holder);
    return image.isNull() ? read(photo, Thumbnailer::PrintEdge) : image;
}

QImage LabThumbnails::read(const PhotoRecord &photo, int edge) const
{
    const Thumbnailer &thumbs = m_lab.thumbnails();
    QImageReader reader(thumbs.path(photo.sha256, Thumbnailer::Size::Grid));
    QImage image = reader.read();
    if (image.isNull())   // not made yet: made from the stored file, or fetched from the device keeping it
        image = PhotoThumbnails(m_lab).load(photo.sha256, Thumbnailer::Size::Grid, photo.holder);
    if (image.isNull())
        return {};
    return image.scaled(edge, edge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

} // namespace Keepsake
