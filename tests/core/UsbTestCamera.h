// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Cameras for the USB tests: a folder that libgphoto2 reads as a camera through its
// own "Directory Browse" driver (the real library, its real calls), and a camera
// replayed from a PTP listing for what that driver cannot show (store folders, HEIC).
#pragma once

#include "TestSupport.h"
#include "usb/CameraFiles.h"
#include "usb/UsbCamera.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>

#include <functional>
#include <unistd.h>

namespace Keepsake::Test {

inline bool setModified(const QString &path, const QDateTime &when)
{
    QFile file(path);
    return file.open(QIODevice::ReadWrite) && file.setFileTime(when, QFileDevice::FileModificationTime);
}

inline bool copyCorpusFile(const QString &corpusRelative, const QString &target)
{
    return QDir().mkpath(QFileInfo(target).path()) && QFile::copy(corpusPath(corpusRelative), target)
        && QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
}

// A camera's card as a folder: DCIM/100TEST with photos (one without a date of its own,
// whose file time decides its album), a file that is no picture, a second folder with a
// photo the first holds too, and a hidden folder of the camera's own.
struct FolderCamera
{
    QTemporaryDir dir;
    QStringList listed;   // relative paths the camera shows, sorted

    QString root() const { return dir.filePath(QStringLiteral("camera")); }
    QString path(const QString &relative) const { return root() + QLatin1Char('/') + relative; }
    UsbCamera camera() const { return { QStringLiteral("Directory Browse"), QStringLiteral("disk:") + root() }; }

    bool make()
    {
        const QStringList photos { QStringLiteral("real/jpeg/DSCN0010.jpg"), QStringLiteral("real/jpeg/DSCN0012.jpg"),
                                   QStringLiteral("real/png/Canon_MG3500_scan.png"),
                                   QStringLiteral("real/png/imagemagick.png") };
        for (const QString &photo : photos) {
            const QString relative = QStringLiteral("DCIM/100TEST/") + QFileInfo(photo).fileName();
            if (!copyCorpusFile(photo, path(relative)))
                return false;
            listed.append(relative);
        }
        if (!setModified(path(QStringLiteral("DCIM/100TEST/imagemagick.png")),
                         QDateTime(QDate(2025, 7, 14), QTime(15, 30), Qt::UTC)))
            return false;
        QFile junk(path(QStringLiteral("DCIM/100TEST/notes.jpg")));
        if (!junk.open(QIODevice::WriteOnly) || junk.write("not a picture") <= 0)
            return false;
        junk.close();
        listed.append(QStringLiteral("DCIM/100TEST/notes.jpg"));
        if (!copyCorpusFile(photos.first(), path(QStringLiteral("DCIM/101TEST/COPY0010.JPG")))
            || !copyCorpusFile(photos.last(), path(QStringLiteral("DCIM/.thumbnails/thumb.png"))))
            return false;
        listed.append(QStringLiteral("DCIM/101TEST/COPY0010.JPG"));
        listed.sort();
        return true;
    }
};

// A camera replayed from a listing in the shape libgphoto2's PTP driver gives a phone:
// the storage as the root's folder ("store_00010001"), DCIM/100APPLE below, HEIC and
// JPEG files with their sizes and times. Each file's bytes come from the corpus. A
// file may be made to fail, and the camera to stop answering after some files.
class ReplayedCamera final : public CameraFiles
{
public:
    struct File
    {
        QString folder;   // "/store_00010001/DCIM/100APPLE"
        QString name;
        QString corpus;   // its bytes
        QDateTime modified;
    };

    explicit ReplayedCamera(QList<File> files) : m_files(std::move(files)) { }

    QString failing;      // relative path of a file whose download fails
    int answersFor = -1;  // downloads after which the camera stops answering (-1: always answers)
    int downloads = 0;

    Result<QStringList> folders(const QString &folder) override
    {
        QStringList names;
        const QString prefix = folder == QLatin1String("/") ? folder : folder + QLatin1Char('/');
        for (const File &file : m_files) {
            if (!file.folder.startsWith(prefix))
                continue;
            const QString name = file.folder.mid(prefix.size()).section(QLatin1Char('/'), 0, 0);
            if (!name.isEmpty() && !names.contains(name))
                names.append(name);
        }
        return names;
    }

    Result<QList<CameraFileEntry>> files(const QString &folder) override
    {
        QList<CameraFileEntry> entries;
        for (const File &file : m_files) {
            if (file.folder == folder)
                entries.append({ file.folder, file.name, QFileInfo(corpusPath(file.corpus)).size(), file.modified });
        }
        return entries;
    }

    Status download(const CameraFileEntry &entry, int fd) override
    {
        if (answersFor >= 0 && downloads >= answersFor)
            return Error::failure(QStringLiteral("%1: the camera does not answer (PTP I/O error)").arg(entry.name));
        ++downloads;
        if (entry.relativePath() == failing)
            return Error::failure(QStringLiteral("%1 could not be copied (PTP: General Error)").arg(entry.name));
        for (const File &file : m_files) {
            if (file.folder != entry.folder || file.name != entry.name)
                continue;
            QFile source(corpusPath(file.corpus));
            if (!source.open(QIODevice::ReadOnly))
                return Error::failure(source.errorString());
            while (!source.atEnd()) {   // in pieces, as a PTP transfer arrives
                const QByteArray piece = source.read(64 * 1024);
                if (::write(fd, piece.constData(), size_t(piece.size())) != piece.size())
                    return Error::failure(QStringLiteral("short write"));
            }
            return Status::success();
        }
        return Error::notFound(QStringLiteral("%1 is not on the camera").arg(entry.name));
    }

    Status probe(const CameraFileEntry &) override
    {
        if (answersFor >= 0 && downloads >= answersFor)
            return Error::failure(QStringLiteral("The phone no longer answers: plug it in again."));
        return Status::success();
    }

private:
    QList<File> m_files;
};

// An iPhone as libgphoto2's ptp2 driver lists it.
inline QList<ReplayedCamera::File> iphoneListing()
{
    const QString folder = QStringLiteral("/store_00010001/DCIM/100APPLE");
    const QDateTime taken(QDate(2026, 5, 2), QTime(9, 41), Qt::UTC);
    return {
        { folder, QStringLiteral("IMG_0001.HEIC"), QStringLiteral("real/heif/Apple_iPhone_11_Pro_IMG_2927.HEIC"), taken },
        { folder, QStringLiteral("IMG_0002.HEIC"), QStringLiteral("real/heif/Apple_iPhone_7.heic"), taken.addSecs(60) },
        { folder, QStringLiteral("IMG_0003.JPG"), QStringLiteral("real/jpeg/Apple_iPhone_SE_IMG_4120.JPG"), taken.addSecs(120) },
        { QStringLiteral("/store_00010001/DCIM/101APPLE"), QStringLiteral("IMG_0104.JPG"),
          QStringLiteral("real/jpeg/Apple_iPhone_4.jpg"), taken.addSecs(180) },
    };
}

} // namespace Keepsake::Test
