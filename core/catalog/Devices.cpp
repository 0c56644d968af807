// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Devices.h"

#include "Catalog.h"
#include "CatalogLog.h"
#include "SqlQuery.h"
#include "base/Time.h"

#include <QRegularExpression>

namespace Keepsake {

namespace {

const QString Columns = QStringLiteral("id, name, url, fingerprint, certificate, created_at");

Device deviceFrom(const SqlQuery &query)
{
    Device d;
    d.id = query.integer(0);
    d.name = query.text(1);
    d.url = query.text(2);
    d.fingerprint = query.text(3);
    d.certificatePem = query.text(4).toLatin1();
    d.createdAt = fromCatalogTime(query.text(5));
    return d;
}

// What still ties a device to the chain's records: photos it holds or is to hold, and
// forwards it owes or awaits. Counted in one read.
struct Ties
{
    qint64 photos = 0;
    qint64 forwards = 0;
    qint64 jobs = 0;   // burn station jobs of it or for it, not yet ended
};

Result<Ties> tiesOf(const QSqlDatabase &db, qint64 id)
{
    SqlQuery query(db, QStringLiteral(
        "SELECT (SELECT count(*) FROM photos WHERE device_id = :a), "
        "(SELECT count(*) FROM forwards WHERE from_device_id = :b OR to_device_id = :c), "
        "(SELECT count(*) FROM station_jobs WHERE (station_id = :d OR requester_id = :e) "
        "AND state IN ('queued', 'running', 'verifying'))"));
    query.bind(QStringLiteral(":a"), id).bind(QStringLiteral(":b"), id).bind(QStringLiteral(":c"), id)
        .bind(QStringLiteral(":d"), id).bind(QStringLiteral(":e"), id);
    if (Status status = query.exec(); !status)
        return status.error();
    Ties ties;
    if (query.next()) {
        ties.photos = query.integer(0);
        ties.forwards = query.integer(1);
        ties.jobs = query.integer(2);
    }
    return ties;
}

// Where camera registrations or customers' home devices name the device: the clerk
// moves them first, so that no photo is routed to a device that is gone.
Result<QStringList> routesTo(const QSqlDatabase &db, qint64 id)
{
    SqlQuery query(db, QStringLiteral(
        "SELECT 'camera', serial FROM cameras WHERE device_id = :a "
        "UNION ALL SELECT 'customer', code FROM customers WHERE home_device_id = :b ORDER BY 1, 2"));
    query.bind(QStringLiteral(":a"), id).bind(QStringLiteral(":b"), id);
    if (Status status = query.exec(); !status)
        return status.error();
    QStringList names;
    while (query.next()) {
        names.append(query.text(0) == QLatin1String("camera") ? Devices::tr("camera %1").arg(query.text(1))
                                                               : Devices::tr("customer %1").arg(query.text(1)));
    }
    return names;
}

// Its terminals and their sessions go with it; the hand-ins and lab keys it made stay,
// no longer naming it.
Status detach(const QSqlDatabase &db, qint64 id)
{
    const char *const statements[] = {
        "DELETE FROM terminal_sessions WHERE terminal_id IN (SELECT id FROM terminals WHERE device_id = :id)",
        "DELETE FROM terminals WHERE device_id = :id",
        "DELETE FROM station_jobs WHERE :id IN (station_id, requester_id)",
        "UPDATE handins SET device_id = NULL WHERE device_id = :id",
        "UPDATE lab_keys SET device_id = NULL WHERE device_id = :id",
        "DELETE FROM devices WHERE id = :id",
    };
    for (const char *sql : statements) {
        SqlQuery query(db, QString::fromLatin1(sql));
        query.bind(QStringLiteral(":id"), id);
        if (Status status = query.exec(); !status)
            return status;
    }
    return Status::success();
}

} // namespace

Status Devices::checkName(const QString &name)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
    if (!shape.match(name).hasMatch())
        return Error::usage(tr("The device name \"%1\" is not usable: use 1 to 64 letters, digits, dots, dashes "
                               "or underscores, e.g. store-berlin.").arg(name));
    return Status::success();
}

Result<Device> Devices::add(const Device &device, const QDateTime &now) const
{
    if (Status status = checkName(device.name); !status)
        return status.error();
    if (const Result<Device> taken = byName(device.name); taken)
        return Error::refused(tr("There is already a device named %1 in this catalog (at %2). Choose another name, "
                                 "or remove that device first.").arg(taken->name, taken->url));
    if (const Result<Device> same = byFingerprint(device.fingerprint); same)
        return Error::refused(tr("The certificate with fingerprint %1 is registered already, as device %2. A device "
                                 "is registered once.").arg(device.fingerprint, same->name));
    SqlQuery insert(m_catalog.db(), QStringLiteral(
        "INSERT INTO devices (name, url, fingerprint, certificate, created_at) "
        "VALUES (:name, :url, :fingerprint, :certificate, :now) RETURNING id"));
    insert.bind(QStringLiteral(":name"), device.name)
        .bind(QStringLiteral(":url"), device.url)
        .bind(QStringLiteral(":fingerprint"), device.fingerprint)
        .bind(QStringLiteral(":certificate"), QString::fromLatin1(device.certificatePem))
        .bind(QStringLiteral(":now"), toCatalogTime(now));
    const Result<qint64> id = insert.execReturningId();
    if (!id)
        return id.error();
    qCInfo(lcCatalog).noquote() << "Registered device" << device.name << "at" << device.url;
    return byId(*id);
}

Result<Device> Devices::byName(const QString &name) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral("SELECT %1 FROM devices WHERE lower(name) = lower(:name)").arg(Columns));
    query.bind(QStringLiteral(":name"), name.trimmed());
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(tr("There is no device named %1 in this catalog. See: keepsakectl device list")
                                   .arg(name));
    return deviceFrom(query);
}

Result<Device> Devices::byId(qint64 id) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral("SELECT %1 FROM devices WHERE id = :id").arg(Columns));
    query.bind(QStringLiteral(":id"), id);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(tr("There is no device number %1 in this catalog.").arg(id));
    return deviceFrom(query);
}

Result<Device> Devices::byFingerprint(const QString &fingerprint) const
{
    SqlQuery query(m_catalog.db(), QStringLiteral("SELECT %1 FROM devices WHERE fingerprint = :fingerprint").arg(Columns));
    query.bind(QStringLiteral(":fingerprint"), fingerprint.toLower());
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(tr("No device of this catalog has the certificate fingerprint %1.").arg(fingerprint));
    return deviceFrom(query);
}

Result<QList<Device>> Devices::list() const
{
    SqlQuery query(m_catalog.db(), QStringLiteral("SELECT %1 FROM devices WHERE fingerprint IS NOT NULL "
                                                  "ORDER BY lower(name)").arg(Columns));
    if (Status status = query.exec(); !status)
        return status.error();
    QList<Device> devices;
    while (query.next())
        devices.append(deviceFrom(query));
    return devices;
}

Status Devices::remove(const QString &name) const
{
    const Result<Device> device = byName(name);
    if (!device)
        return device.error();
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        const Result<Ties> ties = tiesOf(db, device->id);
        if (!ties)
            return ties.error();
        if (ties->photos > 0 || ties->forwards > 0)
            return Error::refused(tr("Device %1 was not removed: it holds %2 photo(s), and %3 forward(s) to or from "
                                     "it are still owed. Its photos must stay reachable; a device that holds photos "
                                     "stays in the chain.").arg(device->name).arg(ties->photos).arg(ties->forwards));
        if (ties->jobs > 0)
            return Error::refused(tr("Device %1 was not removed: %n burn station job(s) of it or for it have not "
                                     "ended (keepsakectl jobs). Let them end or cancel them first.", nullptr,
                                     int(ties->jobs)).arg(device->name));
        const Result<QStringList> routes = routesTo(db, device->id);
        if (!routes)
            return routes.error();
        if (!routes->isEmpty())
            return Error::refused(tr("Device %1 was not removed: new photos are still routed to it by %2. Move them "
                                     "first (keepsakectl camera remove, keepsakectl customer set C --home DEVICE).")
                                      .arg(device->name, routes->join(QStringLiteral(", "))));
        if (Status status = detach(db, device->id); !status)
            return status;
        qCInfo(lcCatalog).noquote() << "Removed device" << device->name;
        return Status::success();
    });
}

} // namespace Keepsake
