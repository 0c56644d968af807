// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/IngestTypes.h"

#include <QJsonObject>

namespace Keepsake {

// A hand-in's records and summary as JSON: what `ingest --json` prints (CLI.md,
// "Output") and what a device sends its clients — one shape for both.
namespace IngestWire {

QJsonObject recordToJson(const IngestRecord &record);
IngestRecord recordFromJson(const QJsonObject &json);
QJsonObject summaryToJson(const IngestSummary &summary);
IngestSummary summaryFromJson(const QJsonObject &json);
std::optional<IngestOutcome> outcomeFromName(const QString &name);

} // namespace IngestWire

} // namespace Keepsake
