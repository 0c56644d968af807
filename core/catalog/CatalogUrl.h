// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QString>

namespace Keepsake {

// Where the catalog lives: `sqlite:PATH` (the embedded default) or
// `postgresql://USER[:PASS]@HOST:PORT/DB` (a chain's shared catalog).
struct CatalogUrl
{
    enum class Driver { Sqlite, Postgres };

    Driver driver = Driver::Sqlite;
    QString sqlitePath;
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;

    static Result<CatalogUrl> parse(const QString &url);
    static CatalogUrl sqliteFile(const QString &path);
    // For messages: the URL without its password.
    QString displayName() const;
};

} // namespace Keepsake
