// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "station/StationJob.h"
#include "station/StationRunner.h"

#include <QJsonObject>

namespace Keepsake {

// The JSON of burn station jobs and drives (CLI.md, "Network"): what the station
// answers and what keepsakectl prints — one shape, read back by the requesting side.
namespace StationRecords {

// {"id", "station", "drive", "customer", "state", "progress", "message", "position",
//  "requester", "albums", "created", "finished"}; withReport adds "report".
QJsonObject job(const StationJob &job, bool withReport = false);
StationJob jobFrom(const QJsonObject &record);
// As `drives` prints a local drive: {"drive", "vendor", "product", "media": {"status",
// "profile", "erasable", "free", "used", "image_file"}}, with "station" added.
QJsonObject media(const DiscMedia &media);
QJsonObject drive(const StationDrive &drive, const QString &station);

} // namespace StationRecords

} // namespace Keepsake
