// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Keepsake {

class CtlContext;
class DeviceClient;

// The commands that run against a device (CLI.md, "Client mode"): they print the
// records the device answers with, in the same shape as on a data folder.
namespace ClientMode {

int albums(CtlContext &context, DeviceClient &device, const QString &customer, bool all);
int photos(CtlContext &context, DeviceClient &device, const QString &album);
int status(CtlContext &context, DeviceClient &device);
int queue(CtlContext &context, DeviceClient &device);

} // namespace ClientMode

} // namespace Keepsake
