// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscLayout.h"

#include "DiscLog.h"
#include "DiscViewer.h"
#include "base/Time.h"
#include "lab/Lab.h"
#include "metadata/ImageDecoder.h"
#include "metadata/Thumbnailer.h"
#include "metadata/XmpSidecar.h"
#include "store/BlobStore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentMap>

#include <openssl/evp.h>

#include <memory>

namespace Keepsake {

namespace {

constexpr int RenditionEdge = 2048;
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

// The MD5 of a file's bytes (hex); empty when it cannot be read or when cancelled.
QString fileMd5(const QString &path, const CancelToken &cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context || EVP_DigestInit_ex(context.get(), EVP_md5(), nullptr) != 1)
        return {};
    QByteArray buffer(1024 * 1024, Qt::Uninitialized);
    for (qint64 read; (read = file.read(buffer.data(), buffer.size())) > 0;) {
        if (cancel.isCancelled())
            return {};
        EVP_DigestUpdate(context.get(), buffer.constData(), size_t(read));
    }
    if (file.error() != QFileDevice::NoError)
        return {};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context.get(), digest, &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

QString baseName(const QString &name)
{
    const QFileInfo info(name);
    return info.suffix().isEmpty() ? name : name.left(name.size() - info.suffix().size() - 1);
}

} // namespace

DiscLayout::DiscLayout(const Lab &lab, QString stagingDir) : m_lab(lab), m_staging(std::move(stagingDir))
{
    m_digestPool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
}

DiscLayout::~DiscLayout()
{
    m_digestCancel.cancel();
    m_digestPool.waitForDone();
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

Result<QString> DiscLayout::rendition(const PhotoRecord &photo, const QString &stored, const QString &stagedDir)
{
    const DecodedImage decoded = ImageDecoder().decodeFile(stored, RenditionEdge);
    if (!decoded.accepted || decoded.picture.isNull())
        return Error::failure(tr("No picture could be made of %1 for the disc's viewer: %2")
                                  .arg(photo.name, decoded.reason));
    const QImage shown = decoded.transformsApplied ? decoded.picture
                                                   : applyOrientation(decoded.picture, photo.orientation);
    const QString path = QDir(stagedDir).filePath(QStringLiteral("view-%1.jpg").arg(photo.id));
    QDir().mkpath(stagedDir);
    if (!shown.save(path, "JPEG", 88))
        return Error::failure(tr("The viewer picture of %1 could not be saved to %2.").arg(photo.name, path));
    return path;
}

Result<ManifestAlbum> DiscLayout::addAlbum(const AlbumSummary &album, const PlannedAlbum &planned,
                                           const CancelToken &cancel)
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
    const QString folder = QLatin1Char('/') + result.folder + QLatin1Char('/');
    QSet<QString> names { QStringLiteral("album.json"), QStringLiteral("thumbs"), QStringLiteral("view") };
    QSet<QString> viewNames;
    QStringList originals;
    for (const PhotoRecord &photo : *photos) {
        if (cancel.isCancelled())
            return Error::cancelled(tr("Cancelled while preparing album '%1'.").arg(album.title));
        const QString stored = m_lab.store().pathFor(photo.sha256);
        originals.append(stored);
        const QString name = uniqueIn(names, safeName(photo.name, QStringLiteral("photo-%1").arg(photo.id)));
        names.insert((name + QStringLiteral(".xmp")).toCaseFolded());
        m_entries.append({ folder + name, stored });

        const SidecarFields fields { photo.name, photo.taken, photo.camera, photo.caption, album.title,
                                     result.handedIn };
        const QString sidecar = QDir(stagedDir).filePath(QStringLiteral("%1.xmp").arg(photo.id));
        QDir().mkpath(stagedDir);
        if (Status written = XmpSidecar::write(stored, fields, sidecar); !written)
            return written.error();
        m_entries.append({ folder + name + QStringLiteral(".xmp"), sidecar });

        ManifestPhoto entry { photo.id, photo.name, folder.mid(1) + name, photo.sha256, {}, photo.size,
                              photo.taken, photo.camera, photo.caption, {}, folder.mid(1) + name };
        const QString jpgName = uniqueIn(viewNames, baseName(name).left(60).trimmed() + QStringLiteral(".jpg"));
        QString thumb = m_lab.thumbnails().path(photo.sha256, Thumbnailer::Size::Grid);
        if (!QFileInfo::exists(thumb))
            (void)m_lab.thumbnails().make(photo.sha256, stored);
        if (QFileInfo::exists(thumb)) {
            entry.thumb = folder.mid(1) + QStringLiteral("thumbs/") + jpgName;
            m_entries.append({ QLatin1Char('/') + entry.thumb, thumb });
        }
        if (!browserShows(photo)) {
            const Result<QString> view = rendition(photo, stored, stagedDir);
            if (view) {
                entry.view = folder.mid(1) + QStringLiteral("view/") + jpgName;
                m_entries.append({ QLatin1Char('/') + entry.view, *view });
            } else {
                qCWarning(lcDisc).noquote() << view.error().message();
            }
        }
        if (entry.thumb.isEmpty())
            entry.thumb = entry.view;
        result.photos.append(entry);
    }
    if (const ManifestPhoto *cover = result.cover(); cover && !cover->view.isEmpty()) {
        // Players showing a folder's pictures in name order show the cover first.
        const QString shownName = cover->view.mid(cover->view.lastIndexOf(QLatin1Char('/')) + 1);
        m_clones.append({ QLatin1Char('/') + cover->view, folder + QStringLiteral("0000 cover - ") + shownName });
    }
    const CancelToken &digestCancel = m_digestCancel;
    m_pending.append({ album.ownerCode, QtConcurrent::mapped(&m_digestPool, originals, [&digestCancel](const QString &path) {
                           return fileMd5(path, digestCancel);
                       }) });
    return result;
}

Status DiscLayout::completeAlbums(QList<ManifestAlbum> &albums, const CancelToken &cancel)
{
    for (qsizetype i = 0; i < albums.size() && i < m_pending.size(); ++i) {
        ManifestAlbum &album = albums[i];
        QFuture<QString> &md5s = m_pending[i].md5s;
        md5s.waitForFinished();
        if (cancel.isCancelled())
            return Error::cancelled(tr("Cancelled while preparing album '%1'.").arg(album.title));
        QJsonArray listed;
        for (qsizetype p = 0; p < album.photos.size(); ++p) {
            ManifestPhoto &photo = album.photos[p];
            photo.md5 = p < md5s.resultCount() ? md5s.resultAt(p) : QString();
            if (photo.md5.isEmpty())
                return Error::failure(tr("The stored original of %1 (album '%2') could not be read. Check the store "
                                         "with keepsakectl store check.").arg(photo.name, album.title));
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

Status DiscLayout::finish(const DiscManifest &manifest, const QByteArray &json, const QByteArray &signature)
{
    QList<DiscViewer::File> files = DiscViewer::render(manifest);
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
