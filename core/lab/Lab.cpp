// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Lab.h"

#include "HandinLiveness.h"
#include "LabDevice.h"
#include "LabLog.h"
#include "RemoteFiles.h"
#include "base/PrivateFiles.h"
#include "catalog/Catalog.h"
#include "metadata/Thumbnailer.h"
#include "store/BlobStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace Keepsake {

LabLocation LabLocation::resolve(const QString &dataDirOption, const QString &catalogOption)
{
    LabLocation location;
    location.dataDir = dataDirOption;
    if (location.dataDir.isEmpty())
        location.dataDir = qEnvironmentVariable("KEEPSAKE_DATA_DIR");
    if (location.dataDir.isEmpty())
        location.dataDir = defaultDataDir();
    location.dataDir = QDir(location.dataDir).absolutePath();

    location.catalogUrl = catalogOption;
    if (location.catalogUrl.isEmpty())
        location.catalogUrl = qEnvironmentVariable("KEEPSAKE_CATALOG");
    if (location.catalogUrl.isEmpty())
        location.catalogUrl = QStringLiteral("sqlite:") + QDir(location.dataDir).filePath(QStringLiteral("catalog.sqlite"));
    return location;
}

QString LabLocation::defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("Keepsake"));
}

Lab::Lab(QString dataDir, const Clock &clock) : m_dataDir(std::move(dataDir)), m_clock(clock) { }

Lab::~Lab() = default;

Result<std::unique_ptr<Lab>> Lab::open(const LabLocation &location, const Clock &clock)
{
    // Photos, PIN hashes and the mail password live here: only the lab's account reads them.
    if (const Status made = PrivateFiles::makeFolder(location.dataDir); !made) {
        return Error::failure(QCoreApplication::translate("Keepsake::Lab",
            "The data folder %1 cannot be created (%2). Check the path and its permissions, or "
            "choose another with --data-dir.").arg(location.dataDir, made.error().message()));
    }
    const Result<CatalogUrl> url = CatalogUrl::parse(location.catalogUrl);
    if (!url)
        return url.error();
    Result<std::unique_ptr<Catalog>> catalog = Catalog::open(*url);
    if (!catalog)
        return catalog.error();

    std::unique_ptr<Lab> lab(new Lab(location.dataDir, clock));
    lab->m_catalog = std::move(catalog).value();
    lab->m_store = std::make_unique<BlobStore>(lab->path(QStringLiteral("store")));
    lab->m_thumbnails = std::make_unique<Thumbnailer>(lab->path(QStringLiteral("thumbs")));
    Result<std::optional<Device>> device = LabDevice::registered(location.dataDir, *lab->m_catalog);
    if (!device)
        return device.error();
    lab->m_device = std::move(device).value();
    // Hand-ins of this data folder whose process died are marked as such now.
    if (const Result<int> interrupted = HandinLiveness::markInterrupted(*lab); !interrupted)
        qCWarning(lcLab) << "Interrupted hand-ins could not be marked:" << interrupted.error().message();
    qCDebug(lcLab) << "Lab open at" << location.dataDir;
    return lab;
}

bool Lab::isOtherDevice(const QString &device) const
{
    return !device.isEmpty() && (!m_device || device.compare(m_device->name, Qt::CaseInsensitive) != 0);
}

QString Lab::path(const QString &relative) const
{
    return QDir(m_dataDir).filePath(relative);
}

} // namespace Keepsake
