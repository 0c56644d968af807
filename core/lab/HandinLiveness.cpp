// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "HandinLiveness.h"

#include "Lab.h"
#include "LabLog.h"
#include "base/Clock.h"
#include "base/Time.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace Keepsake {

HandinLiveness::Token::~Token()
{
    if (m_fd < 0)
        return;
    QFile::remove(m_path);   // first: a checker that opens it now finds it gone, not free
    ::close(m_fd);
}

QString HandinLiveness::folder(const Lab &lab)
{
    return lab.path(QStringLiteral("tmp/handins"));
}

// "host:/data/folder:" — the rows this data folder can judge.
QString HandinLiveness::runnerPrefix(const Lab &lab)
{
    return QSysInfo::machineHostName() + QLatin1Char(':') + QFileInfo(lab.dataDir()).absoluteFilePath() + QLatin1Char(':');
}

Result<HandinLiveness::Token> HandinLiveness::begin(const Lab &lab)
{
    QDir().mkpath(folder(lab));
    const QString token = QUuid::createUuid().toString(QUuid::Id128);
    const QString path = QDir(folder(lab)).filePath(token + QStringLiteral(".lock"));
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        if (fd >= 0)
            ::close(fd);
        return Error::failure(tr("The hand-in cannot mark itself as running in %1: %2. Check the data folder's "
                                 "permissions and free space.").arg(folder(lab), reason));
    }
    return Token(fd, path, runnerPrefix(lab) + token);
}

bool HandinLiveness::alive(const QString &lockFile)
{
    const int fd = ::open(QFile::encodeName(lockFile).constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return false;   // gone: its hand-in ended (and its row says so by now) or died
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd);
    return held;
}

Result<int> HandinLiveness::markInterrupted(const Lab &lab)
{
    const QString prefix = runnerPrefix(lab);
    SqlQuery running(lab.catalog().db(), QStringLiteral(
        "SELECT id, runner FROM handins WHERE state = 'running' AND runner LIKE :prefix"));
    running.bind(QStringLiteral(":prefix"), prefix + QLatin1Char('%'));
    if (Status status = running.exec(); !status)
        return status.error();
    QList<std::pair<qint64, QString>> rows;
    while (running.next())
        rows.append({ running.integer(0), running.text(1).mid(prefix.size()) });
    int marked = 0;
    for (const auto &[id, token] : std::as_const(rows)) {
        const QString lockFile = QDir(folder(lab)).filePath(token + QStringLiteral(".lock"));
        if (alive(lockFile))
            continue;
        SqlQuery mark(lab.catalog().db(), QStringLiteral(
            "UPDATE handins SET state = 'interrupted', finished_at = :now WHERE id = :id AND state = 'running'"));
        mark.bind(QStringLiteral(":now"), toCatalogTime(lab.clock().now())).bind(QStringLiteral(":id"), id);
        if (Status status = mark.exec(); !status)
            return status.error();
        if (mark.affectedRows() == 1) {
            ++marked;
            qCWarning(lcLab) << "Hand-in" << id << "was interrupted (its process ended without finishing it)";
        }
        QFile::remove(lockFile);
    }
    return marked;
}

} // namespace Keepsake
