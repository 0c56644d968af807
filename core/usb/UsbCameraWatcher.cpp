// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsbCameraWatcher.h"

#include "UsbLog.h"
#include "base/JobRunner.h"

#include <QDir>

#include <memory>

namespace Keepsake {

namespace {

// The devices on the USB bus: /dev/bus/usb/BUS/DEVICE, the device number new at
// every plug. Empty where there is no USB (a container): no camera either.
QStringList usbDevices()
{
    QStringList devices;
    const QDir buses(QStringLiteral("/dev/bus/usb"));
    for (const QString &bus : buses.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        for (const QString &device : QDir(buses.filePath(bus)).entryList(QDir::System | QDir::Files, QDir::Name))
            devices.append(bus + QLatin1Char('/') + device);
    }
    return devices;
}

} // namespace

UsbCameraWatcher::UsbCameraWatcher(QObject *parent) : QObject(parent), m_detector(busDetector())
{
    qRegisterMetaType<Keepsake::UsbCamera>();
    m_runner = new JobRunner(this);
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &UsbCameraWatcher::look);
}

UsbCameraWatcher::~UsbCameraWatcher() = default;

UsbCameraWatcher::Detector UsbCameraWatcher::busDetector()
{
    // State of the one worker thread that calls it.
    struct Last
    {
        bool looked = false;
        QStringList devices;
        Result<QList<UsbCamera>> cameras = QList<UsbCamera>();
    };
    auto last = std::make_shared<Last>();
    return [last]() -> Result<QList<UsbCamera>> {
        const QStringList devices = usbDevices();
        if (!last->looked || devices != last->devices) {
            last->looked = true;
            last->devices = devices;
            last->cameras = UsbCameras::detect();
        }
        return last->cameras;
    };
}

void UsbCameraWatcher::start()
{
    m_first = true;
    look();
    m_timer.start();
}

void UsbCameraWatcher::stop()
{
    m_timer.stop();
    m_runner->cancel();
}

void UsbCameraWatcher::look()
{
    if (m_runner->isRunning())
        return;   // the last look is not over: the next tick asks again
    m_runner->start([detector = m_detector](JobControl &) { return detector(); },
                    [this](const Result<QList<UsbCamera>> &cameras) { found(cameras); });
}

void UsbCameraWatcher::found(const Result<QList<UsbCamera>> &cameras)
{
    if (!cameras) {
        if (!std::exchange(m_warned, true))
            qCWarning(lcUsb).noquote() << cameras.error().message();
        return;
    }
    m_warned = false;
    const QList<UsbCamera> before = std::exchange(m_known, *cameras);
    if (std::exchange(m_first, false))
        return;   // connected before the watch began
    for (const UsbCamera &gone : before) {
        if (!m_known.contains(gone))
            Q_EMIT cameraDetached(gone);
    }
    for (const UsbCamera &camera : std::as_const(m_known)) {
        if (!before.contains(camera))
            Q_EMIT cameraAttached(camera);
    }
}

} // namespace Keepsake
