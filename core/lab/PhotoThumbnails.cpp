// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhotoThumbnails.h"

#include "Lab.h"
#include "LabLog.h"
#include "RemoteFiles.h"
#include "catalog/StoredFiles.h"
#include "store/BlobStore.h"

#include <QFileInfo>
#include <QImageReader>

namespace Keepsake {

Result<QString> PhotoThumbnails::ensure(const QString &sha256, Thumbnailer::Size size, const QString &holder,
                                        const CancelToken &cancel) const
{
    const Thumbnailer &thumbnails = m_lab.thumbnails();
    const QString cached = thumbnails.path(sha256, size);
    if (QFileInfo::exists(cached))
        return cached;
    const QString stored = m_lab.store().pathFor(sha256);
    if (QFileInfo::exists(stored) || !m_lab.remoteFiles()) {
        if (Status made = thumbnails.make(sha256, stored); !made)
            return made.error();
        return cached;
    }
    return fetch(sha256, size, holder, cancel);
}

Result<QString> PhotoThumbnails::fetch(const QString &sha256, Thumbnailer::Size size, const QString &holder,
                                       const CancelToken &cancel) const
{
    QStringList devices;
    if (!holder.isEmpty()) {
        devices.append(holder);
    } else {
        const Result<QStringList> holders = StoredFiles(m_lab.catalog()).holders(sha256);
        if (!holders)
            return holders.error();
        devices = *holders;
    }
    devices.removeIf([this](const QString &device) { return !m_lab.isOtherDevice(device); });
    if (devices.isEmpty())
        return Error::notFound(tr("No device of the chain keeps the file %1, so it has no thumbnail. Run "
                                  "keepsakectl check on the devices.").arg(sha256));
    Error last = Error::notFound(QString());
    for (const QString &device : std::as_const(devices)) {
        const Result<QByteArray> jpeg = m_lab.remoteFiles()->fetchThumbnail(device, sha256, size, cancel);
        if (!jpeg) {
            last = jpeg.error();
            continue;
        }
        if (Status kept = m_lab.thumbnails().keep(sha256, size, *jpeg); !kept)
            return kept.error();
        return m_lab.thumbnails().path(sha256, size);
    }
    return last;
}

QImage PhotoThumbnails::load(const QString &sha256, Thumbnailer::Size size, const QString &holder) const
{
    const Result<QString> path = ensure(sha256, size, holder);
    if (!path) {
        qCInfo(lcLab).noquote() << path.error().message();
        return {};
    }
    QImageReader reader(*path);
    return reader.read();
}

} // namespace Keepsake
