// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChainRecords.h"
#include "net/LabRecords.h"

#include "base/ByteSize.h"
#include "base/Time.h"
#include "catalog/Cameras.h"
#include "catalog/Devices.h"
#include "catalog/ForwardQueue.h"
#include "catalog/Terminals.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ChainRecords)
};

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(toCatalogTime(time)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject deviceJson(const Device &d, bool self)
{
    return { { QStringLiteral("name"), d.name },
             { QStringLiteral("url"), d.url },
             { QStringLiteral("fingerprint"), d.fingerprint },
             { QStringLiteral("self"), self },
             { QStringLiteral("created"), timeOrNull(d.createdAt) } };
}

QString deviceLine(const Device &d, bool self)
{
    const QString line = QStringLiteral("%1  %2  %3").arg(d.name, d.url, d.fingerprint);
    return self ? Tr::tr("%1  (this data folder)").arg(line) : line;
}

QJsonObject terminalJson(const Terminal &t)
{
    return { { QStringLiteral("name"), t.name },
             { QStringLiteral("kind"), Terminal::kindName(t.kind) },
             { QStringLiteral("created"), timeOrNull(t.createdAt) },
             { QStringLiteral("last_seen"), timeOrNull(t.lastSeenAt) } };
}

QString terminalLine(const Terminal &t)
{
    return Tr::tr("%1  %2  paired %3, last seen %4")
        .arg(t.name, Terminal::kindName(t.kind), toCatalogTime(t.createdAt),
             t.lastSeenAt.isValid() ? toCatalogTime(t.lastSeenAt) : Tr::tr("never"));
}

QJsonObject cameraJson(const CameraRegistration &c)
{
    return { { QStringLiteral("serial"), c.serial },
             { QStringLiteral("make"), textOrNull(c.make) },
             { QStringLiteral("device"), c.deviceName },
             { QStringLiteral("created"), timeOrNull(c.createdAt) } };
}

QString cameraLine(const CameraRegistration &c)
{
    return Tr::tr("%1  %2  → device %3").arg(c.serial, c.make.isEmpty() ? Tr::tr("(any make)") : c.make, c.deviceName);
}

QJsonObject forwardJson(const Forward &f)
{
    return LabRecords::forward(f);
}

QString forwardLine(const Forward &f)
{
    QString line = Tr::tr("photo %1 (%2) → %3, waiting since %4, %n attempt(s)", nullptr, f.attempts)
                       .arg(f.photoId).arg(formatBytes(f.size), f.toDeviceName, toCatalogTime(f.since));
    if (!f.lastError.isEmpty())
        line += Tr::tr("; last error: %1").arg(f.lastError);
    return line;
}

} // namespace Keepsake
