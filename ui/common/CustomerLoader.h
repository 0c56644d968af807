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

#include <optional>

namespace Keepsake {

class JobRunner;
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

// Reads a customer's albums and photos off the window's thread (a JobRunner), so that a
// customer with tens of thousands of photos never freezes the window. Only the latest
// request's result is delivered: one asked for while a read runs waits for it, and
// the read it replaces is dropped.
class CustomerLoader : public QObject
{
    Q_OBJECT

public:
    explicit CustomerLoader(const Lab &lab, QObject *parent = nullptr);

    // As the actor sees them; includeHidden: also recorded and purged albums (the
    // clerk's view).
    void load(const Actor &actor, qint64 customerId, bool includeHidden);
    bool isLoading() const;

Q_SIGNALS:
    void loaded(const Keepsake::CustomerData &data);

private:
    struct Request
    {
        Actor actor;
        qint64 customerId = 0;
        bool includeHidden = false;
    };
    void startRead(const Request &request);
    void readDone(const CustomerData &data);

    const Lab &m_lab;
    JobRunner *m_runner = nullptr;
    std::optional<Request> m_next;   // asked for while a read ran
};

CustomerData readCustomer(const Lab &lab, const Actor &actor, qint64 customerId, bool includeHidden);

} // namespace Keepsake

Q_DECLARE_METATYPE(Keepsake::CustomerData)
