// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StationDrives.h"

#include "CounterLog.h"
#include "base/JobRunner.h"
#include "catalog/Devices.h"
#include "lab/Lab.h"
#include "net/StationClient.h"

namespace Keepsake {

StationDrives::StationDrives(const Lab &lab, QObject *parent) : QObject(parent), m_lab(lab)
{
    m_devices = new JobRunner(this);
    m_devices->setObjectName(QStringLiteral("stationList"));
}

bool StationDrives::isChainDevice() const
{
    return m_lab.device().has_value();
}

bool StationDrives::isBusy() const
{
    if (m_devices->isRunning())
        return true;
    for (const auto &[name, runner] : m_stations)
        if (runner->isRunning())
            return true;
    return false;
}

void StationDrives::refresh()
{
    if (!isChainDevice() || m_devices->isRunning())
        return;
    const Lab &lab = m_lab;
    const qint64 self = lab.device()->id;
    m_devices->start(
        [&lab, self](JobControl &) -> Result<QStringList> {
            const Result<QList<Device>> devices = Devices(lab.catalog()).list();
            if (!devices)
                return devices.error();
            QStringList names;
            for (const Device &device : *devices)
                if (device.id != self)
                    names.append(device.name);
            return names;
        },
        [this](const Result<QStringList> &stations) {
            if (!stations) {
                Q_EMIT failed(tr("The chain's burn stations could not be read from the catalog: %1")
                                  .arg(stations.error().message()));
                return;
            }
            listStations(*stations);
        });
}

void StationDrives::listStations(const QStringList &stations)
{
    Q_EMIT stationsFound(stations);
    for (const QString &station : stations)
        ask(station);
}

void StationDrives::ask(const QString &station)
{
    JobRunner *&runner = m_stations[station];
    if (!runner) {
        runner = new JobRunner(this);
        runner->setObjectName(QStringLiteral("stationDrives-%1").arg(station));
    }
    if (runner->isRunning())
        return;   // its answer is on the way
    const Lab &lab = m_lab;
    runner->start(
        [&lab, station](JobControl &control) -> Result<QList<StationDrive>> {
            Result<std::unique_ptr<StationClient>> client = StationClient::open(lab, station, &control.cancelToken());
            if (!client)
                return client.error();
            return (*client)->drives();
        },
        [this, station](const Result<QList<StationDrive>> &drives) {
            if (!drives)
                qCInfo(lcCounter).noquote()
                    << "Station" << station << "did not list its drives:" << drives.error().message();
            Q_EMIT drivesListed(station, drives ? *drives : QList<StationDrive>(),
                                drives ? QString() : drives.error().message());
        });
}

} // namespace Keepsake
