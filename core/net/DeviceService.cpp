// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceService.h"

#include "DeviceServer.h"
#include "HandinReception.h"
#include "NetLog.h"
#include "NoticeStreams.h"
#include "PhoneHandins.h"
#include "ServiceRoutes.h"
#include "ThumbnailMaker.h"
#include "WebFront.h"
#include "WebRoutes.h"
#include "lab/DeviceIdentity.h"
#include "lab/Lab.h"
#include "station/StationRunner.h"

#include <QtConcurrent>

namespace Keepsake {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DeviceService)
};

} // namespace

DeviceService::DeviceService(const Lab &lab, QObject *parent)
    : QObject(parent), m_lab(lab), m_thumbnails(std::make_unique<ThumbnailMaker>(lab))
{
    m_timer.setInterval(Forwarder::RetrySeconds * 1000);
    connect(&m_timer, &QTimer::timeout, this, &DeviceService::forwardNow);
    connect(&m_round, &QFutureWatcher<Result<Forwarder::Round>>::finished, this, &DeviceService::onRoundDone);
}

DeviceService::~DeviceService()
{
    stop();
    m_round.waitForFinished();
}

Result<quint16> DeviceService::start(const QHostAddress &address, quint16 port)
{
    const Result<DeviceIdentity> identity = DeviceIdentity::load(m_lab.dataDir());
    if (!identity)
        return identity.error();
    if (!m_lab.device())
        return Error::usage(Tr::tr("%1 has a device certificate that the catalog does not know (was the device "
                                   "removed?): run keepsakectl device init in a new data folder.").arg(m_lab.dataDir()));
    m_server = new DeviceServer(m_lab.catalog(), m_lab.device()->id, m_lab.clock(), this);
    m_reception = new HandinReception(m_lab, this);
    ServiceRoutes::addHandins(*m_server, *m_reception);
    ServiceRoutes::addLab(*m_server, m_lab);
    ServiceRoutes::addAlbums(*m_server, m_lab, *m_thumbnails);
    ServiceRoutes::addFiles(*m_server, m_lab, *m_thumbnails);
    m_station = new StationRunner(m_lab, this);
    ServiceRoutes::addStation(*m_server, m_lab, *m_station);
    ServiceRoutes::addUploads(*m_server, m_lab);
    addWebPage();
    if (port == 0)
        port = quint16(QUrl(m_lab.device()->url).port(0));
    const Result<quint16> listening = m_server->listen(address, port, *identity);
    if (!listening)
        return listening;
    // Only once it listens: a second serve of this device, refused its port, must not
    // fail the jobs the first one is running.
    if (Status station = m_station->start(); !station)
        return station.error();
    m_forwarder = std::make_unique<Forwarder>(m_lab, *identity);
    connect(m_reception, &HandinReception::handinFinished, this, &DeviceService::forwardNow);
    m_timer.start();
    forwardNow();
    qCInfo(lcNet) << "Device" << m_lab.device()->name << "serves on" << address.toString() << *listening;
    return listening;
}

void DeviceService::addWebPage()
{
    m_web = std::make_unique<WebFront>(m_lab);
    m_streams = new NoticeStreams(m_lab, this);
    auto *phones = new PhoneHandins(m_lab, *m_reception, this);
    WebRoutes::addSession(*m_web);
    WebRoutes::addAlbums(*m_web, *m_thumbnails);
    WebRoutes::addEvents(*m_web, *m_streams);
    WebRoutes::addUploads(*m_web, *phones);
    m_server->setWebFront(m_web.get());
}

void DeviceService::stop()
{
    if (m_streams)
        m_streams->stop();
    m_stopped = true;
    m_timer.stop();
    m_cancel.cancel();
    m_thumbnails->stop();
    if (m_station)
        m_station->stop();
}

bool DeviceService::isIdle() const
{
    return !m_round.isRunning() && m_thumbnails->isIdle() && (!m_station || m_station->isIdle());
}

void DeviceService::forwardNow()
{
    if (m_stopped || !m_forwarder)
        return;
    if (m_round.isRunning()) {
        m_again = true;
        return;
    }
    m_again = false;
    const Forwarder *forwarder = m_forwarder.get();
    const CancelToken *cancel = &m_cancel;
    m_round.setFuture(QtConcurrent::run([forwarder, cancel] { return forwarder->run(*cancel); }));
}

void DeviceService::onRoundDone()
{
    const Result<Forwarder::Round> round = m_round.result();
    if (!round)
        qCWarning(lcNet) << "A forwarding round failed:" << round.error().message();
    else if (round->delivered + round->failed > 0)
        Q_EMIT forwarded(*round);
    if (m_again || (round && round->delivered > 0))
        forwardNow();   // more may be due
}

} // namespace Keepsake
