// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UsbCamera.h"
#include "base/Error.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Keepsake {

class JobRunner;

// Notices a camera or phone plugged into USB, as CardWatcher notices a card: looks
// every couple of seconds, off the caller's thread (a window's stays free), and
// reports a camera that appears or goes. What is connected when it starts is not new.
//
// The look itself is cheap: libgphoto2's detection runs only when the devices on the
// USB bus changed (/dev/bus/usb), since each run of it costs (and, in libgphoto2
// 2.5.30, leaks) memory for every camera model it knows.
class UsbCameraWatcher : public QObject
{
    Q_OBJECT

public:
    // Called on the watcher's worker thread, one call at a time.
    using Detector = std::function<Result<QList<UsbCamera>>()>;

    explicit UsbCameraWatcher(QObject *parent = nullptr);
    ~UsbCameraWatcher() override;

    // The real one: UsbCameras::detect when the USB bus changed. For tests: any.
    static Detector busDetector();
    void setDetector(Detector detector) { m_detector = std::move(detector); }
    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    void start();
    void stop();
    QList<UsbCamera> cameras() const { return m_known; }

Q_SIGNALS:
    void cameraAttached(const Keepsake::UsbCamera &camera);
    void cameraDetached(const Keepsake::UsbCamera &camera);

private:
    void look();
    void found(const Result<QList<UsbCamera>> &cameras);

    Detector m_detector;
    QTimer m_timer;
    JobRunner *m_runner = nullptr;
    QList<UsbCamera> m_known;
    bool m_first = true;
    bool m_warned = false;
};

} // namespace Keepsake
