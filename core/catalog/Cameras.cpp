// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cameras.h"

#include "Catalog.h"
#include "CatalogLog.h"
#include "SqlQuery.h"
#include "base/Time.h"

#include <algorithm>

namespace Keepsake {

namespace {

bool isOneLine(const QString &text)
{
    return std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

} // namespace

bool Cameras::makeMatches(const QString &registeredKey, const QString &photoMake)
{
    if (registeredKey.isEmpty())
        return true;
    const QString made = key(photoMake);
    return made == registeredKey
        || (made.startsWith(registeredKey) && !made.at(registeredKey.size()).isLetterOrNumber());
}

Result<CameraRegistration> Cameras::add(const QString &serial, const QString &make, qint64 deviceId,
                                        const QDateTime &now) const
{
    if (key(serial).isEmpty() || key(serial).size() > 64 || !isOneLine(serial) || !isOneLine(make)
        || make.trimmed().size() > 64)
        return Error::usage(tr("The camera's body serial \"%1\" (make \"%2\") is not usable: give the serial "
                               "as the camera shows it, on one line, at most 64 characters.").arg(serial, make));
    SqlQuery taken(m_catalog.db(), QStringLiteral(
        "SELECT 1 FROM cameras WHERE serial_key = :serial AND make_key = :make"));
    taken.bind(QStringLiteral(":serial"), key(serial)).bind(QStringLiteral(":make"), key(make));
    const Result<bool> exists = taken.execFindsRow();
    if (!exists)
        return exists.error();
    if (*exists)
        return Error::refused(tr("The camera %1 is registered already. Remove it first (keepsakectl camera remove "
                                 "--serial %1) to register it for another device.").arg(serial.trimmed()));
    SqlQuery insert(m_catalog.db(), QStringLiteral(
        "INSERT INTO cameras (serial, serial_key, make, make_key, device_id, created_at) "
        "VALUES (:serial, :serialKey, :make, :makeKey, :device, :now) RETURNING id"));
    insert.bind(QStringLiteral(":serial"), serial.trimmed())
        .bind(QStringLiteral(":serialKey"), key(serial))
        .bind(QStringLiteral(":make"), nullIfEmpty(make.trimmed()))
        .bind(QStringLiteral(":makeKey"), key(make))
        .bind(QStringLiteral(":device"), deviceId)
        .bind(QStringLiteral(":now"), toCatalogTime(now));
    const Result<qint64> id = insert.execReturningId();
    if (!id)
        return id.error();
    const Result<QList<CameraRegistration>> all = list();
    if (!all)
        return all.error();
    const auto it = std::find_if(all->cbegin(), all->cend(), [&](const CameraRegistration &c) { return c.id == *id; });
    if (it == all->cend())
        return Error::failure(tr("The camera %1 was registered but cannot be read back.").arg(serial));
    qCInfo(lcCatalog).noquote() << "Camera" << serial.trimmed() << "registered for device" << it->deviceName;
    return *it;
}

Result<QList<CameraRegistration>> Cameras::list() const
{
    SqlQuery query(m_catalog.db(), QStringLiteral(
        "SELECT c.id, c.serial, c.make, c.device_id, d.name, c.created_at FROM cameras c "
        "JOIN devices d ON d.id = c.device_id ORDER BY c.serial_key, c.make_key"));
    if (Status status = query.exec(); !status)
        return status.error();
    QList<CameraRegistration> cameras;
    while (query.next()) {
        cameras.append({ query.integer(0), query.text(1), query.text(2), query.integer(3), query.text(4),
                         fromCatalogTime(query.text(5)) });
    }
    return cameras;
}

Result<int> Cameras::remove(const QString &serial) const
{
    SqlQuery remove(m_catalog.db(), QStringLiteral("DELETE FROM cameras WHERE serial_key = :serial"));
    remove.bind(QStringLiteral(":serial"), key(serial));
    if (Status status = remove.exec(); !status)
        return status.error();
    if (remove.affectedRows() < 1)
        return Error::notFound(tr("No camera with the body serial %1 is registered. See: keepsakectl camera list")
                                   .arg(serial.trimmed()));
    qCInfo(lcCatalog).noquote() << "Camera" << serial.trimmed() << "no longer registered";
    return remove.affectedRows();
}

Result<std::optional<qint64>> Cameras::deviceFor(const QSqlDatabase &db, const QString &make, const QString &serial)
{
    if (key(serial).isEmpty())
        return std::optional<qint64>();
    SqlQuery query(db, QStringLiteral(
        "SELECT make_key, device_id FROM cameras WHERE serial_key = :serial ORDER BY length(make_key) DESC, id"));
    query.bind(QStringLiteral(":serial"), key(serial));
    if (Status status = query.exec(); !status)
        return status.error();
    while (query.next()) {
        if (makeMatches(query.text(0), make))
            return std::optional<qint64>(query.integer(1));
    }
    return std::optional<qint64>();
}

} // namespace Keepsake
