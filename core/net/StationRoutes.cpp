// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceServer.h"
#include "ServiceRoutes.h"
#include "StationRecords.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "lab/Lab.h"
#include "station/StationJobs.h"
#include "station/StationRunner.h"

#include <QDir>
#include <QJsonArray>

#include <algorithm>

namespace Keepsake::ServiceRoutes {

namespace {

using Method = QHttpServerRequest::Method;
using Access = DeviceServer::Access;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::StationRoutes)
};

ServiceReply drives(const Lab &lab, StationRunner &runner)
{
    QJsonArray items;
    for (const StationDrive &drive : runner.drives())
        items.append(StationRecords::drive(drive, lab.device()->name));
    return ServiceReply::object({ { QStringLiteral("station"), lab.device()->name }, { QStringLiteral("drives"), items } });
}

// A drive as the station names it: one of its drives, or an image file at an absolute
// path of its file system.
Status checkDrive(const Lab &lab, StationRunner &runner, const QString &drive)
{
    if (drive.startsWith(QLatin1String("stdio:"))) {
        if (!QDir::isAbsolutePath(drive.mid(6)))
            return Error::usage(Tr::tr("An image file on station %1 is named by its absolute path there: "
                                       "stdio:/path/disc.iso, not %2.").arg(lab.device()->name, drive));
        return Status::success();
    }
    const QList<StationDrive> known = runner.drives();
    if (std::none_of(known.cbegin(), known.cend(), [&drive](const StationDrive &d) { return d.drive.address == drive; }))
        return Error::usage(Tr::tr("Station %1 has no drive %2: keepsakectl drives --station %1 lists its drives.")
                                .arg(lab.device()->name, drive));
    return Status::success();
}

Result<StationJobRequest> requestFrom(const Lab &lab, StationRunner &runner, ServiceRequest &request)
{
    const Result<QJsonObject> body = request.json();
    if (!body)
        return body.error();
    const Result<Customer> customer = Customers(lab.catalog()).byCode(body->value(QStringLiteral("customer")).toString());
    if (!customer)
        return customer.error();
    StationJobRequest job;
    job.stationId = lab.device()->id;
    job.requesterId = request.caller.device->id;
    job.customerId = customer->id;
    job.drive = body->value(QStringLiteral("drive")).toString();
    job.media = body->value(QStringLiteral("media")).toString();
    job.capacity = body->value(QStringLiteral("capacity")).toInteger();
    job.actor = body->value(QStringLiteral("actor")).toString();
    if (job.actor.isEmpty())
        job.actor = request.caller.describe();
    if (Status checked = checkDrive(lab, runner, job.drive); !checked)
        return checked.error();
    for (const QJsonValue &name : body->value(QStringLiteral("albums")).toArray()) {
        const QString text = name.isString() ? name.toString() : QString::number(name.toInteger());
        const Result<AlbumSummary> album = Albums(lab.catalog()).resolve(text, customer->id);
        if (!album)
            return album.error();
        if (album->ownerId != customer->id)
            return Error::usage(Tr::tr("Album %1 belongs to customer %2, not to %3.").arg(text, album->ownerCode, customer->code));
        job.albums.append(album->id);
    }
    return job;
}

ServiceReply submit(const Lab &lab, StationRunner &runner, ServiceRequest &request)
{
    const Result<StationJobRequest> asked = requestFrom(lab, runner, request);
    if (!asked)
        return ServiceReply::fail(asked.error());
    const Result<StationJob> job = StationJobs(lab.catalog()).add(*asked, lab.clock().now());
    if (!job)
        return ServiceReply::fail(job.error());
    runner.poke();
    const Result<StationJob> now = StationJobs(lab.catalog()).byId(job->id);
    return ServiceReply::object(StationRecords::job(now ? *now : *job), 201);
}

Result<StationJob> jobOf(const Lab &lab, const ServiceRequest &request)
{
    bool ok = false;
    const qint64 id = request.captures.at(0).toLongLong(&ok);
    if (!ok)
        return Error::usage(Tr::tr("A job is named by its number."));
    Result<StationJob> job = StationJobs(lab.catalog()).byId(id);
    if (job && job->stationId != lab.device()->id)
        return Error::notFound(Tr::tr("Job %1 is not a job of station %2, but of %3.").arg(id).arg(lab.device()->name, job->station));
    return job;
}

ServiceReply list(const Lab &lab)
{
    const Result<QList<StationJob>> jobs = StationJobs(lab.catalog()).list(lab.device()->id);
    if (!jobs)
        return ServiceReply::fail(jobs.error());
    QJsonArray items;
    for (const StationJob &job : *jobs)
        items.append(StationRecords::job(job));
    return ServiceReply::object({ { QStringLiteral("station"), lab.device()->name }, { QStringLiteral("jobs"), items } });
}

ServiceReply show(const Lab &lab, ServiceRequest &request)
{
    const Result<StationJob> job = jobOf(lab, request);
    if (!job)
        return ServiceReply::fail(job.error());
    return ServiceReply::object(StationRecords::job(*job, request.caller.isDevice()));
}

ServiceReply cancel(const Lab &lab, StationRunner &runner, ServiceRequest &request)
{
    const Result<StationJob> job = jobOf(lab, request);
    if (!job)
        return ServiceReply::fail(job.error());
    const Result<StationJob> cancelled = runner.cancel(job->id);
    if (!cancelled)
        return ServiceReply::fail(cancelled.error());
    return ServiceReply::object(StationRecords::job(*cancelled));
}

// The requester found the verified disc's report wrong: the job fails, its image goes.
ServiceReply reject(const Lab &lab, StationRunner &runner, ServiceRequest &request)
{
    const Result<StationJob> job = jobOf(lab, request);
    if (!job)
        return ServiceReply::fail(job.error());
    if (job->requesterId != request.caller.device->id)
        return ServiceReply::fail(Error::refused(Tr::tr("Only %1, which asked for job %2, can reject its disc.")
                                                     .arg(job->requester).arg(job->id)));
    const Result<QJsonObject> body = request.json();
    const QString why = body ? body->value(QStringLiteral("message")).toString() : QString();
    const Result<StationJob> rejected = runner.reject(job->id, why.isEmpty() ? Tr::tr("Rejected by %1.").arg(job->requester) : why);
    if (!rejected)
        return ServiceReply::fail(rejected.error());
    return ServiceReply::object(StationRecords::job(*rejected));
}

} // namespace

void addStation(DeviceServer &server, const Lab &lab, StationRunner &runner)
{
    server.route(Method::Get, QStringLiteral("station/drives"), Access::Clerk,
                 [&lab, &runner](ServiceRequest &) { return drives(lab, runner); });
    server.route(Method::Post, QStringLiteral("station/jobs"), Access::Device,
                 [&lab, &runner](ServiceRequest &request) { return submit(lab, runner, request); });
    server.route(Method::Get, QStringLiteral("station/jobs"), Access::Clerk,
                 [&lab](ServiceRequest &) { return list(lab); });
    server.route(Method::Get, QStringLiteral("station/jobs/{}"), Access::Clerk,
                 [&lab](ServiceRequest &request) { return show(lab, request); });
    server.route(Method::Post, QStringLiteral("station/jobs/{}/cancel"), Access::Clerk,
                 [&lab, &runner](ServiceRequest &request) { return cancel(lab, runner, request); });
    server.route(Method::Post, QStringLiteral("station/jobs/{}/reject"), Access::Device,
                 [&lab, &runner](ServiceRequest &request) { return reject(lab, runner, request); });
}

} // namespace Keepsake::ServiceRoutes
