// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RemoteHandin.h"

#include "net/RemoteIngest.h"

namespace Keepsake {

RemoteHandin::RemoteHandin(DeviceEndpoint endpoint, IngestOptions options, QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_options(std::move(options))
{
}

RemoteHandin::~RemoteHandin() = default;

Result<IngestSummary> RemoteHandin::run()
{
    // Made here, on the runner's thread, which owns them until the hand-in ends.
    DeviceClient client(m_endpoint, &m_cancel);
    RemoteIngest ingest(client, m_options);
    ingest.followCancel(&m_cancel);
    // Passed on in this thread: the window's receivers get them queued, as IngestJob's.
    connect(&ingest, &RemoteIngest::started, this, &RemoteHandin::started, Qt::DirectConnection);
    connect(&ingest, &RemoteIngest::fileDecided, this, &RemoteHandin::fileDecided, Qt::DirectConnection);
    connect(&ingest, &RemoteIngest::progress, this, &RemoteHandin::progress, Qt::DirectConnection);
    connect(&ingest, &RemoteIngest::cardReleased, this, &RemoteHandin::cardReleased, Qt::DirectConnection);
    connect(&ingest, &RemoteIngest::thumbnailProgress, this, &RemoteHandin::thumbnailProgress, Qt::DirectConnection);
    Result<IngestSummary> summary = ingest.run();
    if (!summary && summary.error().kind() == Error::Kind::Cancelled && m_cancel.isCancelled()) {
        IngestSummary stopped;   // cancelled before the device opened the hand-in: as a local one says it
        stopped.cancelled = true;
        return stopped;
    }
    return summary;
}

} // namespace Keepsake
