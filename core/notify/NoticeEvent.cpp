// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoticeEvent.h"

#include <QStringList>

namespace Keepsake {

QString NoticeEvent::kindName(Kind kind)
{
    return kind == Kind::Expiring ? QStringLiteral("expiring") : QStringLiteral("recorded");
}

std::optional<NoticeEvent::Kind> NoticeEvent::kindFromName(const QString &name)
{
    if (name == QLatin1String("expiring"))
        return Kind::Expiring;
    if (name == QLatin1String("recorded"))
        return Kind::Recorded;
    return std::nullopt;
}

QString NoticeRecipient::text() const
{
    QStringList parts;
    if (!code.isEmpty())
        parts << code;
    if (!name.isEmpty())
        parts << name;
    if (!email.isEmpty())
        parts << (parts.isEmpty() ? email : QStringLiteral("<%1>").arg(email));
    return parts.join(QLatin1Char(' '));
}

} // namespace Keepsake
