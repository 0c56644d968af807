// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;

// A storage location registered for a camera body (CLI.md, "Network"): photos whose
// body serial matches are kept on that device, whoever hands them in where.
struct CameraRegistration
{
    qint64 id = 0;
    QString serial;
    QString make;          // empty: any make
    qint64 deviceId = 0;
    QString deviceName;
    QDateTime createdAt;
};

class Cameras
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Cameras)

public:
    explicit Cameras(const Catalog &catalog) : m_catalog(catalog) { }

    // Registers a camera body for a device; the same serial (and make) again is refused.
    Result<CameraRegistration> add(const QString &serial, const QString &make, qint64 deviceId,
                                   const QDateTime &now) const;
    Result<QList<CameraRegistration>> list() const;
    // Every registration of the serial (of any make) goes; NotFound when there is none.
    Result<int> remove(const QString &serial) const;

    // The device registered for a photo's camera: the serial matches case-insensitively,
    // and the make too when the registration names one (a registered "Nikon" also
    // matches the camera's "NIKON CORPORATION"); a registration naming the make wins
    // over one that does not. nullopt: none.
    static Result<std::optional<qint64>> deviceFor(const QSqlDatabase &db, const QString &make,
                                                   const QString &serial);

    static QString key(const QString &text) { return text.trimmed().toUpper(); }
    // Whether the photo's make is the registered one, or begins with it as a whole word.
    static bool makeMatches(const QString &registeredKey, const QString &photoMake);

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
