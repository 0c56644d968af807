// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Keepsake {

// One file of a camera or phone, as its driver lists it.
struct CameraFileEntry
{
    QString folder;       // the camera's folder, absolute: "/store_00010001/DCIM/100CANON", or "/"
    QString name;         // "IMG_0001.JPG"
    qint64 size = -1;     // -1: the driver does not say
    QDateTime modified;   // invalid: the driver does not say

    // Relative to the camera's root, as a card's path is relative to the card:
    // "store_00010001/DCIM/100CANON/IMG_0001.JPG".
    QString relativePath() const;
};

// The folders and files of a camera or phone, and a file's bytes. libgphoto2 drives
// one camera from one thread at a time: an object of this kind is made, used and
// destroyed by one thread. GPhotoCamera is the real one; a test may replay a listing
// recorded from a camera through the same copy.
class CameraFiles
{
public:
    virtual ~CameraFiles() = default;

    // The sub-folders and the files of an absolute camera folder ("/" is the root).
    virtual Result<QStringList> folders(const QString &folder) = 0;
    virtual Result<QList<CameraFileEntry>> files(const QString &folder) = 0;
    // Streams the file's bytes to `fd` (open for writing; the caller keeps and closes
    // it). Never the whole file in memory.
    virtual Status download(const CameraFileEntry &entry, int fd) = 0;
    // After `failed` could not be downloaded: whether the camera still answers (then
    // only that file failed, and the copy goes on). The error says what to do when it
    // does not: plug it in again, wake it, unlock it.
    virtual Status probe(const CameraFileEntry &failed) = 0;
};

} // namespace Keepsake
