// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StationRecords.h"

#include "base/Time.h"

#include <QJsonArray>

namespace Keepsake::StationRecords {

namespace {

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(toCatalogTime(time)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject job(const StationJob &job, bool withReport)
{
    QJsonArray albums;
    for (qint64 album : job.albums)
        albums.append(album);
    QJsonObject record { { QStringLiteral("id"), job.id },
                         { QStringLiteral("station"), job.station },
                         { QStringLiteral("drive"), job.drive },
                         { QStringLiteral("customer"), job.customer },
                         { QStringLiteral("state"), StationJob::stateName(job.state) },
                         { QStringLiteral("progress"), job.progress },
                         { QStringLiteral("message"), job.message },
                         { QStringLiteral("position"), job.position > 0 ? QJsonValue(job.position)
                                                                        : QJsonValue(QJsonValue::Null) },
                         { QStringLiteral("requester"), job.requester },
                         { QStringLiteral("albums"), albums },
                         { QStringLiteral("verified"), job.verified },
                         { QStringLiteral("created"), timeOrNull(job.createdAt) },
                         { QStringLiteral("finished"), timeOrNull(job.finishedAt) } };
    if (withReport && !job.report.isEmpty())
        record.insert(QStringLiteral("report"), QString::fromUtf8(job.report));
    return record;
}

StationJob jobFrom(const QJsonObject &record)
{
    StationJob job;
    job.id = record.value(QStringLiteral("id")).toInteger();
    job.station = record.value(QStringLiteral("station")).toString();
    job.drive = record.value(QStringLiteral("drive")).toString();
    job.customer = record.value(QStringLiteral("customer")).toString();
    job.state = StationJob::stateNamed(record.value(QStringLiteral("state")).toString()).value_or(StationJob::State::Failed);
    job.progress = record.value(QStringLiteral("progress")).toInt();
    job.message = record.value(QStringLiteral("message")).toString();
    job.position = record.value(QStringLiteral("position")).toInt();
    job.requester = record.value(QStringLiteral("requester")).toString();
    for (const QJsonValue &album : record.value(QStringLiteral("albums")).toArray())
        job.albums.append(album.toInteger());
    job.report = record.value(QStringLiteral("report")).toString().toUtf8();
    job.verified = record.value(QStringLiteral("verified")).toBool();
    const QString created = record.value(QStringLiteral("created")).toString();
    const QString finished = record.value(QStringLiteral("finished")).toString();
    job.createdAt = created.isEmpty() ? QDateTime() : fromCatalogTime(created);
    job.finishedAt = finished.isEmpty() ? QDateTime() : fromCatalogTime(finished);
    return job;
}

QJsonObject media(const DiscMedia &media)
{
    return { { QStringLiteral("status"), media.statusText() }, { QStringLiteral("state"), media.statusName() },
             { QStringLiteral("profile"), media.profile },
             { QStringLiteral("erasable"), media.erasable }, { QStringLiteral("free"), media.freeBytes },
             { QStringLiteral("used"), media.usedBytes }, { QStringLiteral("image_file"), media.imageFile } };
}

QJsonObject drive(const StationDrive &drive, const QString &station)
{
    QJsonObject record { { QStringLiteral("station"), station }, { QStringLiteral("drive"), drive.drive.address },
                         { QStringLiteral("vendor"), drive.drive.vendor }, { QStringLiteral("product"), drive.drive.product },
                         { QStringLiteral("media"), media(drive.media) } };
    if (!drive.problem.isEmpty())
        record.insert(QStringLiteral("problem"), drive.problem);
    return record;
}

} // namespace Keepsake::StationRecords
