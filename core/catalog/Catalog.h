// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CatalogUrl.h"
#include "base/Error.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <memory>

namespace Keepsake {

// The lab's catalog: customers, albums, photos, stored files and everything that
// later happens to them. Opening it brings its schema up to date (each migration in
// one transaction). Each thread that uses it gets a connection of its own, closed
// when the thread ends: a process holds at most one connection per live thread that
// used the catalog, whatever comes and goes on its thread pools.
class Catalog
{
public:
    static Result<std::unique_ptr<Catalog>> open(const CatalogUrl &url);
    ~Catalog();

    Catalog(const Catalog &) = delete;
    Catalog &operator=(const Catalog &) = delete;

    // The calling thread's connection (made on first use, closed when the thread ends).
    QSqlDatabase db() const;
    // How many connections are open now (for tests and `status`).
    int openConnections() const;
    const CatalogUrl &url() const { return m_url; }
    bool isPostgres() const { return m_url.driver == CatalogUrl::Driver::Postgres; }
    int schemaVersion() const;

    // Runs work in one transaction: committed when it succeeds, rolled back otherwise.
    Status transaction(const std::function<Status(QSqlDatabase &)> &work) const;

private:
    explicit Catalog(CatalogUrl url);
    Status connect();
    Status configure(QSqlDatabase &db) const;
    Status migrate();

public:
    // The connections of one open catalog, shared with the threads that hold one: a
    // thread that ends closes its own (Catalog.cpp, ThreadConnections), the catalog
    // closes the rest when it goes.
    struct Connections
    {
        QMutex mutex;
        QStringList names;   // open now
        quint64 made = 0;    // names are never reused
        void closed(const QString &name);
    };

private:
    CatalogUrl m_url;
    QString m_baseName;
    std::shared_ptr<Connections> m_connections;
};

} // namespace Keepsake
