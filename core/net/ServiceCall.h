// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"
#include "catalog/Devices.h"
#include "catalog/Terminals.h"

#include <QByteArray>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace Keepsake {

// Who calls the device service: another device of the chain (by its client
// certificate, pinned through the catalog), or a paired terminal (by its token), with
// the customer signed in on a kiosk (by the session). Core's operations get the actor.
struct ServiceCaller
{
    std::optional<Device> device;
    std::optional<Terminal> terminal;
    qint64 sessionCustomerId = 0;   // a kiosk's signed-in customer; 0: none
    QString sessionToken;

    bool isDevice() const { return device.has_value(); }
    // A counter or station terminal, or a device: they act as the clerk.
    bool actsAsClerk() const;
    Actor actor() const;
    QString describe() const;   // for the log: "device S2", "terminal K1"
};

// One request as a handler sees it: the method, the path's captured parts, the query,
// the body, and the caller.
struct ServiceRequest
{
    const QHttpServerRequest &http;
    QStringList captures;   // the parts a route's "{}" matched, in order
    ServiceCaller caller;

    QString query(const QString &name) const;
    // The body as a JSON object; Error::Kind::Usage when it is not one.
    Result<QJsonObject> json() const;
};

// A handler's answer: JSON with a status, raw bytes, or a file streamed from disk.
struct ServiceReply
{
    int status = 200;
    QJsonDocument json;
    QByteArray bytes;
    QByteArray mimeType;
    QString filePath;   // streamed when set

    static ServiceReply object(const QJsonObject &object, int status = 200);
    static ServiceReply array(const QJsonArray &array, int status = 200);
    static ServiceReply fail(const Error &error);
    static ServiceReply fail(int status, const QString &code, const QString &message);
    static ServiceReply file(const QString &path, const QByteArray &mimeType);
};

} // namespace Keepsake
