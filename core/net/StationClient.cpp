// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StationClient.h"

#include "StationRecords.h"
#include "catalog/Devices.h"
#include "lab/DeviceIdentity.h"
#include "lab/Lab.h"

#include <QJsonArray>

namespace Keepsake {

StationClient::StationClient(QString station, DeviceEndpoint endpoint, const CancelToken *cancel)
    : m_station(std::move(station)), m_client(std::move(endpoint), cancel)
{
}

Result<std::unique_ptr<StationClient>> StationClient::open(const Lab &lab, const QString &station,
                                                           const CancelToken *cancel)
{
    if (!lab.device())
        return Error::usage(tr("%1 is not a device of a chain, so it cannot ask a burn station: run keepsakectl "
                               "device init first.").arg(lab.dataDir()));
    const Result<Device> known = Devices(lab.catalog()).byName(station);
    if (!known)
        return Error::usage(tr("There is no station %1 in this chain: keepsakectl device list names its devices.")
                                .arg(station));
    const Result<DeviceIdentity> identity = DeviceIdentity::load(lab.dataDir());
    if (!identity)
        return identity.error();
    DeviceEndpoint endpoint { QUrl(known->url), known->fingerprint, {}, {}, identity->certificatePem(), identity->keyPem() };
    return std::unique_ptr<StationClient>(new StationClient(known->name, std::move(endpoint), cancel));
}

Result<StationJob> StationClient::jobFrom(const Result<QJsonValue> &answer) const
{
    if (!answer)
        return answer.error();
    StationJob job = StationRecords::jobFrom(answer->toObject());
    if (job.id <= 0)
        return Error::failure(tr("Station %1 answered without a job.").arg(m_station));
    return job;
}

Result<QList<StationDrive>> StationClient::drives()
{
    const Result<QJsonValue> answer = m_client.get(QStringLiteral("station/drives"));
    if (!answer)
        return answer.error();
    QList<StationDrive> drives;
    for (const QJsonValue &value : answer->toObject().value(QStringLiteral("drives")).toArray()) {
        const QJsonObject o = value.toObject();
        const QJsonObject media = o.value(QStringLiteral("media")).toObject();
        StationDrive drive;
        drive.drive = { o.value(QStringLiteral("drive")).toString(), o.value(QStringLiteral("vendor")).toString(),
                        o.value(QStringLiteral("product")).toString() };
        drive.media.profile = media.value(QStringLiteral("profile")).toString();
        drive.media.erasable = media.value(QStringLiteral("erasable")).toBool();
        drive.media.freeBytes = media.value(QStringLiteral("free")).toInteger();
        drive.media.usedBytes = media.value(QStringLiteral("used")).toInteger();
        drive.media.imageFile = media.value(QStringLiteral("image_file")).toBool();
        drive.media.status = DiscMedia::statusNamed(media.value(QStringLiteral("state")).toString());
        drive.problem = o.value(QStringLiteral("problem")).toString();
        drives.append(drive);
    }
    return drives;
}

Result<StationJob> StationClient::submit(const QJsonObject &request)
{
    return jobFrom(m_client.post(QStringLiteral("station/jobs"), request));
}

Result<StationJob> StationClient::job(qint64 id)
{
    return jobFrom(m_client.get(QStringLiteral("station/jobs/%1").arg(id)));
}

Result<QList<StationJob>> StationClient::jobs()
{
    const Result<QJsonValue> answer = m_client.get(QStringLiteral("station/jobs"));
    if (!answer)
        return answer.error();
    QList<StationJob> jobs;
    for (const QJsonValue &value : answer->toObject().value(QStringLiteral("jobs")).toArray())
        jobs.append(StationRecords::jobFrom(value.toObject()));
    return jobs;
}

Result<StationJob> StationClient::cancel(qint64 id)
{
    return jobFrom(m_client.post(QStringLiteral("station/jobs/%1/cancel").arg(id), {}));
}

Result<StationJob> StationClient::reject(qint64 id, const QString &why)
{
    return jobFrom(m_client.post(QStringLiteral("station/jobs/%1/reject").arg(id),
                                 { { QStringLiteral("message"), why } }));
}

} // namespace Keepsake
