// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace Keepsake {

// A notice event of DESIGN.md: (album, kind, date). Each recipient gets each event
// once; an extension that moves the date makes a new event.
struct NoticeEvent
{
    enum class Kind { Expiring, Recorded };

    qint64 albumId = 0;
    Kind kind = Kind::Expiring;
    QDate date;                  // the album's last day, or the day it was recorded
    QDate movedFrom;             // expiring: the date before a late notice moved it
    QString discId;              // recorded: the disc and its pickup code
    QString pickupCode;

    static QString kindName(Kind kind);   // "expiring", "recorded"
    static std::optional<Kind> kindFromName(const QString &name);
};

// Someone told about an event: the owner or a viewer with permission at that moment.
struct NoticeRecipient
{
    enum class Role { Owner, Viewer };

    Role role = Role::Owner;
    std::optional<qint64> customerId;   // none for a bare e-mail viewer
    QString code;
    QString name;
    QString email;
    QString language;

    QString roleName() const { return role == Role::Owner ? QStringLiteral("owner") : QStringLiteral("viewer"); }
    QString text() const;               // "C1 Anna Berg <anna@example.org>"
};

} // namespace Keepsake
