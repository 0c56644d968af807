// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Catalog.h"

#include "CatalogLog.h"
#include "Schema.h"
#include "SqlQuery.h"
#include "base/PrivateFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QThread>

#include <vector>

namespace Keepsake {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::Catalog", text);
}

// The catalog connections a thread holds, closed when the thread ends (C++ runs a
// thread_local's destructor on every thread's exit, pool threads included). Each
// entry knows its catalog only weakly: a catalog that went first closed it already.
struct ThreadConnections
{
    struct Held
    {
        std::weak_ptr<Catalog::Connections> catalog;
        QString name;
    };
    std::vector<Held> held;

    ~ThreadConnections()
    {
        for (const Held &h : held)
            if (const auto catalog = h.catalog.lock())
                catalog->closed(h.name);
    }

    // This thread's connection to the catalog, or empty; drops entries of catalogs gone.
    QString find(const std::shared_ptr<Catalog::Connections> &catalog)
    {
        std::erase_if(held, [](const Held &h) { return h.catalog.expired(); });
        for (const Held &h : held)
            if (h.catalog.lock() == catalog)
                return h.name;
        return {};
    }
};

thread_local ThreadConnections threadConnections;

} // namespace

void Catalog::Connections::closed(const QString &name)
{
    QSqlDatabase::removeDatabase(name);
    const QMutexLocker lock(&mutex);
    names.removeOne(name);
}

Catalog::Catalog(CatalogUrl url)
    : m_url(std::move(url)),
      m_baseName(QStringLiteral("keepsake-catalog-%1").arg(reinterpret_cast<quintptr>(this), 0, 16)),
      m_connections(std::make_shared<Connections>())
{
}

Catalog::~Catalog()
{
    QStringList open;
    {
        const QMutexLocker lock(&m_connections->mutex);
        open = m_connections->names;
    }
    for (const QString &name : std::as_const(open))
        m_connections->closed(name);   // of threads still running: Qt warns if in use
}

int Catalog::openConnections() const
{
    const QMutexLocker lock(&m_connections->mutex);
    return int(m_connections->names.size());
}

Result<std::unique_ptr<Catalog>> Catalog::open(const CatalogUrl &url)
{
    std::unique_ptr<Catalog> catalog(new Catalog(url));
    if (Status status = catalog->connect(); !status)
        return status.error();
    if (Status status = catalog->migrate(); !status)
        return status.error();
    qCInfo(lcCatalog) << "Catalog open:" << url.displayName() << "schema" << catalog->schemaVersion();
    return catalog;
}

Status Catalog::connect()
{
    if (m_url.driver == CatalogUrl::Driver::Sqlite) {
        const QFileInfo file(m_url.sqlitePath);
        if (!QDir().mkpath(file.absolutePath())) {
            return Error::failure(tr("The folder %1 for the catalog cannot be created. "
                                     "Check the data folder's permissions.").arg(file.absolutePath()));
        }
        // PIN hashes and the mail password: made readable by the lab's account only
        // before SQLite opens it (its journal files take the same mode).
        if (Status made = PrivateFiles::makeFile(file.absoluteFilePath()); !made)
            return made.error();
    }
    QSqlDatabase db = this->db();
    if (!db.isOpen())
        return Error::failure(tr("The catalog %1 cannot be opened: %2. Check that it exists and "
                                 "that its server is running.")
                                  .arg(m_url.displayName(), db.lastError().text()));
    return Status::success();
}

QSqlDatabase Catalog::db() const
{
    if (const QString mine = threadConnections.find(m_connections); !mine.isEmpty())
        return QSqlDatabase::database(mine);
    QString name;
    {
        const QMutexLocker lock(&m_connections->mutex);
        name = m_baseName + QLatin1Char('-') + QString::number(++m_connections->made);
        m_connections->names.append(name);
    }
    threadConnections.held.push_back({ m_connections, name });

    const bool sqlite = m_url.driver == CatalogUrl::Driver::Sqlite;
    QSqlDatabase db = QSqlDatabase::addDatabase(sqlite ? QStringLiteral("QSQLITE")
                                                       : QStringLiteral("QPSQL"), name);
    if (sqlite) {
        db.setDatabaseName(m_url.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
    } else {
        db.setHostName(m_url.host);
        db.setPort(m_url.port);
        db.setUserName(m_url.user);
        db.setPassword(m_url.password);
        db.setDatabaseName(m_url.database);
        // Notices ("relation already exists, skipping") are not for the clerk's terminal.
        db.setConnectOptions(QStringLiteral("connect_timeout=10;options='-c client_min_messages=warning'"));
    }
    if (db.open()) {
        if (Status status = configure(db); !status)
            qCWarning(lcCatalog) << status.error().message();
    } else {
        qCWarning(lcCatalog) << "Cannot open" << m_url.displayName() << db.lastError().text();
    }
    return db;
}

Status Catalog::configure(QSqlDatabase &db) const
{
    if (m_url.driver != CatalogUrl::Driver::Sqlite)
        return Status::success();
    // WAL lets readers (the windows) go on while ingest writes; FULL makes each
    // committed batch durable before its files count as stored.
    for (const char *pragma : { "PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON",
                                "PRAGMA synchronous=FULL" }) {
        if (Status status = SqlQuery::execDirect(db, QString::fromLatin1(pragma)); !status)
            return status;
    }
    return Status::success();
}

int Catalog::schemaVersion() const
{
    SqlQuery query(db(), QStringLiteral("SELECT max(version) FROM schema_version"));
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toInt();
}

Status Catalog::transaction(const std::function<Status(QSqlDatabase &)> &work) const
{
    QSqlDatabase db = this->db();
    if (!db.transaction())
        return Error::failure(tr("The catalog %1 cannot start a change: %2.")
                                  .arg(m_url.displayName(), db.lastError().text()));
    Status status = work(db);
    if (status.ok() && db.commit())
        return status;
    const QString commitError = db.lastError().text();
    db.rollback();
    if (!status.ok())
        return status;
    return Error::failure(tr("The catalog %1 did not keep a change: %2. Nothing was half-done; "
                             "try again.").arg(m_url.displayName(), commitError));
}

Status Catalog::migrate()
{
    const Schema schema(isPostgres() ? Schema::Dialect::Postgres : Schema::Dialect::Sqlite);
    // Where two programs start at once on a fresh catalog, one waits for the other.
    return transaction([&](QSqlDatabase &db) -> Status {
        if (Status status = schema.ensureVersionTable(db); !status)
            return status;
        const int current = schemaVersion();
        if (current > schema.latestVersion()) {
            return Error::failure(tr("The catalog %1 was made by a newer Keepsake (schema %2; this "
                                     "program knows up to %3). Update Keepsake.")
                                      .arg(m_url.displayName())
                                      .arg(current)
                                      .arg(schema.latestVersion()));
        }
        return schema.migrate(db, current);
    });
}

} // namespace Keepsake
