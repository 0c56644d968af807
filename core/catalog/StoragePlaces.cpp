// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoragePlaces.h"

#include "Cameras.h"
#include "SqlQuery.h"

namespace Keepsake {

Result<qint64> StoragePlaces::deviceFor(const QString &make, const QString &bodySerial)
{
    const QString cameraKey = Cameras::key(make) + QLatin1Char('\n') + Cameras::key(bodySerial);
    auto camera = m_cameras.constFind(cameraKey);
    if (camera == m_cameras.cend()) {
        const Result<std::optional<qint64>> registered = Cameras::deviceFor(m_db, make, bodySerial);
        if (!registered)
            return registered.error();
        camera = m_cameras.insert(cameraKey, *registered);
    }
    if (camera->has_value())
        return **camera;
    const Result<std::optional<qint64>> home = homeDevice();
    if (!home)
        return home.error();
    return home->value_or(m_receiver);
}

Result<std::optional<qint64>> StoragePlaces::homeDevice()
{
    if (m_home)
        return *m_home;
    SqlQuery query(m_db, QStringLiteral("SELECT home_device_id FROM customers WHERE id = :id"));
    query.bind(QStringLiteral(":id"), m_customerId);
    if (Status status = query.exec(); !status)
        return status.error();
    std::optional<qint64> home;
    if (query.next() && !query.value(0).isNull())
        home = query.integer(0);
    m_home = home;
    return home;
}

} // namespace Keepsake
