// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/ThumbnailSource.h"
#include "net/DeviceClient.h"

#include <QMutex>

#include <memory>
#include <vector>

namespace Keepsake {

// Thumbnails for a kiosk that is a device's client: asked of the device (GET
// photos/{id}/thumbnail, with the signed-in customer's session, so the device checks
// that the customer may see the photo) and kept in a small cache folder on the kiosk,
// the only thing the kiosk writes. Reads running at once each take a DeviceClient of
// their own from a small pool, which keeps its connection to the device for the next.
class RemoteThumbnails final : public ThumbnailSource
{
public:
    static constexpr int MaxCachedFiles = 3000;   // the oldest beyond this go when the kiosk starts
    static constexpr int TimeoutMs = 15'000;

    RemoteThumbnails(DeviceEndpoint endpoint, QString cacheFolder);

    // The signed-in customer's session; empty: nobody is signed in, nothing is asked.
    void setSession(const QString &session);
    QImage read(const PhotoRecord &photo, int edge) const override;
    int parallelReads() const override { return 4; }   // each waits for the network, not a core
    const QString &cacheFolder() const { return m_folder; }

private:
    QString cachePath(const QString &sha256) const;
    QByteArray fetch(const PhotoRecord &photo) const;
    void prune() const;

    mutable QMutex m_mutex;      // the endpoint's session and the idle clients
    DeviceEndpoint m_endpoint;
    mutable std::vector<std::unique_ptr<DeviceClient>> m_idle;
    QString m_folder;
};

} // namespace Keepsake
