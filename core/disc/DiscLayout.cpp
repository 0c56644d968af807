// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscLayout.h"

#include "DiscLog.h"
#include "DiscViewer.h"
#include "base/Time.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"
#include "metadata/Thumbnailer.h"
#include "store/BlobStore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentMap>


#include <memory>

namespace Keepsake {

namespace {

constexpr qint64 Block = 2048;

qint64 blocks(qint64 bytes)
{
    return (bytes + Block - 1) / Block * Block;
}

// A name every file system on the disc accepts: no '/', no control characters.
QString safeName(QString name, const QString &fallback)
{
    for (QChar &c : name)
        if (c == QLatin1Char('/') || c.category() == QChar::Other_Control)
            c = QLatin1Char('_');
    name = name.trimmed();
    return name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..") ? fallback : name;
}

// "IMG_1.JPG" taken: "IMG_1 (2).JPG". Compared case-insensitively, as Windows does.
QString uniqueIn(QSet<QString> &used, const QString &wanted)
{
    QString name = wanted;
    const QFileInfo info(wanted);
    const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
    const QString base = suffix.isEmpty() ? wanted : wanted.left(wanted.size() - suffix.size());
    for (int n = 2; used.contains(name.toCaseFolded()); ++n)
        name = QStringLiteral("%1 (%2)%3").arg(base).arg(n).arg(suffix);
    used.insert(name.toCaseFolded());
    return name;
}

QString baseName(const QString &name)
{
    const QFileInfo info(name);
    return info.suffix().isEmpty() ? name : name.left(name.size() - info.suffix().size() - 1);
}

} // namespace

DiscLayout::DiscLayout(const Lab &lab, QString stagingDir, const CancelToken &cancel, int threads)
    : m_lab(lab), m_staging(std::move(stagingDir)), m_cancel(cancel),
      m_stage(lab.thumbnails(), lab.remoteFiles(), cancel, m_stagingCancel)
{
    m_pool.setMaxThreadCount(threads > 0 ? threads : qMax(1, QThread::idealThreadCount()));
}

DiscLayout::~DiscLayout()
{
    m_stagingCancel.cancel();
    m_pool.waitForDone();
}

bool DiscLayout::browserShows(const PhotoRecord &photo)
{
    return photo.format == QLatin1String("JPEG") || photo.format == QLatin1String("PNG");
}

QString DiscLayout::folderName(const AlbumSummary &album)
{
    const QDate date = album.groupDate.isValid() ? album.groupDate : album.firstHandin.toLocalTime().date();
    const QString day = toCatalogDate(date);
    const QString title = album.title.trimmed();
    if (title.isEmpty() || title == day)
        return safeName(day, QStringLiteral("album-%1").arg(album.id));
    return safeName(QStringLiteral("%1 %2").arg(day, title), QStringLiteral("album-%1").arg(album.id));
}

qint64 DiscLayout::estimate(const PhotoRecord &photo)
{
    qint64 bytes = blocks(photo.size) + 2 * Block /* sidecar */ + 16 * Block /* thumbnail */ + 512;
    if (!browserShows(photo))
        bytes += 1024 * 1024;   // a 2048-px JPEG rendition
    return bytes;
}

qint64 DiscLayout::estimate(const QList<PhotoRecord> &photos)
{
    qint64 bytes = DiscPlanner::AlbumOverhead;
    for (const PhotoRecord &photo : photos)
        bytes += estimate(photo);
    return bytes;
}

QString DiscLayout::uniqueFolder(const QString &wanted)
{
    return uniqueIn(m_usedFolders, wanted);
}

Status DiscLayout::stageFile(const QString &relative, const QByteArray &bytes, QString &staged)
{
    staged = QDir(m_staging).filePath(relative);
    QDir().mkpath(QFileInfo(staged).absolutePath());
    QSaveFile out(staged);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return Error::failure(tr("%1 could not be prepared for the disc: %2. Check the free space of %3.")
                                  .arg(relative, out.errorString(), m_staging));
    return Status::success();
}

Result<ManifestAlbum> DiscLayout::addAlbum(const AlbumSummary &album, const PlannedAlbum &planned)
{
    Result<QList<PhotoRecord>> photos = Albums(m_lab.catalog()).photos(album.id);
    if (!photos)
        return photos.error();
    if (!planned.photoIds.isEmpty()) {
        const QSet<qint64> chosen(planned.photoIds.cbegin(), planned.photoIds.cend());
        photos->removeIf([&chosen](const PhotoRecord &photo) { return !chosen.contains(photo.id); });
    }
    ManifestAlbum result;
    result.id = album.id;
    result.title = album.title;
    result.part = planned.parts > 1 ? planned.part : 0;
    result.parts = planned.parts > 1 ? planned.parts : 0;
    result.folder = uniqueFolder(result.parts > 1 ? tr("%1 (%2 of %3)").arg(folderName(album)).arg(result.part).arg(result.parts)
                                                  : folderName(album));
    result.handedIn = toCatalogTime(album.firstHandin);
    result.coverPhoto = photos->isEmpty() ? 0 : photos->first().id;
    for (const PhotoRecord &photo : std::as_const(*photos))
        if (album.cover && photo.id == *album.cover)
            result.coverPhoto = photo.id;
    const QString stagedDir = QDir(m_staging).filePath(QString::number(++m_stagedAlbums));
    QDir().mkpath(stagedDir);
    const QString folder = QLatin1Char('/') + result.folder + QLatin1Char('/');
    QSet<QString> names { QStringLiteral("album.json"), QStringLiteral("thumbs"), QStringLiteral("view") };
    QSet<QString> viewNames;
    Pending pending { album.ownerCode, {}, {}, {} };
    QList<PhotoStaging::Task> tasks;
    for (const PhotoRecord &photo : std::as_const(*photos)) {
        if (isCancelled())
            return Error::cancelled(tr("Cancelled while preparing album '%1'.").arg(album.title));
        const QString stored = m_lab.store().pathFor(photo.sha256);
        const QString name = uniqueIn(names, safeName(photo.name, QStringLiteral("photo-%1").arg(photo.id)));
        names.insert((name + QStringLiteral(".xmp")).toCaseFolded());
        const QString sidecar = QDir(stagedDir).filePath(QStringLiteral("%1.xmp").arg(photo.id));
        pending.originals.append(m_entries.size());
        m_entries.append({ folder + name, stored });   // or the copy fetched from another device
        m_entries.append({ folder + name + QStringLiteral(".xmp"), sidecar });
        // A browser shows a JPEG or PNG itself; anything else only through its rendition,
        // and without one (nothing could be decoded) the viewer shows a tile, not the file.
        result.photos.append({ photo.id, photo.name, folder.mid(1) + name, photo.sha256, {}, photo.size,
                               photo.taken, photo.camera, photo.caption, {},
                               browserShows(photo) ? folder.mid(1) + name : QString() });
        pending.viewNames.append(uniqueIn(viewNames, baseName(name).left(60).trimmed() + QStringLiteral(".jpg")));
        const SidecarFields fields { photo.name, photo.taken, photo.camera, photo.caption, album.title, result.handedIn };
        tasks.append({ photo, album.title, stored, fields, sidecar,
                       m_lab.thumbnails().path(photo.sha256, Thumbnailer::Size::Grid),
                       browserShows(photo) ? QString() : stagedDir, keeperElsewhere(photo),
                       QDir(stagedDir).filePath(QStringLiteral("original-%1").arg(photo.id)) });
    }
    pending.staged = QtConcurrent::mapped(&m_pool, std::move(tasks), m_stage);
    m_pending.append(std::move(pending));
    return result;
}

// An MD5 computed while staging (the catalog had none: stored before it kept MD5s, or
// fetched from another device) is kept, so that the next burn need not hash the photo.
void DiscLayout::keepMd5(const QString &sha256, const QString &md5) const
{
    SqlQuery update(m_lab.catalog().db(), QStringLiteral("UPDATE blobs SET md5 = :md5 WHERE sha256 = :sha AND md5 IS NULL"));
    update.bind(QStringLiteral(":md5"), md5).bind(QStringLiteral(":sha"), sha256);
    if (const Status kept = update.exec(); !kept)
        qCInfo(lcDisc).noquote() << "The MD5 of" << sha256 << "was not kept in the catalog:" << kept.error().message();
}

QString DiscLayout::keeperElsewhere(const PhotoRecord &photo) const
{
    if (m_lab.isOtherDevice(photo.holder))
        return photo.holder;
    // Still queued here for its device: once delivered there, this store drops its copy.
    return m_lab.isOtherDevice(photo.device) ? photo.device : QString();
}

Status DiscLayout::completePhotos(ManifestAlbum &album, const Pending &pending)
{
    const QFuture<PhotoStaging::Staged> &staged = pending.staged;
    const QStringList &viewNames = pending.viewNames;
    const QString folder = QLatin1Char('/') + album.folder + QLatin1Char('/');
    for (qsizetype p = 0; p < album.photos.size(); ++p) {
        ManifestPhoto &photo = album.photos[p];
        const PhotoStaging::Staged made = p < staged.resultCount() ? staged.resultAt(p) : PhotoStaging::Staged();
        if (isCancelled())
            return Error::cancelled(tr("Cancelled while preparing album '%1'.").arg(album.title));
        if (made.md5.isEmpty())
            return Error::failure(made.problem);
        photo.md5 = made.md5;
        if (made.md5Computed)
            keepMd5(photo.sha256, made.md5);
        m_entries[pending.originals.at(p)].source = made.source;
        if (made.hasThumbnail) {
            photo.thumb = album.folder + QStringLiteral("/thumbs/") + viewNames.at(p);
            m_entries.append({ QLatin1Char('/') + photo.thumb, m_lab.thumbnails().path(photo.sha256, Thumbnailer::Size::Grid) });
        }
        if (!made.view.isEmpty()) {
            photo.view = album.folder + QStringLiteral("/view/") + viewNames.at(p);
            m_entries.append({ QLatin1Char('/') + photo.view, made.view });
        }
        if (photo.thumb.isEmpty())
            photo.thumb = photo.view;
    }
    if (const ManifestPhoto *cover = album.cover(); cover && !cover->view.isEmpty()) {
        // Players showing a folder's pictures in name order show the cover first.
        const QString shownName = cover->view.mid(cover->view.lastIndexOf(QLatin1Char('/')) + 1);
        m_clones.append({ QLatin1Char('/') + cover->view, folder + QStringLiteral("0000 cover - ") + shownName });
    }
    return Status::success();
}

Status DiscLayout::completeAlbums(QList<ManifestAlbum> &albums)
{
    for (qsizetype i = 0; i < albums.size() && i < m_pending.size(); ++i) {
        ManifestAlbum &album = albums[i];
        QFuture<PhotoStaging::Staged> &photos = m_pending[i].staged;
        photos.waitForFinished();
        if (Status made = completePhotos(album, m_pending.at(i)); !made)
            return made;
        QJsonArray listed;
        for (const ManifestPhoto &photo : std::as_const(album.photos)) {
            listed.append(QJsonObject { { QStringLiteral("name"), photo.name },
                                        { QStringLiteral("file"), photo.path.section(QLatin1Char('/'), -1) },
                                        { QStringLiteral("taken"), photo.taken }, { QStringLiteral("camera"), photo.camera },
                                        { QStringLiteral("caption"), photo.caption }, { QStringLiteral("size"), photo.size },
                                        { QStringLiteral("sha256"), photo.sha256 }, { QStringLiteral("md5"), photo.md5 },
                                        { QStringLiteral("handed_in"), album.handedIn },
                                        { QStringLiteral("cover"), photo.id == album.coverPhoto } });
        }
        QJsonObject albumFile { { QStringLiteral("title"), album.title }, { QStringLiteral("owner"), m_pending.at(i).owner },
                                { QStringLiteral("handed_in"), album.handedIn }, { QStringLiteral("photos"), listed } };
        if (album.parts > 1) {
            albumFile.insert(QStringLiteral("part"), album.part);
            albumFile.insert(QStringLiteral("parts"), album.parts);
        }
        QString staged;
        if (Status ok = stageFile(QStringLiteral("%1/album.json").arg(i + 1),
                                  QJsonDocument(albumFile).toJson(QJsonDocument::Indented), staged); !ok)
            return ok;
        m_entries.append({ QLatin1Char('/') + album.folder + QStringLiteral("/album.json"), staged });
    }
    return Status::success();
}

Status DiscLayout::finish(const DiscManifest &manifest, const QByteArray &json, const QByteArray &signature,
                          const QString &language)
{
    QList<DiscViewer::File> files = DiscViewer::render(manifest, language);
    files.append({ DiscManifest::jsonName(), json });
    files.append({ DiscManifest::signatureName(), signature });
    for (const DiscViewer::File &file : files) {
        QString staged;
        if (Status ok = stageFile(QStringLiteral("root/") + file.path, file.bytes, staged); !ok)
            return ok;
        m_entries.append({ QLatin1Char('/') + file.path, staged });
    }
    return Status::success();
}

} // namespace Keepsake
