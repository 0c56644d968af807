// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsbHandin.h"

#include "GPhotoCamera.h"
#include "UsbLog.h"
#include "base/PrivateFiles.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"

#include <QDateTime>
#include <QDir>
#include <QScopeGuard>
#include <QUuid>

namespace Keepsake {

namespace {

// A spool folder this old is left from a program that died while copying.
constexpr qint64 StaleSpoolSeconds = 24 * 60 * 60;

void removeStaleSpools(const QString &root)
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-StaleSpoolSeconds);
    for (const QFileInfo &folder : QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (folder.lastModified().toUTC() < before) {
            qCInfo(lcUsb) << "Removing the stale spool folder" << folder.absoluteFilePath();
            QDir(folder.absoluteFilePath()).removeRecursively();
        }
    }
}

} // namespace

UsbHandin::UsbHandin(UsbCamera camera, IngestOptions options, QString spoolRoot, HandIn handIn, QObject *parent)
    : QObject(parent), m_camera(std::move(camera)), m_options(std::move(options)), m_spoolRoot(std::move(spoolRoot)),
      m_handIn(std::move(handIn))
{
    qRegisterMetaType<Keepsake::IngestRecord>();
    qRegisterMetaType<Keepsake::IngestSummary>();
    m_opener = [](const UsbCamera &id, const CancelToken &cancel) -> Result<std::unique_ptr<CameraFiles>> {
        Result<std::unique_ptr<GPhotoCamera>> opened = GPhotoCamera::open(id, cancel);
        if (!opened)
            return opened.error();
        return std::unique_ptr<CameraFiles>(std::move(*opened));
    };
}

UsbHandin::~UsbHandin() = default;

std::unique_ptr<UsbHandin> UsbHandin::onLab(const Lab &lab, UsbCamera camera, IngestOptions options)
{
    options.sourcesAreSpool = true;   // the lab's own copy: linked into the store, not copied again
    return std::make_unique<UsbHandin>(std::move(camera), std::move(options), lab.path(QStringLiteral("spool/usb")),
                                       [&lab](UsbHandin &self, const IngestOptions &spooled) {
                                           IngestJob job(lab, spooled);
                                           return self.handInWith(job);
                                       });
}

Result<IngestSummary> UsbHandin::run()
{
    const Result<QString> spool = makeSpool();
    if (!spool)
        return spool.error();
    const auto removeSpool = qScopeGuard([&spool] { QDir(*spool).removeRecursively(); });
    const Result<UsbCopyReport> copied = copyToSpool(*spool);
    if (!copied)
        return copied.error();
    if (copied->cancelled)
        return Error::cancelled(tr("Stopped while copying from %1: nothing of it was handed in.").arg(m_camera.label()));
    qCInfo(lcUsb) << "Copied" << copied->copied << "of" << copied->listed << "files from" << m_camera.label();
    IngestOptions options = m_options;
    options.sources = { *spool };
    options.sourceName = m_camera.label();
    options.decidedElsewhere += copied->notCopied;
    return m_handIn(*this, options);
}

Result<QString> UsbHandin::makeSpool() const
{
    if (Status made = PrivateFiles::makeFolder(m_spoolRoot); !made)
        return made.error();
    removeStaleSpools(m_spoolRoot);
    const QString folder = QDir(m_spoolRoot).filePath(QUuid::createUuid().toString(QUuid::Id128));
    if (!QDir().mkdir(folder))
        return Error::failure(tr("The spool folder %1 cannot be made: check the free space and permissions of %2.")
                                  .arg(folder, m_spoolRoot));
    return folder;
}

Result<UsbCopyReport> UsbHandin::copyToSpool(const QString &spool)
{
    Result<std::unique_ptr<CameraFiles>> camera = m_opener(m_camera, m_cancel);
    if (!camera)
        return camera.error();
    UsbCameraCopy copy(**camera, m_camera.label(), spool, m_cancel);
    connect(&copy, &UsbCameraCopy::listed, this, &UsbHandin::copyStarted, Qt::DirectConnection);
    connect(&copy, &UsbCameraCopy::progress, this, &UsbHandin::copyProgress, Qt::DirectConnection);
    Result<UsbCopyReport> report = copy.run();
    camera->reset();   // closed: the camera may go
    if (report)
        Q_EMIT cameraReleased(report->copied, int(report->notCopied.size()));
    return report;
}

void UsbHandin::followCancel(CancelToken &inner) const
{
    if (m_cancel.isCancelled())
        inner.cancel();
}

} // namespace Keepsake
