// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace Keepsake {

// Notices a card or USB stick without a button: watches folders of mount points
// (default /media and /run/media, where desktops mount removable volumes, also one
// level down per user) and reports a volume that appears, once it has settled.
class CardWatcher : public QObject
{
    Q_OBJECT

public:
    explicit CardWatcher(QObject *parent = nullptr);

    static QStringList defaultRoots();
    void setRoots(const QStringList &roots);
    QStringList roots() const { return m_roots; }
    // How long a new volume must stay unchanged before it counts (a mount is
    // immediate; a folder being copied in is not).
    void setSettleInterval(int milliseconds) { m_settle.setInterval(milliseconds); }
    QStringList volumes() const { return QStringList(m_known.begin(), m_known.end()); }

Q_SIGNALS:
    void cardInserted(const QString &path);
    void cardRemoved(const QString &path);

private:
    void scan();
    void settle();
    QStringList currentVolumes() const;

    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QStringList m_roots;
    QSet<QString> m_known;
};

} // namespace Keepsake
