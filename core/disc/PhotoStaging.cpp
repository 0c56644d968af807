// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhotoStaging.h"

#include "DiscLog.h"
#include "lab/RemoteFiles.h"
#include "metadata/ImageDecoder.h"
#include "metadata/Thumbnailer.h"
#include "store/ContentDigests.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Keepsake {

namespace {

constexpr int RenditionEdge = 2048;

QString damaged(const PhotoStaging::Task &task)
{
    return PhotoStaging::tr("The stored original of %1 (album '%2') is damaged: its bytes are no longer those it "
                            "was stored with (its size or checksum differs), so it cannot go onto a disc. Nothing was recorded. Run "
                            "keepsakectl check, and hand the photo in again from the customer's card or a backup.")
        .arg(task.photo.name, task.albumTitle);
}

} // namespace

PhotoStaging::Staged PhotoStaging::operator()(const Task &task) const
{
    Staged staged;
    if (isCancelled())
        return staged;
    staged.source = source(task, staged.problem);
    if (staged.source.isEmpty())
        return staged;
    const QByteArray bytes = read(task, staged.source, staged.problem);
    if (bytes.isNull() || isCancelled())
        return staged;
    checkDigests(task, bytes, staged);
    if (staged.md5.isEmpty())
        return staged;
    if (Status written = XmpSidecar::write(bytes, task.fields, task.sidecar); !written) {
        staged.md5.clear();
        staged.problem = written.error().message();
        return staged;
    }
    makePictures(task, bytes, staged);
    return staged;
}

// The stored original; when this store lacks it and another device keeps it, a copy
// fetched from there. Empty, with the problem, when there is none (cancelled: no problem).
QString PhotoStaging::source(const Task &task, QString &problem) const
{
    if (task.holder.isEmpty() || QFileInfo::exists(task.stored))
        return task.stored;
    if (!m_remote) {
        problem = tr("%1 (album '%2') is kept on device %3, and this data folder cannot fetch files from other "
                     "devices (it is no device of the chain, or its certificate cannot be read). Nothing was "
                     "recorded; the albums stay expired. Burn on a device of the chain.")
                      .arg(task.photo.name, task.albumTitle, task.holder);
        return {};
    }
    QDir().mkpath(QFileInfo(task.fetched).absolutePath());
    const Status fetched = m_remote->fetchFile(task.holder, task.photo.sha256, task.fetched, m_job);
    if (fetched)
        return task.fetched;
    if (!isCancelled())
        problem = tr("%1 (album '%2') is kept on device %3, and it could not be fetched from there: %4 Nothing was "
                     "recorded; the albums stay expired. Burn again once device %3 serves it (keepsakectl serve "
                     "there, reachable from here).")
                      .arg(task.photo.name, task.albumTitle, task.holder, fetched.error().message());
    return {};
}

// The whole file in one read; null, with the problem, when it cannot be read or its
// size is not the one it was stored with.
QByteArray PhotoStaging::read(const Task &task, const QString &source, QString &problem) const
{
    QFile file(source);
    if (!file.open(QIODevice::ReadOnly)) {
        problem = tr("The stored original of %1 (album '%2') could not be read: %3. Check the store with "
                     "keepsakectl check.").arg(task.photo.name, task.albumTitle, file.errorString());
        return {};
    }
    if (file.size() != task.photo.size) {
        problem = damaged(task);
        return {};
    }
    QByteArray bytes = file.readAll();
    if (bytes.size() != task.photo.size) {
        problem = tr("The stored original of %1 (album '%2') could not be read: %3. Check the store with "
                     "keepsakectl check.").arg(task.photo.name, task.albumTitle, file.errorString());
        return {};
    }
    return bytes.isNull() ? QByteArray("") : bytes;   // an empty photo is still read
}

// The catalog's MD5; when it has none, the SHA-256 and MD5 of the bytes read, the
// SHA-256 compared with the name the photo is stored under.
void PhotoStaging::checkDigests(const Task &task, const QByteArray &bytes, Staged &staged) const
{
    if (!task.photo.md5.isEmpty()) {
        staged.md5 = task.photo.md5.toLower();
        return;
    }
    ContentDigests digests;
    digests.add(bytes);
    const ContentDigests::Hex hex = digests.finish();
    if (hex.sha256 != task.photo.sha256) {
        staged.problem = damaged(task);
        return;
    }
    if (hex.md5.isEmpty()) {
        staged.problem = tr("No MD5 could be computed for %1 (album '%2').").arg(task.photo.name, task.albumTitle);
        return;
    }
    staged.md5 = hex.md5;
    staged.md5Computed = true;
}

// The grid thumbnail when the cache lacks it and the rendition when one is wanted, from
// one decode of the bytes in memory (JPEG: libjpeg's DCT scaling to the edge needed).
void PhotoStaging::makePictures(const Task &task, const QByteArray &bytes, Staged &staged) const
{
    const bool needsThumbnail = !QFileInfo::exists(task.thumbnail);
    const bool needsView = !task.viewFolder.isEmpty();
    if ((needsThumbnail || needsView) && !isCancelled()) {
        const DecodedImage decoded = ImageDecoder().decode(bytes, needsView ? RenditionEdge : Thumbnailer::PrintEdge);
        if (!decoded.accepted || decoded.picture.isNull())
            qCWarning(lcDisc).noquote() << tr("No picture could be made of %1 for the disc's viewer: %2")
                                               .arg(task.photo.name, decoded.reason);
        else {
            if (needsThumbnail)   // without one, the viewer shows the rendition
                (void)m_thumbnails.saveFrom(task.photo.sha256, decoded, task.photo.orientation);
            if (needsView)
                staged.view = saveRendition(task, decoded);
        }
    }
    staged.hasThumbnail = QFileInfo::exists(task.thumbnail);
}

QString PhotoStaging::saveRendition(const Task &task, const DecodedImage &decoded)
{
    const QImage shown = decoded.transformsApplied ? decoded.picture
                                                   : applyOrientation(decoded.picture, task.photo.orientation);
    const QString path = QDir(task.viewFolder).filePath(QStringLiteral("view-%1.jpg").arg(task.photo.id));
    QDir().mkpath(task.viewFolder);
    if (!shown.save(path, "JPEG", 88)) {
        qCWarning(lcDisc).noquote() << tr("The viewer picture of %1 could not be saved to %2.").arg(task.photo.name, path);
        return {};
    }
    return path;
}

} // namespace Keepsake
