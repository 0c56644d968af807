// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceCall.h"

#include "ServiceProtocol.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace Keepsake {

bool ServiceCaller::actsAsClerk() const
{
    if (device)
        return true;
    return terminal && terminal->kind != Terminal::Kind::Kiosk;
}

Actor ServiceCaller::actor() const
{
    if (device)
        return Actor::device(device->name);
    if (!terminal)
        return Actor::device(QString());
    if (terminal->kind == Terminal::Kind::Kiosk) {
        if (sessionCustomerId > 0)
            return Actor::customer(sessionCustomerId, terminal->name);
        return Actor::device(terminal->name);
    }
    return Actor::clerk(QString(), terminal->name);
}

QString ServiceCaller::describe() const
{
    if (device)
        return QStringLiteral("device %1").arg(device->name);
    if (terminal)
        return QStringLiteral("terminal %1").arg(terminal->name);
    return QStringLiteral("nobody");
}

QString ServiceRequest::query(const QString &name) const
{
    return http.query().queryItemValue(name, QUrl::FullyDecoded);
}

Result<QJsonObject> ServiceRequest::json() const
{
    return ServiceProtocol::jsonBody(http.body());
}

ServiceReply ServiceReply::object(const QJsonObject &object, int status)
{
    ServiceReply reply;
    reply.status = status;
    reply.json = QJsonDocument(object);
    return reply;
}

ServiceReply ServiceReply::array(const QJsonArray &array, int status)
{
    ServiceReply reply;
    reply.status = status;
    reply.json = QJsonDocument(array);
    return reply;
}

ServiceReply ServiceReply::fail(const Error &error)
{
    return fail(ServiceProtocol::statusFor(error.kind()), ServiceProtocol::errorCode(error.kind()), error.message());
}

ServiceReply ServiceReply::fail(int status, const QString &code, const QString &message)
{
    return object(ServiceProtocol::errorBody(code, message), status);
}

ServiceReply ServiceReply::file(const QString &path, const QByteArray &mimeType)
{
    ServiceReply reply;
    reply.filePath = path;
    reply.mimeType = mimeType;
    return reply;
}

} // namespace Keepsake
