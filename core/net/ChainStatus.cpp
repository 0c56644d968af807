// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChainStatus.h"

#include "DeviceClient.h"
#include "catalog/ForwardQueue.h"
#include "lab/Lab.h"

#include <QHash>

namespace Keepsake {

Result<QList<DeviceState>> ChainStatus::read(const Lab &lab, const CancelToken &cancel)
{
    const Result<QList<Device>> devices = Devices(lab.catalog()).list();
    if (!devices)
        return devices.error();
    QHash<qint64, int> owed;
    if (lab.device()) {
        const Result<QList<Forward>> pending = ForwardQueue(lab.catalog()).pending(lab.device()->id);
        if (!pending)
            return pending.error();
        for (const Forward &forward : *pending)
            ++owed[forward.toDeviceId];
    }
    QList<DeviceState> states;
    for (const Device &device : *devices) {
        DeviceState state;
        state.device = device;
        state.self = lab.device() && lab.device()->id == device.id;
        state.owed = owed.value(device.id);
        if (state.self) {
            state.reachable = true;
        } else {
            DeviceClient client(DeviceEndpoint { QUrl(device.url), device.fingerprint, {}, {}, {}, {} }, &cancel);
            client.setTimeout(HealthTimeoutMs);
            const Status answered = client.health();
            state.reachable = bool(answered);
            if (!answered)
                state.problem = answered.error().message();
        }
        states.append(state);
    }
    return states;
}

} // namespace Keepsake
