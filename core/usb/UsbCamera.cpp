// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsbCamera.h"

#include "GPhotoCamera.h"

namespace Keepsake {

namespace {

bool onUsb(const UsbCamera &camera)
{
    return camera.port.startsWith(QLatin1String("usb:"));
}

} // namespace

QString UsbCamera::label() const
{
    return QStringLiteral("%1 (%2)").arg(model, port);
}

Result<QList<UsbCamera>> UsbCameras::detect()
{
    Result<QList<UsbCamera>> all = GPhotoCamera::autodetect();
    if (!all)
        return all.error();
    QList<UsbCamera> cameras;
    for (const UsbCamera &camera : std::as_const(*all)) {
        if (onUsb(camera))
            cameras.append(camera);
    }
    return cameras;
}

Result<UsbCamera> UsbCameras::find(const QString &port, const QString &model)
{
    if (port.trimmed().isEmpty())
        return Error::usage(tr("Name the camera's port (`keepsakectl usb` lists the cameras connected now)."));
    if (!model.trimmed().isEmpty())
        return UsbCamera { model.trimmed(), port.trimmed() };
    const Result<QList<UsbCamera>> cameras = detect();
    if (!cameras)
        return cameras.error();
    for (const UsbCamera &camera : *cameras) {
        if (camera.port == port.trimmed())
            return camera;
    }
    return Error::usage(tr("No camera or phone is connected at %1: plug it in and unlock it, or name its model.").arg(port.trimmed()));
}

} // namespace Keepsake
