// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerLoader.h"

#include "base/JobRunner.h"
#include "catalog/CustomerAlbums.h"
#include "lab/Lab.h"

namespace Keepsake {

CustomerData readCustomer(const Lab &lab, const Actor &actor, qint64 customerId, bool includeHidden)
{
    CustomerData data;
    Result<CustomerAlbumsView> view = CustomerAlbums(lab.catalog()).read(actor, customerId, includeHidden);
    if (!view) {
        data.error = view.error().message();
        return data;
    }
    data.customer = view->customer;
    data.albums = view->albums;
    data.photos = view->photos;
    QList<qint64> albumIds;
    for (const AlbumSummary &album : std::as_const(data.albums)) {
        albumIds.append(album.id);
        for (const Share &share : view->shares.value(album.id))
            data.shares[album.id].append(share.viewerText());
    }
    // Who was told by mail, and what failed: the clerk's to see.
    if (!actor.actsForLab())
        return data;
    const Result<QHash<qint64, AlbumNotices>> notices = NoticeMails(lab.catalog()).ofAlbums(actor, albumIds);
    if (notices)
        data.notices = *notices;
    else
        data.error = notices.error().message();
    return data;
}

CustomerLoader::CustomerLoader(const Lab &lab, QObject *parent)
    : QObject(parent), m_lab(lab), m_runner(new JobRunner(this))
{
    qRegisterMetaType<Keepsake::CustomerData>();
}

bool CustomerLoader::isLoading() const
{
    return m_runner->isRunning() || m_next.has_value();
}

void CustomerLoader::load(const Actor &actor, qint64 customerId, bool includeHidden)
{
    const Request request { actor, customerId, includeHidden };
    if (m_runner->isRunning())
        m_next = request;
    else
        startRead(request);
}

void CustomerLoader::startRead(const Request &request)
{
    const Lab &lab = m_lab;
    m_runner->start([&lab, request](JobControl &) {
        return readCustomer(lab, request.actor, request.customerId, request.includeHidden);
    }, [this](const CustomerData &data) { readDone(data); });
}

void CustomerLoader::readDone(const CustomerData &data)
{
    if (!m_next) {
        Q_EMIT loaded(data);
        return;
    }
    const Request next = *std::exchange(m_next, std::nullopt);
    startRead(next);
}

} // namespace Keepsake
