// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/Albums.h"

#include <QImage>

namespace Keepsake {

class Lab;

// Where a photo grid's thumbnails come from: the lab's own thumbnail cache, or a
// device the window is a client of. read() runs on the grid's worker threads, several
// at once: it may block as long as it needs, and must be thread-safe.
class ThumbnailSource
{
public:
    virtual ~ThumbnailSource() = default;

    // The photo's thumbnail scaled to fit edge × edge; a null image when there is none.
    virtual QImage read(const PhotoRecord &photo, int edge) const = 0;
    // The photo as large as the source keeps it, for a full-screen view (at least the
    // grid's thumbnail, scaled); a null image when there is none. Thread-safe as read().
    virtual QImage preview(const PhotoRecord &photo) const;
    // How many reads may run at once: decoding leaves a core to the window; waiting
    // for a device's answer costs no core.
    virtual int parallelReads() const;
};

// The lab's thumbnail cache (Thumbnailer), made from the stored file when missing;
// on a device of a chain, fetched from the device that keeps the photo when this one
// does not (lab/PhotoThumbnails).
class LabThumbnails final : public ThumbnailSource
{
public:
    explicit LabThumbnails(const Lab &lab) : m_lab(lab) { }

    QImage read(const PhotoRecord &photo, int edge) const override;
    // The print thumbnail (Thumbnailer::PrintEdge), made when missing.
    QImage preview(const PhotoRecord &photo) const override;

private:
    const Lab &m_lab;
};

} // namespace Keepsake
