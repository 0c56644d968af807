// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"
#include "catalog/Devices.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

namespace Keepsake {

class Catalog;
class Lab;

// A data folder as a device of the chain (CLI.md, "Network"): which registered device
// it is, making it one (`device init`), and dropping a copy it forwarded.
class LabDevice
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::LabDevice)

public:
    // The device whose certificate the data folder holds, when the catalog has it
    // registered; nullopt for a folder that is no device (or whose device was removed).
    static Result<std::optional<Device>> registered(const QString &dataDir, const Catalog &catalog);

    struct Initialized
    {
        Device device;
        int adopted = 0;             // photos from before that name it now (their files are here)
        bool keptIdentity = false;   // the folder's key and certificate were there already
    };
    // Makes the folder device NAME reachable at URL (https://HOST:PORT): its key and
    // certificate (kept if the folder has them but no registered device), registered
    // in the catalog. Photos that name no device and whose files this store holds are
    // then this device's. The clerk and the system only.
    static Result<Initialized> init(const Lab &lab, const Actor &actor, const QString &name, const QString &url);

    // A device URL as `device init` takes it: https, a host and a port, nothing more.
    static Result<QUrl> parseUrl(const QString &text);

    // After forwards were delivered: deletes this store's copies of their files unless
    // still needed here (ForwardQueue::stillNeeded), with the store's lock held
    // exclusively, so that a hand-in storing the same bytes meanwhile keeps them.
    // How many files went.
    static Result<int> dropForwardedCopies(const Lab &lab, const QStringList &sha256s);

private:
    static Result<int> adoptStoredPhotos(const Lab &lab, qint64 deviceId);
};

} // namespace Keepsake
