// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CardWatcher.h"

#include <QDir>
#include <QFileInfo>

#include <pwd.h>

namespace Keepsake {

namespace {

bool isVolume(const QDir &dir)
{
    return !dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty();
}

} // namespace

CardWatcher::CardWatcher(QObject *parent) : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(1000);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &CardWatcher::scan);
    connect(&m_settle, &QTimer::timeout, this, &CardWatcher::settle);
}

QStringList CardWatcher::defaultRoots()
{
    return { QStringLiteral("/media"), QStringLiteral("/run/media") };
}

void CardWatcher::setRoots(const QStringList &roots)
{
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_roots = roots;
    m_known.clear();
    scan();
    // What is mounted already is not a new card.
    const QStringList present = currentVolumes();
    m_known = QSet<QString>(present.begin(), present.end());
    m_settle.stop();
}

QStringList CardWatcher::currentVolumes() const
{
    QStringList volumes;
    for (const QString &root : m_roots) {
        const QDir rootDir(root);
        for (const QFileInfo &entry : rootDir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QDir dir(entry.absoluteFilePath());
            // /media/USER/CARD and /run/media/USER/CARD: a folder per user holds the mounts.
            const bool userFolder = getpwnam(entry.fileName().toLocal8Bit().constData()) != nullptr;
            const QFileInfoList inner = dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot);
            if (userFolder) {
                for (const QFileInfo &mount : inner)
                    volumes.append(mount.absoluteFilePath());
            } else if (isVolume(dir)) {
                volumes.append(entry.absoluteFilePath());
            }
        }
    }
    return volumes;
}

void CardWatcher::scan()
{
    // Watch every root and the user folders below, so a mount anywhere is noticed.
    QStringList watch;
    for (const QString &root : m_roots) {
        if (!QFileInfo(root).isDir())
            continue;
        watch.append(root);
        for (const QFileInfo &entry : QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
            watch.append(entry.absoluteFilePath());
    }
    const QStringList watched = m_watcher.directories();
    for (const QString &path : std::as_const(watch)) {
        if (!watched.contains(path))
            m_watcher.addPath(path);
    }
    m_settle.start();   // restarts: wait until nothing changes for a moment
}

void CardWatcher::settle()
{
    const QStringList now = currentVolumes();
    const QSet<QString> current(now.begin(), now.end());
    for (const QString &gone : m_known - current)
        Q_EMIT cardRemoved(gone);
    const QSet<QString> previous = m_known;
    m_known = current;
    for (const QString &path : now) {
        if (!previous.contains(path))
            Q_EMIT cardInserted(path);
    }
}

} // namespace Keepsake
