// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RemoteThumbnails.h"

#include "KioskLog.h"
#include "net/ServiceProtocol.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QImageReader>
#include <QMutexLocker>
#include <QSaveFile>
#include <QThread>

#include <algorithm>

namespace Keepsake {

namespace {

bool isSha256(const QString &text)
{
    return text.size() == 64 && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
    });
}

} // namespace

RemoteThumbnails::RemoteThumbnails(DeviceEndpoint endpoint, QString cacheFolder)
    : m_endpoint(std::move(endpoint)), m_folder(std::move(cacheFolder))
{
    m_endpoint.session.clear();
    prune();
}

void RemoteThumbnails::setSession(const QString &session)
{
    const QMutexLocker lock(&m_mutex);
    m_endpoint.session = session;
}

QString RemoteThumbnails::cachePath(const QString &sha256) const
{
    return m_folder + QLatin1Char('/') + sha256.left(2) + QLatin1Char('/') + sha256 + QStringLiteral(".jpg");
}

QImage RemoteThumbnails::read(const PhotoRecord &photo, int edge) const
{
    if (!isSha256(photo.sha256) || m_folder.isEmpty())
        return {};
    const QString path = cachePath(photo.sha256);
    QImage image = QImageReader(path).read();
    if (image.isNull()) {
        const QByteArray bytes = fetch(photo);
        image = QImage::fromData(bytes, "JPEG");
        if (image.isNull())
            return {};
        QDir().mkpath(QFileInfo(path).path());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            qCInfo(lcKiosk) << "A thumbnail cannot be kept in" << m_folder << file.errorString();
    }
    return image.scaled(edge, edge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

QByteArray RemoteThumbnails::fetch(const PhotoRecord &photo) const
{
    std::unique_ptr<DeviceClient> client;
    QString session;
    {
        const QMutexLocker lock(&m_mutex);
        session = m_endpoint.session;
        if (!m_idle.empty()) {
            client = std::move(m_idle.back());
            m_idle.pop_back();
        } else {
            client = std::make_unique<DeviceClient>(m_endpoint);
            client->setTimeout(TimeoutMs);
        }
    }
    if (session.isEmpty())
        return {};
    client->setSession(session);
    // A device that is making the thumbnail, or fetching it from the device keeping the
    // photo, says so (202, pending): asked again, a while at most.
    const QDeadlineTimer deadline(ServiceProtocol::PendingWaitMs);
    Result<QByteArray> bytes = client->download(QStringLiteral("photos/%1/thumbnail").arg(photo.id));
    while (bytes && ServiceProtocol::isPending(*bytes) && !deadline.hasExpired()) {
        QThread::msleep(ServiceProtocol::PendingPollMs);
        bytes = client->download(QStringLiteral("photos/%1/thumbnail").arg(photo.id));
    }
    {
        const QMutexLocker lock(&m_mutex);
        m_idle.push_back(std::move(client));
    }
    if (!bytes) {
        qCInfo(lcKiosk) << "No thumbnail of photo" << photo.id << "from the device:" << bytes.error().message();
        return {};
    }
    return *bytes;
}

// Keeps the cache small: the files beyond MaxCachedFiles, oldest first, are removed.
void RemoteThumbnails::prune() const
{
    if (m_folder.isEmpty())
        return;
    QList<QFileInfo> files;
    QDirIterator it(m_folder, { QStringLiteral("*.jpg") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        files.append(it.fileInfo());
    }
    if (files.size() <= MaxCachedFiles)
        return;
    std::sort(files.begin(), files.end(), [](const QFileInfo &a, const QFileInfo &b) {
        return a.lastModified() > b.lastModified();
    });
    for (qsizetype i = MaxCachedFiles; i < files.size(); ++i)
        QFile::remove(files.at(i).filePath());
}

} // namespace Keepsake
