// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DiscManifest.h"
#include "DiscPlanner.h"
#include "PhotoStaging.h"
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
// Generated files are staged in a folder; the originals are taken from the store, or
// from a copy in the staging folder when another device of the chain keeps them.
// Each photo is staged on a pool of threads (PhotoStaging): fetched first when kept
// elsewhere, read once for its sidecar, thumbnail and rendition, its MD5 (listed in the
// manifest and album.json) the catalog's, or computed in that read with the SHA-256
// check and kept; completeAlbums() waits for them and refuses the disc when a photo is
// damaged or cannot be fetched. After writing, the MD5 the medium records for each file
// (computed by libisofs from the bytes it wrote) must equal the manifest's: a file
// damaged since hand-in, or changed between staging and writing, is caught there.
class DiscLayout
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscLayout)

public:
    struct Entry { QString path; QString source; };    // disc path ← local file
    struct Clone { QString original; QString path; };  // a second name for the same data

    // threads: the pool's size; 0: one per core. The job's cancel stops staging.
    DiscLayout(const Lab &lab, QString stagingDir, const CancelToken &cancel, int threads = 0);
    ~DiscLayout();

    // Folders that already exist on the disc (earlier sessions) are not reused.
    void reserveFolders(const QSet<QString> &folders) { m_usedFolders = folders; }

    // Adds an album, or the part of it the plan names (its photos; "Title (1 of 2)"),
    // and starts staging its photos on the pool.
    Result<ManifestAlbum> addAlbum(const AlbumSummary &album, const PlannedAlbum &planned);
    // Waits for the photos of the albums added (in their order): fills in their MD5s,
    // thumbnails and renditions, and stages each album.json. Fails on the first photo
    // that cannot go onto the disc (damaged, unreadable), naming it and its album.
    Status completeAlbums(QList<ManifestAlbum> &albums);
    // Stages the viewer (in the customer's language) and the signed manifest for the
    // whole disc.
    Status finish(const DiscManifest &manifest, const QByteArray &json, const QByteArray &signature,
                  const QString &language);

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
    struct Pending;
    Status completePhotos(ManifestAlbum &album, const Pending &pending);
    void keepMd5(const QString &sha256, const QString &md5) const;
    // The device to fetch a photo's file from when this store lacks it; empty: none.
    QString keeperElsewhere(const PhotoRecord &photo) const;
    bool isCancelled() const { return m_cancel.isCancelled() || m_stagingCancel.isCancelled(); }

    const Lab &m_lab;
    QString m_staging;
    QSet<QString> m_usedFolders;
    QList<Entry> m_entries;
    QList<Clone> m_clones;
    int m_stagedAlbums = 0;
    struct Pending
    {
        QString owner;
        QStringList viewNames;                    // per photo: its name in thumbs/ and view/
        QFuture<PhotoStaging::Staged> staged;     // per photo, in the album's order
        QList<qsizetype> originals;               // per photo: its original's place in m_entries
    };
    QList<Pending> m_pending;   // one per album added, in order
    const CancelToken &m_cancel;
    CancelToken m_stagingCancel;                  // set when the layout goes away
    PhotoStaging m_stage;
    QThreadPool m_pool;                           // last: waits for its tasks first
};

} // namespace Keepsake
