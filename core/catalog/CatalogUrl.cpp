// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CatalogUrl.h"

#include <QCoreApplication>
#include <QUrl>

namespace Keepsake {

Result<CatalogUrl> CatalogUrl::parse(const QString &text)
{
    if (text.startsWith(QLatin1String("sqlite:"))) {
        const QString path = text.mid(7);
        if (path.isEmpty())
            return Error::usage(QCoreApplication::translate("Keepsake::CatalogUrl",
                "The catalog URL \"%1\" names no file: write sqlite:/path/to/catalog.sqlite.").arg(text));
        return sqliteFile(path);
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres"))) {
        return Error::usage(QCoreApplication::translate("Keepsake::CatalogUrl",
            "The catalog URL \"%1\" is not understood: use sqlite:PATH or "
            "postgresql://USER[:PASS]@HOST:PORT/DB.").arg(text));
    }
    CatalogUrl result;
    result.driver = Driver::Postgres;
    result.host = url.host().isEmpty() ? QStringLiteral("127.0.0.1") : url.host();
    result.port = url.port(5432);
    result.user = url.userName(QUrl::FullyDecoded);
    result.password = url.password(QUrl::FullyDecoded);
    result.database = url.path(QUrl::FullyDecoded).mid(1);
    if (result.database.isEmpty() || result.user.isEmpty()) {
        return Error::usage(QCoreApplication::translate("Keepsake::CatalogUrl",
            "The catalog URL \"%1\" needs a user and a database name: "
            "postgresql://USER@HOST:PORT/DB.").arg(text));
    }
    return result;
}

CatalogUrl CatalogUrl::sqliteFile(const QString &path)
{
    CatalogUrl result;
    result.driver = Driver::Sqlite;
    result.sqlitePath = path;
    return result;
}

QString CatalogUrl::displayName() const
{
    if (driver == Driver::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

} // namespace Keepsake
