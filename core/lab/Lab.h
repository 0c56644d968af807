// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Clock.h"
#include "base/Error.h"
#include "catalog/Devices.h"

#include <QString>

#include <memory>
#include <optional>

namespace Keepsake {

class BlobStore;
class Catalog;
class RemoteFiles;
class Thumbnailer;

// Where a lab's data lives: the data folder (catalog file, photo store, thumbnails,
// prints, lab key, logs) and the catalog URL. The option wins over the environment
// (KEEPSAKE_DATA_DIR, KEEPSAKE_CATALOG), the environment over the default.
struct LabLocation
{
    QString dataDir;
    QString catalogUrl;

    static LabLocation resolve(const QString &dataDirOption, const QString &catalogOption);
    static QString defaultDataDir();   // ~/.local/share/Keepsake on Linux
};

// An opened lab: its catalog (migrated), photo store and thumbnail cache, and the
// clock every rule reads. One per program; long jobs borrow it. A data folder with a
// device identity registered in the catalog is that device of the chain (device());
// otherwise it is a plain single store.
class Lab
{
public:
    static Result<std::unique_ptr<Lab>> open(const LabLocation &location, const Clock &clock);
    ~Lab();

    Catalog &catalog() const { return *m_catalog; }
    BlobStore &store() const { return *m_store; }
    Thumbnailer &thumbnails() const { return *m_thumbnails; }
    const Clock &clock() const { return m_clock; }
    const QString &dataDir() const { return m_dataDir; }
    QString path(const QString &relative) const;   // inside the data folder
    // The device this data folder is (CLI.md "Network"), as registered when the lab opened.
    const std::optional<Device> &device() const { return m_device; }
    std::optional<qint64> deviceId() const { return m_device ? std::optional<qint64>(m_device->id) : std::nullopt; }
    // Whether `device` (a name, as photo records give it) is another device than this
    // data folder's: its files are fetched from there.
    bool isOtherDevice(const QString &device) const;

    // How a device reads the files and thumbnails other devices keep; null until a
    // front end installs it (net/ChainFiles::install), and on a folder that is no device.
    // Installed once, before any job runs.
    const RemoteFiles *remoteFiles() const { return m_remoteFiles.get(); }
    void setRemoteFiles(std::shared_ptr<const RemoteFiles> remoteFiles) { m_remoteFiles = std::move(remoteFiles); }

private:
    Lab(QString dataDir, const Clock &clock);

    QString m_dataDir;
    const Clock &m_clock;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<BlobStore> m_store;
    std::unique_ptr<Thumbnailer> m_thumbnails;
    std::optional<Device> m_device;
    std::shared_ptr<const RemoteFiles> m_remoteFiles;
};

} // namespace Keepsake
