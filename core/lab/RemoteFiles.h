// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"
#include "metadata/Thumbnailer.h"

#include <QByteArray>
#include <QString>

namespace Keepsake {

// The photo files and thumbnails that other devices of the chain keep (DESIGN.md,
// "Network"): what a data folder that is a device reads from the others, such as a
// burn at store B of photos kept at store A. core/net carries it out over HTTPS with
// this device's own certificate (net/ChainFiles); a front end installs it into the
// Lab (Lab::setRemoteFiles) when its data folder is a device. Lower floors (disc,
// print, the windows' models) only see this interface.
//
// Each call opens its own connection in the calling thread and closes it before it
// returns: any thread may call, several at once.
class RemoteFiles
{
public:
    virtual ~RemoteFiles() = default;

    // Copies the file with this SHA-256 that device `device` (its name) keeps into
    // `target` (made anew), in pieces of at most 8 MiB: the file is never whole in
    // memory. The copy's SHA-256 is checked against the name; a copy cut short or
    // with other bytes is removed. The error names the device and what to do.
    virtual Status fetchFile(const QString &device, const QString &sha256, const QString &target,
                             const CancelToken &cancel) const = 0;

    // The JPEG thumbnail of that size that device `device` made of its file.
    virtual Result<QByteArray> fetchThumbnail(const QString &device, const QString &sha256, Thumbnailer::Size size,
                                              const CancelToken &cancel) const = 0;
};

} // namespace Keepsake
