// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerLoader.h"

#include "catalog/CustomerAlbums.h"
#include "lab/Lab.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

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

CustomerLoader::CustomerLoader(const Lab &lab, QObject *parent) : QObject(parent), m_lab(lab)
{
    qRegisterMetaType<Keepsake::CustomerData>();
}

void CustomerLoader::load(const Actor &actor, qint64 customerId, bool includeHidden)
{
    const int generation = ++m_generation;
    ++m_pending;
    auto *watcher = new QFutureWatcher<CustomerData>(this);
    connect(watcher, &QFutureWatcher<CustomerData>::finished, this, [this, watcher, generation] {
        --m_pending;
        watcher->deleteLater();
        if (generation == m_generation)
            Q_EMIT loaded(watcher->result());
    });
    const Lab &lab = m_lab;
    watcher->setFuture(QtConcurrent::run([&lab, actor, customerId, includeHidden] {
        return readCustomer(lab, actor, customerId, includeHidden);
    }));
}

} // namespace Keepsake
