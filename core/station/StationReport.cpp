// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StationReport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Keepsake {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::StationReport)
};

QJsonObject discJson(const BurnedDisc &d)
{
    return { { QStringLiteral("number"), d.number }, { QStringLiteral("drive"), d.drive },
             { QStringLiteral("disc"), d.discId }, { QStringLiteral("session"), d.session },
             { QStringLiteral("appended"), d.appended }, { QStringLiteral("bytes"), d.bytes },
             { QStringLiteral("files_verified"), d.filesVerified }, { QStringLiteral("write_seconds"), d.writeSeconds },
             { QStringLiteral("verify_seconds"), d.verifySeconds }, { QStringLiteral("media"), d.media },
             { QStringLiteral("lab_key"), d.labKey },
             { QStringLiteral("manifest"), QString::fromUtf8(d.manifestJson) } };
}

} // namespace

QByteArray StationReport::toJson() const
{
    QJsonArray array;
    for (const BurnedDisc &disc : discs)
        array.append(discJson(disc));
    return QJsonDocument(QJsonObject { { QStringLiteral("discs"), array } }).toJson(QJsonDocument::Compact);
}

Result<StationReport> StationReport::fromJson(const QByteArray &json)
{
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    if (!root.value(QStringLiteral("discs")).isArray())
        return Error::failure(Tr::tr("The station's report of the job cannot be read."));
    const QJsonArray array = root.value(QStringLiteral("discs")).toArray();   // empty: nothing to record
    StationReport report;
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        BurnedDisc d;
        d.number = o.value(QStringLiteral("number")).toInt();
        d.drive = o.value(QStringLiteral("drive")).toString();
        d.discId = o.value(QStringLiteral("disc")).toString();
        d.session = o.value(QStringLiteral("session")).toInt();
        d.appended = o.value(QStringLiteral("appended")).toBool();
        d.bytes = o.value(QStringLiteral("bytes")).toInteger();
        d.filesVerified = o.value(QStringLiteral("files_verified")).toInt();
        d.writeSeconds = o.value(QStringLiteral("write_seconds")).toDouble();
        d.verifySeconds = o.value(QStringLiteral("verify_seconds")).toDouble();
        d.media = o.value(QStringLiteral("media")).toString();
        d.labKey = o.value(QStringLiteral("lab_key")).toString();
        d.manifestJson = o.value(QStringLiteral("manifest")).toString().toUtf8();
        if (d.discId.isEmpty() || d.session < 1 || d.manifestJson.isEmpty())
            return Error::failure(Tr::tr("The station's report of disc %1 is incomplete.").arg(d.number));
        report.discs.append(d);
    }
    return report;
}

} // namespace Keepsake
