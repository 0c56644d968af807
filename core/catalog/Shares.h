// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Keepsake {

// Who may view an album besides its owner: another customer of the lab, or a bare
// e-mail address (a relative without a customer code). Viewers see the album in
// their customer view and are told when it is about to expire.
struct Share
{
    qint64 id = 0;
    qint64 albumId = 0;
    std::optional<qint64> viewerId;   // a customer
    QString viewerCode;               // that customer's code
    QString viewerName;
    QString email;                    // the customer's e-mail, or the bare address
    QString language;
    QDateTime grantedAt;
    QString grantedBy;

    bool isCustomer() const { return viewerId.has_value(); }
    QString viewerText() const;       // "C2 (Berta Berg)" or "someone@example.org"
};

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
