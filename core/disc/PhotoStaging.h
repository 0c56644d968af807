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
struct DecodedImage;

// What one photo needs before it goes onto a disc, made on a pool thread from its
// stored bytes, read once into memory (issue 14): its XMP sidecar (exiv2 reading that
// buffer), its grid thumbnail when the cache lacks it, a JPEG rendition where browsers
// show no original (RAW, HEIF, TIFF) — one decode serving both — and the MD5 the
// manifest lists. That MD5 is the catalog's (blobs.md5, computed at hand-in from the
// read that gave the SHA-256); for a file stored before the catalog kept MD5s, or
// fetched from another device, it is computed from the same buffer together with the
// SHA-256 check, and DiscLayout writes it back. A photo whose size differs from the
// catalog's, or whose bytes no longer match its SHA-256 when they are hashed, never
// goes onto a disc; one damaged in place since hand-in is caught after writing, when
// the MD5 the medium records for it differs from the manifest's (DiscCheck).
// Memory: one photo per pool thread.
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
        QString md5;             // the manifest's; empty when the photo cannot go on the disc
        bool md5Computed = false; // computed here (the catalog had none): to be kept in blobs.md5
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
    QByteArray read(const Task &task, const QString &source, QString &problem) const;
    void checkDigests(const Task &task, const QByteArray &bytes, Staged &staged) const;
    void makePictures(const Task &task, const QByteArray &bytes, Staged &staged) const;
    static QString saveRendition(const Task &task, const DecodedImage &decoded);
    bool isCancelled() const { return m_job.isCancelled() || m_layout.isCancelled(); }

    const Thumbnailer &m_thumbnails;
    const RemoteFiles *m_remote;
    const CancelToken &m_job;
    const CancelToken &m_layout;
};

} // namespace Keepsake
