// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Share.h"
#include "base/Error.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Keepsake {

// The catalog's shares table. Changes are written with their audit entry in the
// caller's transaction.
class Shares
{
public:
    // VIEWER is a customer code or an e-mail address (CLI.md: --with C|EMAIL).
    struct Viewer
    {
        std::optional<qint64> customerId;
        QString email;
        QString key() const;          // "c:42" or "e:someone@example.org"
    };
    static Result<Viewer> resolveViewer(const QSqlDatabase &db, const QString &codeOrEmail);

    static Status add(const QSqlDatabase &db, qint64 albumId, const Viewer &viewer,
                      const QDateTime &now, const QString &actor);
    static Status remove(const QSqlDatabase &db, qint64 albumId, const Viewer &viewer,
                         const QDateTime &now, const QString &actor);
    // The viewers with permission now.
    static Result<QList<Share>> ofAlbum(const QSqlDatabase &db, qint64 albumId);
};

} // namespace Keepsake
