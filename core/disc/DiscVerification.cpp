// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscVerification.h"

#include "ChainKeys.h"
#include "DiscLog.h"
#include "DiscManifest.h"
#include "DiscRecord.h"
#include "base/Time.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"

#include <QJsonArray>

namespace Keepsake {

Result<DiscVerification::Outcome> DiscVerification::run(DiscDrive &drive, const DiscProgress &progress,
                                                        const QDateTime &now) const
{
    if (!m_actor.actsForLab())
        return Error::refused(tr("Only the lab verifies discs."));
    Outcome outcome;
    outcome.read = drive.verify(progress);
    if (outcome.read.cancelled)
        return Error::cancelled(tr("Verification cancelled; nothing was recorded."));
    if (outcome.read.readError)
        return Error::failure(tr("The disc could not be read back: %1. Nothing was recorded; clean the disc and "
                                 "try again.").arg(outcome.read.message));
    const QString jsonPath = QLatin1Char('/') + DiscManifest::jsonName();
    if (!drive.exists(jsonPath)) {
        outcome.notOurs = tr("the disc has no Keepsake manifest");
        return outcome;
    }
    const Result<QByteArray> json = drive.readFile(jsonPath);
    const Result<QByteArray> signature = drive.readFile(QLatin1Char('/') + DiscManifest::signatureName());
    const Result<QList<LabKey>> keys = ChainKeys::trusted(m_lab);
    if (!keys)
        return keys.error();
    if (!json || !signature) {
        outcome.listed.bad << tr("%1: the manifest cannot be read").arg(DiscManifest::jsonName());
        return outcome;
    }
    const Result<DiscManifest> manifest = DiscManifest::readSigned(*json, *signature, *keys);
    if (!manifest) {
        // Another lab's disc is checked all the same; the catalog knows nothing of it.
        const Result<DiscManifest> unsigned_ = DiscManifest::fromJson(*json);
        if (!unsigned_) {
            outcome.listed.bad << tr("%1: %2").arg(DiscManifest::jsonName(), unsigned_.error().message());
            return outcome;
        }
        outcome.discId = unsigned_->discId;
        outcome.listed = DiscCheck::manifestMd5s(drive, *unsigned_);
        outcome.notOurs = manifest.error().message();
        return outcome;
    }
    outcome.discId = manifest->discId;
    outcome.lastSession = manifest->sessions.isEmpty() ? 0 : manifest->sessions.last().number;
    outcome.listed = DiscCheck::manifestMd5s(drive, *manifest);
    if (Status status = record(outcome, now); !status)
        return status.error();
    return outcome;
}

Status DiscVerification::record(Outcome &outcome, const QDateTime &now) const
{
    const Result<std::optional<qint64>> owner = DiscRecord::owner(m_lab.catalog(), outcome.discId);
    if (!owner)
        return owner.error();
    if (!owner->has_value()) {
        outcome.notOurs = tr("the catalog records no disc %1").arg(outcome.discId);
        return Status::success();
    }
    const bool ok = outcome.ok();
    return m_lab.catalog().transaction([&](QSqlDatabase &db) -> Status {
        // Only the sessions this read saw: one appended by a burn meanwhile keeps its own verification.
        SqlQuery mark(db, QStringLiteral("UPDATE disc_sessions SET verified_at = :at WHERE disc_id = :disc "
                                         "AND number <= :last"));
        mark.bind(QStringLiteral(":at"), nullIfEmpty(ok ? toCatalogTime(now) : QString()))
            .bind(QStringLiteral(":disc"), outcome.discId)
            .bind(QStringLiteral(":last"), outcome.lastSession);
        if (Status status = mark.exec(); !status)
            return status;
        outcome.sessionsMarked = mark.affectedRows();
        QJsonArray bad;
        for (const QString &file : outcome.mismatches())
            bad.append(file);
        AuditEntry entry;
        entry.at = now;
        entry.actor = m_actor.auditText();
        entry.action = ok ? QStringLiteral("disc_verified") : QStringLiteral("disc_verify_failed");
        entry.customerId = **owner;
        entry.details = { { QStringLiteral("disc"), outcome.discId }, { QStringLiteral("files"), outcome.read.files },
                          { QStringLiteral("mismatches"), bad } };
        qCInfo(lcDisc) << "Disc" << outcome.discId << (ok ? "verified" : "failed verification") << "by"
                       << entry.actor;
        return AuditLog::record(db, entry);
    });
}

} // namespace Keepsake
