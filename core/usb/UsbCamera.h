// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Keepsake {

// A camera or phone on a USB port, named as libgphoto2 names it: its model ("Canon
// EOS 80D", "Apple iPhone") and its port ("usb:001,004"). Tests use libgphoto2's own
// "Directory Browse" model on a "disk:/folder" port: a folder read as a camera.
struct UsbCamera
{
    QString model;
    QString port;

    QString label() const;   // "Canon EOS 80D (usb:001,004)"
    bool isValid() const { return !model.isEmpty() && !port.isEmpty(); }
    bool operator==(const UsbCamera &other) const = default;
};

// The cameras and phones on USB now.
class UsbCameras
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::UsbCameras)

public:
    // What libgphoto2 detects on USB (gp_camera_autodetect): cameras and phones that
    // speak PTP or MTP, and older cameras with a driver of their own. Volumes mounted
    // as drives (a card reader, a camera in mass-storage mode: libgphoto2's disk:
    // ports) are left out: they are cards, and the kiosk and `ingest PATH` read them
    // as such.
    static Result<QList<UsbCamera>> detect();
    // The camera at `port`: the model autodetect reports there, or `model` when given
    // (a disk: port is never detected: it needs its model, "Directory Browse").
    static Result<UsbCamera> find(const QString &port, const QString &model = {});
};

} // namespace Keepsake

Q_DECLARE_METATYPE(Keepsake::UsbCamera)
