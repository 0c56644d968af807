// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DiscManifest.h"
#include "DiscPlanner.h"
#include "base/CancelToken.h"
#include "base/Error.h"
#include "catalog/Albums.h"

#include <QCoreApplication>
#include <QFuture>
#include <QList>
#include <QSet>
#include <QString>
#include <QThreadPool>

namespace Keepsake {

class Lab;

// What a session puts on the disc (DESIGN.md, "Disc"): one folder per album named by
// date and title, the originals under their own names, NAME.xmp beside each, album.json,
// thumbs/ and view/ renditions, the cover once more as the first name of its folder;
// at the root the offline viewer and the manifest, both covering every session.
// Generated files are staged in a folder; the originals are taken from the store.
// Each original's MD5 (listed in the manifest and album.json beside its SHA-256) is
// computed on a pool of threads while the sidecars are written; completeAlbums() waits
// for them. After writing, the MD5 the medium records for each file must equal the
// manifest's: a file that changed between staging and writing is caught.
class DiscLayout
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscLayout)

public:
    struct Entry { QString path; QString source; };    // disc path ← local file
    struct Clone { QString original; QString path; };  // a second name for the same data

    DiscLayout(const Lab &lab, QString stagingDir);
    ~DiscLayout();

    // Folders that already exist on the disc (earlier sessions) are not reused.
    void reserveFolders(const QSet<QString> &folders) { m_usedFolders = folders; }

    // Adds an album, or the part of it the plan names (its photos; "Title (1 of 2)"):
    // stages its sidecars, thumbnails and renditions and starts its MD5s.
    Result<ManifestAlbum> addAlbum(const AlbumSummary &album, const PlannedAlbum &planned,
                                   const CancelToken &cancel);
    // Fills in the MD5s of the albums added (in their order) and stages their album.json.
    Status completeAlbums(QList<ManifestAlbum> &albums, const CancelToken &cancel);
    // Stages the viewer and the signed manifest for the whole disc.
    Status finish(const DiscManifest &manifest, const QByteArray &json, const QByteArray &signature);

    const QList<Entry> &entries() const { return m_entries; }
    const QList<Clone> &clones() const { return m_clones; }

    // Estimated bytes of an album on the disc, for planning.
    static qint64 estimate(const QList<PhotoRecord> &photos);
    static qint64 estimate(const PhotoRecord &photo);
    static QString folderName(const AlbumSummary &album);
    static bool browserShows(const PhotoRecord &photo);

private:
    QString uniqueFolder(const QString &wanted);
    Status stageFile(const QString &relative, const QByteArray &bytes, QString &staged);
    Result<QString> rendition(const PhotoRecord &photo, const QString &stored, const QString &stagedDir);

    const Lab &m_lab;
    QString m_staging;
    QSet<QString> m_usedFolders;
    QList<Entry> m_entries;
    QList<Clone> m_clones;
    int m_stagedAlbums = 0;
    struct Pending { QString owner; QFuture<QString> md5s; };
    QList<Pending> m_pending;   // one per album added, in order
    CancelToken m_digestCancel;
    QThreadPool m_digestPool;
};

} // namespace Keepsake
