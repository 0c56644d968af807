// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"
#include "ingest/IngestTypes.h"
#include "net/DeviceClient.h"

#include <QObject>

namespace Keepsake {

// A card handed in at a kiosk that is a device's client: a RemoteIngest with a
// DeviceClient of its own, both made in run() on the job runner's thread. The job
// object of the window's JobRunner, alike IngestJob: the same signals, run() and a
// cancel token that stops the transfer at once (the request in flight is dropped, the
// device is told).
class RemoteHandin : public QObject
{
    Q_OBJECT

public:
    RemoteHandin(DeviceEndpoint endpoint, IngestOptions options, QObject *parent = nullptr);
    ~RemoteHandin() override;

    Result<IngestSummary> run();
    CancelToken &cancelToken() { return m_cancel; }

Q_SIGNALS:
    void started(int files, qint64 bytes);
    void fileDecided(const Keepsake::IngestRecord &record);
    void progress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal);
    // The device stored every file: the card may go; the previews follow.
    void cardReleased(const Keepsake::IngestSummary &summary);
    void thumbnailProgress(int done, int total);

private:
    DeviceEndpoint m_endpoint;
    IngestOptions m_options;
    CancelToken m_cancel;
};

} // namespace Keepsake
