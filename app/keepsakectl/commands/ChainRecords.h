// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace Keepsake {

struct CameraRegistration;
struct Device;
struct Forward;
struct Terminal;

// The JSON records of CLI.md, "Network", and their one-line text forms.
QJsonObject deviceJson(const Device &device, bool self);
QString deviceLine(const Device &device, bool self);
QJsonObject terminalJson(const Terminal &terminal);
QString terminalLine(const Terminal &terminal);
QJsonObject cameraJson(const CameraRegistration &camera);
QString cameraLine(const CameraRegistration &camera);
QJsonObject forwardJson(const Forward &forward);
QString forwardLine(const Forward &forward);

} // namespace Keepsake
