// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PausePoint.h"

#include <QDir>
#include <QFile>
#include <QThread>

namespace Keepsake {

namespace {

QString pauseDir()
{
    return qEnvironmentVariable("KEEPSAKE_PAUSE_DIR");
}

} // namespace

bool PausePoint::enabled()
{
    return !pauseDir().isEmpty();
}

bool PausePoint::armed(const QString &arm)
{
    const QString dir = pauseDir();
    return !dir.isEmpty() && QFile::exists(QDir(dir).filePath(arm));
}

bool PausePoint::reach(const QString &arm, const QString &paused, const CancelToken &cancel)
{
    const QString dir = pauseDir();
    if (dir.isEmpty())
        return false;
    const QString armed = QDir(dir).filePath(arm);
    if (!QFile::exists(armed))
        return false;
    const QString marker = QDir(dir).filePath(paused);
    {
        QFile note(marker);
        if (note.open(QIODevice::WriteOnly))
            note.write("paused\n");
    }
    // Polling a file: the test on the other side has no other channel into this
    // process. 20 ms keeps a held job responsive without costing anything measurable.
    while (QFile::exists(armed) && !cancel.isCancelled())
        QThread::msleep(20);
    QFile::remove(marker);
    return true;
}

} // namespace Keepsake
