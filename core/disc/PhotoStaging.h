// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "catalog/Albums.h"
#include "metadata/XmpSidecar.h"

#include <QCoreApplication>
#include <QString>

namespace Keepsake {

class RemoteFiles;
class Thumbnailer;

// What one photo needs before it goes onto a disc, made on a pool thread: its stored
// bytes read once, their SHA-256 compared with the name they are stored under and
// their MD5 (for the manifest) computed in that same read; its XMP sidecar; its grid
// thumbnail; a JPEG rendition where browsers show no original (RAW, HEIF, TIFF).
// A photo whose bytes no longer match its SHA-256 never goes onto a disc.
// A photo another device of the chain keeps (its file not in this store) is first
// copied from that device into the staging folder (RemoteFiles: in pieces, its
// SHA-256 checked), and goes onto the disc from there.
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
        QString holder {};       // another device keeping the file: fetched from there when `stored` is missing
        QString fetched {};      // where the fetched copy goes
    };

    struct Staged
    {
        QString md5;             // of verified bytes; empty when the photo cannot go on the disc
        QString problem;         // why it cannot: damaged, unreadable, not fetched, no sidecar (cancelled: empty)
        QString source;          // the file the disc takes the original from: `stored`, or the fetched copy
        bool hasThumbnail = false;
        QString view;            // the rendition's path, or empty
    };

    // Work stops (an empty Staged) once either token is cancelled: the job's, or the
    // layout's when it goes away.
    // remote: how files kept by other devices are fetched; null when this data folder cannot.
    PhotoStaging(const Thumbnailer &thumbnails, const RemoteFiles *remote, const CancelToken &job,
                 const CancelToken &layout)
        : m_thumbnails(thumbnails), m_remote(remote), m_job(job), m_layout(layout) { }

    Staged operator()(const Task &task) const;

private:
    QString source(const Task &task, QString &problem) const;
    QString verifiedMd5(const Task &task, const QString &source, QString &problem) const;
    static QString rendition(const Task &task, const QString &source);
    bool isCancelled() const { return m_job.isCancelled() || m_layout.isCancelled(); }

    const Thumbnailer &m_thumbnails;
    const RemoteFiles *m_remote;
    const CancelToken &m_job;
    const CancelToken &m_layout;
};

} // namespace Keepsake
