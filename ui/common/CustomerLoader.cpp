// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerLoader.h"

#include "catalog/Catalog.h"
#include "catalog/Shares.h"
#include "lab/Lab.h"
#include "notify/NoticeOutbox.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace Keepsake {

namespace {

// Who each album is shared with and what its notice mails did.
void readExtras(const Lab &lab, CustomerData &data)
{
    QSqlDatabase db = lab.catalog().db();
    for (const AlbumSummary &album : std::as_const(data.albums)) {
        const Result<QList<Share>> shares = Shares::ofAlbum(db, album.id);
        if (!shares) {
            data.error = shares.error().message();
            return;
        }
        for (const Share &share : *shares)
            data.shares[album.id].append(share.viewerText());
        data.notices.insert(album.id, {});
    }
    const Result<QList<Notice>> mails = NoticeOutbox::mails(db, { QStringLiteral("queued"), QStringLiteral("sending"),
                                                                  QStringLiteral("sent"), QStringLiteral("failed") });
    if (!mails) {
        data.error = mails.error().message();
        return;
    }
    for (const Notice &mail : *mails) {
        const auto found = data.notices.find(mail.albumId);
        if (found == data.notices.end())
            continue;
        if (mail.state == QLatin1String("sent")) {
            ++found->sent;
        } else if (mail.state == QLatin1String("failed")) {
            ++found->failed;
            found->failures << QStringLiteral("%1: %2").arg(mail.email, mail.lastError);
        } else {
            ++found->waiting;
        }
    }
}

} // namespace

CustomerData readCustomer(const Lab &lab, qint64 customerId, bool includeHidden)
{
    CustomerData data;
    auto customer = Customers(lab.catalog()).byId(customerId);
    if (!customer) {
        data.error = customer.error().message();
        return data;
    }
    data.customer = *customer;
    const Albums albums(lab.catalog());
    auto list = albums.customerView(customerId, includeHidden);
    if (!list) {
        data.error = list.error().message();
        return data;
    }
    data.albums = *list;
    for (const AlbumSummary &album : std::as_const(data.albums)) {
        auto photos = albums.photos(album.id);
        if (!photos) {
            data.error = photos.error().message();
            return data;
        }
        data.photos.append(*photos);
    }
    readExtras(lab, data);
    return data;
}

CustomerLoader::CustomerLoader(const Lab &lab, QObject *parent) : QObject(parent), m_lab(lab)
{
    qRegisterMetaType<Keepsake::CustomerData>();
}

void CustomerLoader::load(qint64 customerId, bool includeHidden)
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
    watcher->setFuture(QtConcurrent::run([&lab, customerId, includeHidden] {
        return readCustomer(lab, customerId, includeHidden);
    }));
}

} // namespace Keepsake
