// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "catalog/Albums.h"
#include "metadata/XmpSidecar.h"

#include <QCoreApplication>
#include <QString>

namespace Keepsake {

class Thumbnailer;

// What one photo needs before it goes onto a disc, made on a pool thread: its stored
// bytes read once, their SHA-256 compared with the name they are stored under and
// their MD5 (for the manifest) computed in that same read; its XMP sidecar; its grid
// thumbnail; a JPEG rendition where browsers show no original (RAW, HEIF, TIFF).
// A photo whose bytes no longer match its SHA-256 never goes onto a disc.
class PhotoStaging
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscLayout)

public:
    struct Task
    {
        PhotoRecord photo;
        QString albumTitle;
        QString stored;          // the original in the store
        SidecarFields fields;
        QString sidecar;         // where to write NAME.xmp
        QString thumbnail;       // the grid thumbnail's path in the cache
        QString viewFolder;      // where a rendition goes; empty: the original shows
    };

    struct Staged
    {
        QString md5;             // of verified bytes; empty when the photo cannot go on the disc
        QString problem;         // why it cannot: damaged, unreadable, no sidecar (cancelled: empty)
        bool hasThumbnail = false;
        QString view;            // the rendition's path, or empty
    };

    // Work stops (an empty Staged) once either token is cancelled: the job's, or the
    // layout's when it goes away.
    PhotoStaging(const Thumbnailer &thumbnails, const CancelToken &job, const CancelToken &layout)
        : m_thumbnails(thumbnails), m_job(job), m_layout(layout) { }

    Staged operator()(const Task &task) const;

private:
    QString verifiedMd5(const Task &task, QString &problem) const;
    static QString rendition(const Task &task);
    bool isCancelled() const { return m_job.isCancelled() || m_layout.isCancelled(); }

    const Thumbnailer &m_thumbnails;
    const CancelToken &m_job;
    const CancelToken &m_layout;
};

} // namespace Keepsake
