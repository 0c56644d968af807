// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "lab/DeviceIdentity.h"
#include "lab/RemoteFiles.h"

#include <QCoreApplication>

namespace Keepsake {

class Catalog;
class DeviceClient;
struct DeviceEndpoint;
class Lab;

// RemoteFiles over the device service (DESIGN.md, "Network"): a device reads the
// files and thumbnails the chain's other devices keep with GET files/{sha256}
// (pieces of at most ServiceProtocol::ChunkBytes) and GET thumbnails/{sha256}, showing
// its own certificate and pinning theirs from the catalog, as the Forwarder does.
class ChainFiles final : public RemoteFiles
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ChainFiles)

public:
    ChainFiles(const Catalog &catalog, DeviceIdentity identity);

    // Installs it into a lab whose data folder is a device of the chain, so that its
    // burns, prints and windows reach the files kept elsewhere; a plain store is left
    // as it is. A device whose identity cannot be read is left as it is and warned of.
    static void install(Lab &lab);

    Status fetchFile(const QString &device, const QString &sha256, const QString &target,
                     const CancelToken &cancel) const override;
    Result<QByteArray> fetchThumbnail(const QString &device, const QString &sha256, Thumbnailer::Size size,
                                      const CancelToken &cancel) const override;

private:
    Result<DeviceEndpoint> endpointOf(const QString &device) const;
    Status copyPieces(DeviceClient &client, const QString &device, const QString &sha256, qint64 size,
                      const QString &target) const;

    const Catalog &m_catalog;
    DeviceIdentity m_identity;
};

} // namespace Keepsake
