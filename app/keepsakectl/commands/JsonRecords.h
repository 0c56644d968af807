// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Keepsake {

struct AlbumSummary;
struct Customer;
struct IngestRecord;
struct IngestSummary;
struct PhotoRecord;

// The JSON records of CLI.md, "Output", and their one-line text forms.
QJsonObject customerJson(const Customer &customer);
QJsonObject albumJson(const AlbumSummary &album);
QString albumLine(const AlbumSummary &album);
QJsonObject photoJson(const PhotoRecord &photo);
QString photoLine(const PhotoRecord &photo);
QJsonObject ingestRecordJson(const IngestRecord &record);
QString ingestRecordLine(const IngestRecord &record);
QJsonObject ingestSummaryJson(const IngestSummary &summary);

} // namespace Keepsake
