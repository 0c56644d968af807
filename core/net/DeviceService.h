// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Forwarder.h"
#include "base/CancelToken.h"
#include "base/Error.h"

#include <QFutureWatcher>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Keepsake {

class DeviceServer;
class HandinReception;
class Lab;
class StationRunner;
class NoticeStreams;
class ThumbnailMaker;
class WebFront;

// A data folder serving as a device of the chain (`keepsakectl serve`): the HTTPS
// service with its routes, the forwarding of received photos to their devices, a
// round at least every few seconds and at once after each hand-in, the thumbnails
// of the files it receives, made on a thread of their own, and the burn station that
// records the discs the chain's devices ask of it.
class DeviceService : public QObject
{
    Q_OBJECT

public:
    explicit DeviceService(const Lab &lab, QObject *parent = nullptr);
    ~DeviceService() override;

    // Listens on the address and port (port 0: the one in the device's URL).
    Result<quint16> start(const QHostAddress &address, quint16 port);
    // No new forwarding rounds; a running one is asked to stop. isIdle() says when it has.
    void stop();
    bool isIdle() const;

Q_SIGNALS:
    void forwarded(const Keepsake::Forwarder::Round &round);

private:
    // The customers' web page and the phones' hand-in on the same service.
    void addWebPage();
    void forwardNow();
    void onRoundDone();

    const Lab &m_lab;
    std::unique_ptr<Forwarder> m_forwarder;
    std::unique_ptr<ThumbnailMaker> m_thumbnails;   // of files received; the file routes use it
    DeviceServer *m_server = nullptr;
    HandinReception *m_reception = nullptr;
    StationRunner *m_station = nullptr;
    std::unique_ptr<WebFront> m_web;
    NoticeStreams *m_streams = nullptr;
    QTimer m_timer;
    QFutureWatcher<Result<Forwarder::Round>> m_round;
    CancelToken m_cancel;
    bool m_again = false;   // a round was asked for while one ran
    bool m_stopped = false;
};

} // namespace Keepsake
