// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "station/StationRunner.h"

#include <QObject>
#include <QStringList>

#include <map>

namespace Keepsake {

class JobRunner;
class Lab;

// The drives of the chain's burn stations, offered at the counter beside its own
// (issue 15). Every other device of the chain may be a station: each is asked for
// its drives over the network on a JobRunner of its own, so a station that is away
// holds up neither the window nor the other stations. Nothing is asked when this
// data folder is no device of a chain.
class StationDrives : public QObject
{
    Q_OBJECT

public:
    explicit StationDrives(const Lab &lab, QObject *parent = nullptr);

    bool isChainDevice() const;
    // Reads the chain's devices and asks each other one for its drives; a station
    // still being asked is left to answer its first question.
    void refresh();
    // Some device list or station is still being asked.
    bool isBusy() const;

Q_SIGNALS:
    // The chain's other devices, before any of them answered.
    void stationsFound(const QStringList &stations);
    // A station's drives, or why it could not be asked (error not empty).
    void drivesListed(const QString &station, const QList<Keepsake::StationDrive> &drives, const QString &error);
    void failed(const QString &message);

private:
    void listStations(const QStringList &stations);
    void ask(const QString &station);

    const Lab &m_lab;
    JobRunner *m_devices = nullptr;
    std::map<QString, JobRunner *> m_stations;
};

} // namespace Keepsake
