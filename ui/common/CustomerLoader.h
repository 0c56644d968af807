// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/Albums.h"
#include "catalog/Customers.h"

#include <QHash>
#include <QMetaType>
#include <QObject>

namespace Keepsake {

class Lab;

// The notice mails of one album by their state.
struct AlbumNotices
{
    int sent = 0;
    int failed = 0;
    int waiting = 0;              // queued or being sent
    QStringList failures;         // "to: what the server said"
};

// A customer with their albums and photos, as one background read.
struct CustomerData
{
    Customer customer;
    QList<AlbumSummary> albums;
    QList<PhotoRecord> photos;   // album by album, in the albums' order
    QHash<qint64, QStringList> shares;        // album → viewers ("C2 (Berta Berg)", e-mail)
    QHash<qint64, AlbumNotices> notices;      // album → its notice mails
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

    // includeHidden: also recorded and purged albums (the clerk's view).
    void load(qint64 customerId, bool includeHidden);
    bool isLoading() const { return m_pending > 0; }

Q_SIGNALS:
    void loaded(const Keepsake::CustomerData &data);

private:
    const Lab &m_lab;
    int m_generation = 0;
    int m_pending = 0;
};

CustomerData readCustomer(const Lab &lab, qint64 customerId, bool includeHidden);

} // namespace Keepsake

Q_DECLARE_METATYPE(Keepsake::CustomerData)
