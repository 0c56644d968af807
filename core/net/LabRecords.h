// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

namespace Keepsake {

struct AlbumSummary;
struct Forward;
struct LabOverview;
struct Customer;
struct PhotoRecord;

// The JSON records of CLI.md, "Output", for customers, albums and photos: what
// keepsakectl prints and what a device's service answers its clients — one shape.
namespace LabRecords {

QJsonObject customer(const Customer &customer);
QJsonObject album(const AlbumSummary &album);
QJsonObject photo(const PhotoRecord &photo);
// A photo waiting to be forwarded (`queue`).
QJsonObject forward(const Forward &forward);
// The lab at a glance (`status`'s summary).
QJsonObject overview(const LabOverview &overview);

} // namespace LabRecords

} // namespace Keepsake
