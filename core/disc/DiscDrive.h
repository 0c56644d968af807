// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DiscLibraries.h"
#include "base/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

struct ks_disc;

namespace Keepsake {

// What is in a drive (DESIGN.md, "Disc").
struct DiscMedia
{
    enum class Status { None, Blank, Appendable, Full };
    Status status = Status::None;
    QString profile;          // "DVD+RW", "stdio file", ...
    bool erasable = false;
    bool imageFile = false;   // the stdio: pseudo-drive
    bool hasTree = false;     // an ISO 9660 file system was found
    qint64 freeBytes = 0;
    qint64 usedBytes = 0;

    QString statusText() const;
    // Untranslated, for records: "none", "blank", "appendable", "full".
    QString statusName() const;
    static Status statusNamed(const QString &name);
};

struct DriveEntry
{
    QString address;
    QString vendor;
    QString product;
};

// Bytes done of total; returning true asks to cancel.
using DiscProgress = std::function<bool(qint64 done, qint64 total)>;

// One drive grabbed for the time this object lives, with the tree of its last session
// loaded. A thin C++ face over the C adapter (IsoAdapter.h); like the libraries, it
// is used from one worker thread only, and it holds the door to the libraries
// (DiscLibraries.h) while it lives: opening a second drive elsewhere in the process
// waits until this one is released.
class DiscDrive
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscDrive)

public:
    static Result<QList<DriveEntry>> list();
    static Result<std::unique_ptr<DiscDrive>> open(const QString &address);
    ~DiscDrive();

    DiscDrive(const DiscDrive &) = delete;
    DiscDrive &operator=(const DiscDrive &) = delete;

    const QString &address() const { return m_address; }
    DiscMedia media() const;
    // The image file behind a stdio: address, else empty.
    QString imagePath() const;

    bool exists(const QString &path) const;
    Result<QByteArray> readFile(const QString &path) const;
    // The MD5 the medium records for a file (hex), empty when it records none.
    QString recordedMd5(const QString &path) const;

    Status addFile(const QString &path, const QString &source);
    Status addClone(const QString &original, const QString &path);
    void setVolumeId(const QString &volumeId);

    enum class WriteOutcome { Written, TooSmall, Cancelled, Failed, NoMedium };
    struct Written { WriteOutcome outcome = WriteOutcome::Failed; qint64 bytes = 0; QString message; };
    Written write(qint64 capacity, const DiscProgress &progress);

    struct Verified
    {
        bool ok = false;
        bool cancelled = false;
        bool readError = false;
        int files = 0;
        QStringList badFiles;   // "path: reason"
        QString message;
    };
    Verified verify(const DiscProgress &progress) const;

private:
    DiscDrive(DiscLibraries::Hold hold, QString address, ks_disc *disc);

    DiscLibraries::Hold m_hold;   // released after the drive (members go in reverse)
    QString m_address;
    ks_disc *m_disc;
};

} // namespace Keepsake
