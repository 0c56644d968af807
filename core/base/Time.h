// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace Keepsake {

// Times in the catalog: UTC, ISO 8601 with seconds ("2026-11-26T20:59:02Z"), so that
// text order is time order in SQLite and PostgreSQL alike.
inline QString toCatalogTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

inline QDateTime fromCatalogTime(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
}

// Calendar days in the catalog: "2027-01-05".
inline QString toCatalogDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

inline QDate fromCatalogDate(const QString &text)
{
    return QDate::fromString(text, Qt::ISODate);
}

} // namespace Keepsake
