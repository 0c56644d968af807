// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the window tests that talk to a device in their own process share: the device
// service of a lab, served on a thread of its own as `keepsakectl serve` would serve
// it, while the test's window runs on the main thread.
#pragma once

#include "lab/Lab.h"
#include "net/DeviceService.h"

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QThread>

#include <memory>

namespace Keepsake::Test {

class ServedElsewhere
{
public:
    explicit ServedElsewhere(const Lab &lab)
    {
        m_thread.start();
        m_anchor.moveToThread(&m_thread);
        QMetaObject::invokeMethod(&m_anchor, [this, &lab] {
            m_service = std::make_unique<DeviceService>(lab);
            m_started = m_service->start(QHostAddress::LocalHost, 0).ok();
        }, Qt::BlockingQueuedConnection);
    }
    ~ServedElsewhere()
    {
        // Destroying the service cancels what runs in it and waits for it to return (its
        // forwarding round, thumbnail pool and station runner each wait on their own).
        QMetaObject::invokeMethod(&m_anchor, [this] { m_service.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    ServedElsewhere(const ServedElsewhere &) = delete;
    ServedElsewhere &operator=(const ServedElsewhere &) = delete;

    bool started() const { return m_started; }

private:
    QThread m_thread;
    QObject m_anchor;
    std::unique_ptr<DeviceService> m_service;
    bool m_started = false;
};

// A loopback port free right now (for a device's address before it serves).
inline quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace Keepsake::Test
