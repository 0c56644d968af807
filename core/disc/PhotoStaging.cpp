// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhotoStaging.h"

#include "DiscLog.h"
#include "lab/RemoteFiles.h"
#include "metadata/ImageDecoder.h"
#include "metadata/Thumbnailer.h"
#include "store/Sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <openssl/evp.h>

#include <memory>

namespace Keepsake {

namespace {

constexpr int RenditionEdge = 2048;
constexpr qint64 ReadChunk = 1024 * 1024;

// The MD5 of bytes fed in pieces, through OpenSSL as the store's SHA-256 is.
class Md5
{
public:
    Md5() : m_context(EVP_MD_CTX_new(), &EVP_MD_CTX_free)
    {
        m_ok = m_context && EVP_DigestInit_ex(m_context.get(), EVP_md5(), nullptr) == 1;
    }
    void add(const char *data, qint64 size) { m_ok = m_ok && EVP_DigestUpdate(m_context.get(), data, size_t(size)) == 1; }
    QString hex()
    {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (!m_ok || EVP_DigestFinal_ex(m_context.get(), digest, &length) != 1)
            return {};
        return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
    }

private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> m_context;
    bool m_ok = false;
};

} // namespace

PhotoStaging::Staged PhotoStaging::operator()(const Task &task) const
{
    Staged staged;
    if (isCancelled())
        return staged;
    staged.source = source(task, staged.problem);
    if (staged.source.isEmpty())
        return staged;
    staged.md5 = verifiedMd5(task, staged.source, staged.problem);
    if (staged.md5.isEmpty())
        return staged;
    if (Status written = XmpSidecar::write(staged.source, task.fields, task.sidecar); !written) {
        staged.md5.clear();
        staged.problem = written.error().message();
        return staged;
    }
    if (!QFileInfo::exists(task.thumbnail))
        (void)m_thumbnails.make(task.photo.sha256, staged.source);   // without one, the viewer shows the rendition
    staged.hasThumbnail = QFileInfo::exists(task.thumbnail);
    if (!task.viewFolder.isEmpty() && !isCancelled())
        staged.view = rendition(task, staged.source);
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

QString PhotoStaging::verifiedMd5(const Task &task, const QString &source, QString &problem) const
{
    QFile file(source);
    if (!file.open(QIODevice::ReadOnly)) {
        problem = tr("The stored original of %1 (album '%2') could not be read: %3. Check the store with "
                     "keepsakectl check.").arg(task.photo.name, task.albumTitle, file.errorString());
        return {};
    }
    Sha256 sha256;
    Md5 md5;
    QByteArray buffer(ReadChunk, Qt::Uninitialized);
    qint64 got = 0;
    while ((got = file.read(buffer.data(), buffer.size())) > 0) {
        if (isCancelled())
            return {};
        sha256.add(buffer.constData(), got);
        md5.add(buffer.constData(), got);
    }
    if (got < 0) {
        problem = tr("The stored original of %1 (album '%2') could not be read: %3. Check the store with "
                     "keepsakectl check.").arg(task.photo.name, task.albumTitle, file.errorString());
        return {};
    }
    if (sha256.hex() != task.photo.sha256) {
        problem = tr("The stored original of %1 (album '%2') is damaged: its bytes no longer match the checksum it "
                     "was stored with, so it cannot go onto a disc. Nothing was recorded. Run keepsakectl check, "
                     "and hand the photo in again from the customer's card or a backup.")
                      .arg(task.photo.name, task.albumTitle);
        return {};
    }
    const QString hex = md5.hex();
    if (hex.isEmpty())
        problem = tr("No MD5 could be computed for %1 (album '%2').").arg(task.photo.name, task.albumTitle);
    return hex;
}

QString PhotoStaging::rendition(const Task &task, const QString &source)
{
    const DecodedImage decoded = ImageDecoder().decodeFile(source, RenditionEdge);
    if (!decoded.accepted || decoded.picture.isNull()) {
        qCWarning(lcDisc).noquote() << tr("No picture could be made of %1 for the disc's viewer: %2")
                                           .arg(task.photo.name, decoded.reason);
        return {};
    }
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
