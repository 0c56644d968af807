// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceClient.h"
#include "station/StationJob.h"
#include "station/StationRunner.h"

#include <QCoreApplication>

#include <memory>

namespace Keepsake {

class Lab;

// A device's calls to a burn station of its chain (ServiceRoutes::addStation), showing
// its own certificate and pinning the station's from the catalog.
class StationClient
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::StationClient)

public:
    static Result<std::unique_ptr<StationClient>> open(const Lab &lab, const QString &station,
                                                       const CancelToken *cancel = nullptr);

    const QString &station() const { return m_station; }
    void alsoCancelledBy(const CancelToken *cancel) { m_client.alsoCancelledBy(cancel); }
    // Whether the station answered the last call (false: unreachable, cut off).
    bool answered() const { return m_client.answered(); }

    Result<QList<StationDrive>> drives();
    Result<StationJob> submit(const QJsonObject &request);
    Result<StationJob> job(qint64 id);
    Result<QList<StationJob>> jobs();
    Result<StationJob> cancel(qint64 id);
    Result<StationJob> reject(qint64 id, const QString &why);

private:
    StationClient(QString station, DeviceEndpoint endpoint, const CancelToken *cancel);
    Result<StationJob> jobFrom(const Result<QJsonValue> &answer) const;

    QString m_station;
    DeviceClient m_client;
};

} // namespace Keepsake
