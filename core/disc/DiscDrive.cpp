// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscDrive.h"

#include "DiscLog.h"
#include "IsoAdapter.h"

#include <QFileInfo>

#include <array>
#include <cstdlib>

namespace Keepsake {

namespace {

using ErrorText = std::array<char, 4096>;

QString textOf(const ErrorText &error)
{
    return QString::fromUtf8(error.data()).trimmed();
}

void logMessage(void *, const char *severity, const char *text)
{
    const QString message = QString::fromUtf8(text).trimmed();
    if (qstrcmp(severity, "WARNING") == 0 || qstrcmp(severity, "NOTE") == 0 || qstrcmp(severity, "HINT") == 0
        || qstrcmp(severity, "UPDATE") == 0 || qstrcmp(severity, "DEBUG") == 0)
        qCDebug(lcDisc).noquote() << severity << message;
    else
        qCWarning(lcDisc).noquote() << severity << message;
}

Status start()
{
    ErrorText error {};
    if (ks_init(&logMessage, nullptr, error.data(), int(error.size())) != KS_OK)
        return Error::failure(QCoreApplication::translate("Keepsake::DiscDrive",
                                  "The disc libraries could not start: %1").arg(textOf(error)));
    return Status::success();
}

struct ProgressBridge
{
    const DiscProgress *progress;
    QStringList *bad;
};

int bridgeProgress(void *context, int64_t done, int64_t total)
{
    const auto *bridge = static_cast<ProgressBridge *>(context);
    return (*bridge->progress && (*bridge->progress)(done, total)) ? 1 : 0;
}

void bridgeBadFile(void *context, const char *path, const char *reason)
{
    auto *bridge = static_cast<ProgressBridge *>(context);
    bridge->bad->append(QStringLiteral("%1: %2").arg(QString::fromUtf8(path), QString::fromUtf8(reason)));
}

} // namespace

QString DiscMedia::statusText() const
{
    switch (status) {
    case Status::Blank: return QCoreApplication::translate("Keepsake::DiscDrive", "blank");
    case Status::Appendable: return QCoreApplication::translate("Keepsake::DiscDrive", "appendable");
    case Status::Full: return QCoreApplication::translate("Keepsake::DiscDrive", "full (closed)");
    case Status::None: break;
    }
    return QCoreApplication::translate("Keepsake::DiscDrive", "no usable disc");
}

QString DiscMedia::statusName() const
{
    switch (status) {
    case Status::Blank: return QStringLiteral("blank");
    case Status::Appendable: return QStringLiteral("appendable");
    case Status::Full: return QStringLiteral("full");
    case Status::None: break;
    }
    return QStringLiteral("none");
}

DiscMedia::Status DiscMedia::statusNamed(const QString &name)
{
    for (Status status : { Status::Blank, Status::Appendable, Status::Full }) {
        DiscMedia media;
        media.status = status;
        if (media.statusName() == name)
            return status;
    }
    return Status::None;
}

Result<QList<DriveEntry>> DiscDrive::list()
{
    // Listing rescans every drive, which libburn refuses while one is in use anyway.
    const Result<DiscLibraries::Hold> hold = DiscLibraries::tryEnter();
    if (!hold)
        return hold.error();
    if (Status started = start(); !started)
        return started.error();
    ErrorText error {};
    ks_drive_entry *entries = nullptr;
    int count = 0;
    if (ks_list_drives(&entries, &count, error.data(), int(error.size())) != KS_OK)
        return Error::failure(tr("The drives could not be listed: %1").arg(textOf(error)));
    QList<DriveEntry> drives;
    for (int i = 0; i < count; ++i) {
        drives.append({ QString::fromUtf8(entries[i].address), QString::fromUtf8(entries[i].vendor).trimmed(),
                        QString::fromUtf8(entries[i].product).trimmed() });
    }
    ks_free_drives(entries);
    return drives;
}

Result<std::unique_ptr<DiscDrive>> DiscDrive::open(const QString &address)
{
    Result<DiscLibraries::Hold> hold = DiscLibraries::enter();
    if (!hold)
        return hold.error();
    if (Status started = start(); !started)
        return started.error();
    QString target = address;
    if (target.startsWith(QLatin1String("stdio:")))   // the libraries want absolute paths
        target = QStringLiteral("stdio:") + QFileInfo(target.mid(6)).absoluteFilePath();
    ErrorText error {};
    ks_disc *disc = nullptr;
    const int result = ks_open(target.toUtf8().constData(), &disc, error.data(), int(error.size()));
    if (result == KS_NO_MEDIUM)
        return Error::usage(tr("There is no drive at %1 (%2). 'keepsakectl drives' lists the drives; "
                               "an image file is named stdio:/path/disc.iso.")
                                .arg(address, textOf(error)));
    if (result != KS_OK)
        return Error::failure(tr("The disc in %1 could not be read: %2. Check the disc and try again.")
                                  .arg(address, textOf(error)));
    return std::unique_ptr<DiscDrive>(new DiscDrive(std::move(hold).value(), target, disc));
}

DiscDrive::DiscDrive(DiscLibraries::Hold hold, QString address, ks_disc *disc)
    : m_hold(std::move(hold)), m_address(std::move(address)), m_disc(disc)
{
}

DiscDrive::~DiscDrive()
{
    ks_close(m_disc);
}

DiscMedia DiscDrive::media() const
{
    ks_media raw {};
    ks_media_info(m_disc, &raw);
    DiscMedia media;
    media.status = raw.status == KS_MEDIA_BLANK        ? DiscMedia::Status::Blank
                   : raw.status == KS_MEDIA_APPENDABLE ? DiscMedia::Status::Appendable
                   : raw.status == KS_MEDIA_FULL       ? DiscMedia::Status::Full
                                                       : DiscMedia::Status::None;
    media.profile = QString::fromUtf8(raw.profile);
    media.erasable = raw.erasable != 0;
    media.imageFile = raw.is_image_file != 0;
    media.hasTree = raw.has_tree != 0;
    media.freeBytes = raw.free_bytes;
    media.usedBytes = raw.used_bytes;
    return media;
}

QString DiscDrive::imagePath() const
{
    return m_address.startsWith(QLatin1String("stdio:")) ? m_address.mid(6) : QString();
}

QString DiscDrive::recordedMd5(const QString &path) const
{
    char md5[16];
    if (!ks_file_md5(m_disc, path.toUtf8().constData(), md5))
        return {};
    return QString::fromLatin1(QByteArray(md5, 16).toHex());
}

bool DiscDrive::exists(const QString &path) const
{
    return ks_exists(m_disc, path.toUtf8().constData()) != 0;
}

Result<QByteArray> DiscDrive::readFile(const QString &path) const
{
    ErrorText error {};
    char *data = nullptr;
    int64_t size = 0;
    if (ks_read_file(m_disc, path.toUtf8().constData(), &data, &size, error.data(), int(error.size())) != KS_OK)
        return Error::failure(tr("%1 could not be read from the disc in %2: %3")
                                  .arg(path, m_address, textOf(error)));
    QByteArray bytes(data, qsizetype(size));
    std::free(data);
    return bytes;
}

Status DiscDrive::addFile(const QString &path, const QString &source)
{
    ErrorText error {};
    if (ks_add_file(m_disc, path.toUtf8().constData(), QFileInfo(source).absoluteFilePath().toUtf8().constData(),
                    error.data(), int(error.size())) != KS_OK)
        return Error::failure(tr("%1 could not be put on the disc as %2: %3").arg(source, path, textOf(error)));
    return Status::success();
}

Status DiscDrive::addClone(const QString &original, const QString &path)
{
    ErrorText error {};
    if (ks_add_clone(m_disc, original.toUtf8().constData(), path.toUtf8().constData(), error.data(),
                     int(error.size())) != KS_OK)
        return Error::failure(tr("The cover entry %1 could not be made: %2").arg(path, textOf(error)));
    return Status::success();
}

void DiscDrive::setVolumeId(const QString &volumeId)
{
    ks_set_volume_id(m_disc, volumeId.left(32).toUtf8().constData());
}

DiscDrive::Written DiscDrive::write(qint64 capacity, const DiscProgress &progress)
{
    ErrorText error {};
    QStringList unused;
    ProgressBridge bridge { &progress, &unused };
    int64_t bytes = 0;
    const int result = ks_write(m_disc, capacity, &bridgeProgress, &bridge, &bytes, error.data(), int(error.size()));
    Written written;
    written.bytes = bytes;
    written.message = textOf(error);
    switch (result) {
    case KS_OK: written.outcome = WriteOutcome::Written; break;
    case KS_TOO_SMALL: written.outcome = WriteOutcome::TooSmall; break;
    case KS_CANCELLED: written.outcome = WriteOutcome::Cancelled; break;
    case KS_NO_MEDIUM: written.outcome = WriteOutcome::NoMedium; break;
    default: written.outcome = WriteOutcome::Failed; break;
    }
    return written;
}

DiscDrive::Verified DiscDrive::verify(const DiscProgress &progress) const
{
    ErrorText error {};
    Verified verified;
    ProgressBridge bridge { &progress, &verified.badFiles };
    const int result = ks_verify(m_disc, &bridgeProgress, &bridgeBadFile, &bridge, &verified.files,
                                 error.data(), int(error.size()));
    verified.ok = result == KS_OK;
    verified.cancelled = result == KS_CANCELLED;
    verified.readError = result == KS_FAILED;
    verified.message = textOf(error);
    return verified;
}

} // namespace Keepsake
