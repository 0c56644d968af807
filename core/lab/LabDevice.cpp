// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabDevice.h"

#include "DeviceIdentity.h"
#include "Lab.h"
#include "LabLog.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/ForwardQueue.h"
#include "catalog/SqlQuery.h"
#include "store/BlobStore.h"
#include "store/StoreLock.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>

namespace Keepsake {

Result<std::optional<Device>> LabDevice::registered(const QString &dataDir, const Catalog &catalog)
{
    const Result<DeviceIdentity> identity = DeviceIdentity::load(dataDir);
    if (!identity) {
        // Unreadable or half-made: this folder cannot tell which device it is. It then
        // works as a plain store, which deletes nothing a device of the chain holds.
        if (identity.error().kind() != Error::Kind::NotFound)
            qCWarning(lcLab).noquote() << identity.error().message();
        return std::optional<Device>();
    }
    const Result<Device> device = Devices(catalog).byFingerprint(identity->fingerprint());
    if (!device) {
        if (device.error().kind() != Error::Kind::NotFound)
            return device.error();
        qCInfo(lcLab) << "The device identity of" << dataDir << "is not registered in this catalog";
        return std::optional<Device>();
    }
    return std::optional<Device>(*device);
}

Result<QUrl> LabDevice::parseUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty() || url.port() <= 0
        || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()
        || !(url.path().isEmpty() || url.path() == QLatin1String("/")))
        return Error::usage(tr("The device URL \"%1\" is not usable: give https://HOST:PORT, the address its "
                               "terminals and the other devices reach it at, e.g. https://192.168.1.20:8443.")
                                .arg(text));
    return url.adjusted(QUrl::StripTrailingSlash);
}

Result<LabDevice::Initialized> LabDevice::init(const Lab &lab, const Actor &actor, const QString &name,
                                               const QString &urlText)
{
    if (!actor.actsForLab())
        return Error::refused(tr("Only the lab's clerk makes a data folder a device, not %1.").arg(actor.describe()));
    if (Status status = Devices::checkName(name); !status)
        return status.error();
    const Result<QUrl> url = parseUrl(urlText);
    if (!url)
        return url.error();
    const Devices devices(lab.catalog());
    if (lab.device())
        return Error::refused(tr("%1 is device %2 already. A data folder is one device; use another data folder for "
                                 "another device.").arg(lab.dataDir(), lab.device()->name));
    if (const Result<Device> taken = devices.byName(name); taken)
        return Error::refused(tr("There is already a device named %1 in this catalog (at %2). Choose another name.")
                                  .arg(taken->name, taken->url));
    Initialized done;
    // A key without its certificate is what a `device init` cut short leaves: never
    // registered (that comes after the certificate), so it is made anew.
    const QDir dir(lab.dataDir());
    if (QFile::exists(dir.filePath(DeviceIdentity::keyFileName()))
        && !QFile::exists(dir.filePath(DeviceIdentity::certificateFileName()))) {
        qCInfo(lcLab) << "Removing the key of a device identity that was never finished in" << lab.dataDir();
        QFile::remove(dir.filePath(DeviceIdentity::keyFileName()));
    }
    Result<DeviceIdentity> identity = DeviceIdentity::load(lab.dataDir());
    done.keptIdentity = identity.ok();
    if (!identity && identity.error().kind() == Error::Kind::NotFound)
        identity = DeviceIdentity::create(lab.dataDir(), name, url->host());
    if (!identity)
        return identity.error();
    const QString origin = url->toString();
    const Result<Device> added = devices.add({ 0, name, origin, identity->fingerprint(), identity->certificatePem(), {} },
                                             lab.clock().now());
    if (!added)
        return added.error();
    done.device = *added;
    const Result<int> adopted = adoptStoredPhotos(lab, added->id);
    if (!adopted)
        return adopted.error();
    done.adopted = *adopted;
    const QJsonObject details { { QStringLiteral("device"), name }, { QStringLiteral("url"), origin },
                                { QStringLiteral("fingerprint"), added->fingerprint },
                                { QStringLiteral("adopted"), done.adopted } };
    if (Status audited = AuditLog::record(lab.catalog().db(), { 0, lab.clock().now(), actor.auditText(),
                                                                QStringLiteral("device_add"), {}, {}, details });
        !audited)
        return audited.error();
    qCInfo(lcLab).noquote() << lab.dataDir() << "is device" << name << "at" << origin;
    return done;
}

// Photos from before the chain name no device; those whose files are in this store
// are this device's from now on (their files are here, so check finds them here).
Result<int> LabDevice::adoptStoredPhotos(const Lab &lab, qint64 deviceId)
{
    SqlQuery unnamed(lab.catalog().db(), QStringLiteral("SELECT DISTINCT sha256 FROM photos WHERE device_id IS NULL"));
    if (Status status = unnamed.exec(); !status)
        return status.error();
    QStringList here;
    while (unnamed.next()) {
        if (lab.store().contains(unnamed.text(0)))
            here.append(unnamed.text(0));
    }
    int adopted = 0;
    const Status status = lab.catalog().transaction([&](QSqlDatabase &db) -> Status {
        SqlQuery adopt(db, QStringLiteral("UPDATE photos SET device_id = :device WHERE device_id IS NULL AND sha256 = :sha"));
        for (const QString &sha : std::as_const(here)) {
            adopt.bind(QStringLiteral(":device"), deviceId).bind(QStringLiteral(":sha"), sha);
            if (Status done = adopt.exec(); !done)
                return done;
            adopted += adopt.affectedRows();
        }
        return Status::success();
    });
    if (!status)
        return status.error();
    return adopted;
}

Result<int> LabDevice::dropForwardedCopies(const Lab &lab, const QStringList &sha256s)
{
    if (!lab.device() || sha256s.isEmpty())
        return 0;
    const Result<StoreLock> lock = StoreLock::acquire(lab.store(), StoreLock::Mode::Exclusive);
    if (!lock)
        return lock.error();
    QStringList unneeded;
    for (const QString &sha256 : sha256s) {
        const Result<bool> needed = ForwardQueue(lab.catalog()).stillNeeded(lab.device()->id, sha256);
        if (!needed)
            return needed.error();
        if (!*needed && lab.store().contains(sha256) && !unneeded.contains(sha256))
            unneeded.append(sha256);
    }
    if (Status removed = lab.store().remove(unneeded); !removed)
        return removed.error();
    qCInfo(lcLab) << "Dropped the forwarded copies of" << unneeded;
    return int(unneeded.size());
}

} // namespace Keepsake
