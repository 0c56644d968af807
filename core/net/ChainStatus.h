// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"
#include "catalog/Devices.h"

#include <QCoreApplication>
#include <QList>

namespace Keepsake {

class Lab;

// The chain's devices as the counter shows them: each device, whether it answers now
// (GET /health with its pinned certificate), and how many photos this device still
// owes it.
struct DeviceState
{
    Device device;
    bool self = false;
    bool reachable = false;
    QString problem;     // why it does not answer
    int owed = 0;        // photos waiting here to be forwarded to it
};

class ChainStatus
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ChainStatus)

public:
    static constexpr int HealthTimeoutMs = 3000;
    // In the calling thread; each other device is asked with a short timeout.
    static Result<QList<DeviceState>> read(const Lab &lab, const CancelToken &cancel);
};

} // namespace Keepsake
