// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumStorage.h"

#include "AlbumLife.h"
#include "RetentionLog.h"
#include "RetentionRules.h"
#include "base/Clock.h"
#include "catalog/AlbumAccess.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"

namespace Keepsake {

Status AlbumStorage::extendBy(const Actor &actor, const QList<qint64> &albumIds, int days) const
{
    return extend(actor, albumIds, days, {});
}

Status AlbumStorage::extendUntil(const Actor &actor, const QList<qint64> &albumIds, const QDate &until) const
{
    return extend(actor, albumIds, 0, until);
}

// By `days` from each album's last day (or today), or until the day given.
Status AlbumStorage::extend(const Actor &actor, const QList<qint64> &albumIds, int days, const QDate &until) const
{
    const QDateTime now = m_clock.now();
    const QDate today = m_clock.today();
    const Status status = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        for (const qint64 albumId : albumIds) {
            const auto album = AlbumAccess::check(db, actor, albumId, AlbumAccess::Need::Change);
            if (!album)
                return album.error();
            const QDate from = album->expires.isValid() && album->expires > today ? album->expires : today;
            if (Status done = AlbumLife::extend(db, now, albumId, until.isValid() ? until : from.addDays(days),
                                                actor.auditText());
                !done)
                return done;
        }
        return Status::success();
    });
    if (status)
        qCInfo(lcRetention) << "Extended albums" << albumIds << "by" << actor.auditText();
    return status;
}

Status AlbumStorage::restore(const Actor &actor, const QList<qint64> &albumIds) const
{
    const Result<int> graceDays = Settings(m_catalog).intValue(QStringLiteral("grace.days"));
    if (!graceDays)
        return graceDays.error();
    const QDateTime now = m_clock.now();
    const Status status = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        for (const qint64 albumId : albumIds) {
            if (const auto album = AlbumAccess::check(db, actor, albumId, AlbumAccess::Need::LabOnly); !album)
                return album.error();
            if (Status done = AlbumLife::restore(db, now, albumId, *graceDays, actor.auditText()); !done)
                return done;
        }
        return Status::success();
    });
    if (status)
        qCInfo(lcRetention) << "Restored albums" << albumIds << "by" << actor.auditText();
    return status;
}

Status AlbumStorage::setRule(const Actor &actor, qint64 albumId, const QString &ruleName) const
{
    const QDateTime now = m_clock.now();
    const Status status = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (const auto album = AlbumAccess::check(db, actor, albumId, AlbumAccess::Need::LabOnly); !album)
            return album.error();
        const Result<RetentionRule> rule = RetentionRules::byName(db, ruleName);
        if (!rule)
            return rule.error();
        return AlbumLife::setRule(db, now, albumId, *rule, actor.auditText());
    });
    if (status)
        qCInfo(lcRetention).noquote() << "Album" << albumId << "has the rule" << ruleName << "by" << actor.auditText();
    return status;
}

} // namespace Keepsake
