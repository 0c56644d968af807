// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Actor.h"

namespace Keepsake {

Actor Actor::clerk(const QString &name, const QString &frontEnd)
{
    Actor actor(Kind::Clerk, name.trimmed());
    actor.m_place = frontEnd.trimmed().isEmpty() ? QStringLiteral("clerk") : frontEnd.trimmed();
    return actor;
}

Actor Actor::customer(qint64 customerId, const QString &terminal)
{
    Actor actor(Kind::Customer, terminal.trimmed());
    actor.m_customerId = customerId;
    return actor;
}

Actor Actor::viewer(std::optional<qint64> customerId, const QString &email)
{
    Actor actor(Kind::Viewer, QString());
    actor.m_customerId = customerId;
    if (!customerId)
        actor.m_email = email.trimmed().toLower();
    return actor;
}

Actor Actor::device(const QString &name)
{
    return { Kind::Device, name.trimmed() };
}

Actor Actor::system(const QString &name)
{
    return { Kind::System, name.trimmed() };
}

QString Actor::sessionUser()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? qEnvironmentVariable("LOGNAME") : user;
}

QString Actor::viewerKey() const
{
    if (m_kind == Kind::Customer || (m_kind == Kind::Viewer && m_customerId))
        return QStringLiteral("c:%1").arg(customerId());
    if (m_kind == Kind::Viewer)
        return QStringLiteral("e:") + m_email;
    return {};
}

QString Actor::auditText() const
{
    switch (m_kind) {
    case Kind::Clerk:
        return m_name.isEmpty() ? m_place : m_place + QLatin1Char(':') + m_name;
    case Kind::Customer:
        return m_name.isEmpty() ? QStringLiteral("customer:%1").arg(customerId()) : m_name;
    case Kind::Viewer:
        return QStringLiteral("viewer:") + viewerKey();
    case Kind::Device:
    case Kind::System:
        break;
    }
    return m_name;
}

QString Actor::describe() const
{
    switch (m_kind) {
    case Kind::Clerk:
        return m_name.isEmpty() ? tr("the clerk") : tr("clerk %1").arg(m_name);
    case Kind::Customer:
        return tr("customer %1").arg(customerId());
    case Kind::Viewer:
        return m_customerId ? tr("viewer %1 (a customer)").arg(customerId()) : tr("viewer %1").arg(m_email);
    case Kind::Device:
        return tr("device %1").arg(m_name);
    case Kind::System:
        break;
    }
    return tr("the lab (%1)").arg(m_name);
}

} // namespace Keepsake
