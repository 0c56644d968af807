// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "notify/NoticeMails.h"

#include <QHash>
#include <QMetaType>
#include <QObject>

namespace Keepsake {

class Lab;

// A customer with their albums and photos, as one background read.
struct CustomerData
{
    Customer customer;
    QList<AlbumSummary> albums;
    QList<PhotoRecord> photos;   // album by album, in the albums' order
    QHash<qint64, QStringList> shares;        // album → viewers ("C2 (Berta Berg)", e-mail)
    QHash<qint64, AlbumNotices> notices;      // album → its notice mails (for the clerk)
    QString error;
};

// Reads a customer's albums and photos on the thread pool, so that a customer with
// tens of thousands of photos never freezes the window. Only the latest request's
// result is delivered.
class CustomerLoader : public QObject
{
    Q_OBJECT

public:
    explicit CustomerLoader(const Lab &lab, QObject *parent = nullptr);

    // As the actor sees them; includeHidden: also recorded and purged albums (the
    // clerk's view).
    void load(const Actor &actor, qint64 customerId, bool includeHidden);
    bool isLoading() const { return m_pending > 0; }

Q_SIGNALS:
    void loaded(const Keepsake::CustomerData &data);

private:
    const Lab &m_lab;
    int m_generation = 0;
    int m_pending = 0;
};

CustomerData readCustomer(const Lab &lab, const Actor &actor, qint64 customerId, bool includeHidden);

} // namespace Keepsake

Q_DECLARE_METATYPE(Keepsake::CustomerData)
