// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;

// The audit trail: who did what, when, to which customer or album. Entries are
// written in the same transaction as the change they describe.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString actor;        // "clerk:anna", "kiosk", "keepsakectl", "sweep"
    QString action;       // "handin", "share", "notice_sent", "extend", "record", ...
    std::optional<qint64> customerId;
    std::optional<qint64> albumId;
    QJsonObject details;
};

class AuditLog
{
public:
    static Status record(const QSqlDatabase &db, const AuditEntry &entry);

    struct Filter
    {
        std::optional<qint64> customerId;
        std::optional<qint64> albumId;
        QDateTime since;
    };
    static Result<QList<AuditEntry>> read(const QSqlDatabase &db, const Filter &filter);

    // The user name of the person running this program, for the actor field.
    static QString currentActor(const QString &program);
};

// The audit trail as a front end reads it (the counter's audit dialog): the clerk's
// and the system's only, since it names clerks, terminals and addresses.
class AuditTrail
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AuditTrail)

public:
    explicit AuditTrail(const Catalog &catalog) : m_catalog(catalog) { }

    Result<QList<AuditEntry>> read(const Actor &actor, const AuditLog::Filter &filter) const;

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
