// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExpirySweep.h"

#include "RetentionLog.h"
#include "SweepCandidates.h"
#include "base/Clock.h"
#include "base/Time.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>


namespace Keepsake {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Keepsake::ExpirySweep", text, disambiguation, n);
}

const char *const DryRunMarker = "keepsake-dry-run";

QString day(const QDate &date)
{
    return QLocale().toString(date, QStringLiteral("d MMM yyyy"));
}

} // namespace

QString SweepChange::actionName(Action action)
{
    switch (action) {
    case Action::Notice: return QStringLiteral("notice");
    case Action::LateNotice: return QStringLiteral("late_notice");
    case Action::Expire: return QStringLiteral("expire");
    case Action::Cap: return QStringLiteral("cap");
    case Action::Wait: return QStringLiteral("wait");
    }
    return {};
}

Result<SweepReport> ExpirySweep::run(bool dryRun, const QString &actor)
{
    QElapsedTimer timer;
    timer.start();
    m_now = m_clock.now();
    m_today = m_now.toLocalTime().date();
    const Result<int> noticeDays = Settings(m_catalog).intValue(QStringLiteral("notice.days_before"));
    if (!noticeDays)
        return noticeDays.error();
    m_noticeDays = *noticeDays;
    SweepReport report;
    report.dryRun = dryRun;
    const SweepRoom room(m_catalog.db(), m_catalog.isPostgres());
    const Status status = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (Status turn = SweepStatements(db).takeTurn(m_catalog.isPostgres()); !turn)
            return turn;
        if (m_turnHook)
            m_turnHook();
        const Result<NoticeComposer::LabFacts> lab = NoticeComposer::labFacts(db);
        if (!lab)
            return lab.error();
        NoticeComposer composer(*lab);
        Pass pass { db, report, NoticeOutbox(db, composer), SweepStatements(db), actor };
        if (Status swept = sweep(pass); !swept)
            return swept;
        if (dryRun)
            return Error::cancelled(QString::fromLatin1(DryRunMarker));
        return Status::success();
    });
    if (!status && status.error().message() != QLatin1String(DryRunMarker))
        return status.error();
    report.seconds = double(timer.nsecsElapsed()) / 1e9;
    qCInfo(lcRetention) << "Sweep:" << report.notices << "notices," << report.expired << "expired,"
                        << report.waiting << "waiting in" << report.seconds << "s" << (dryRun ? "(dry run)" : "");
    return report;
}

Status ExpirySweep::sweep(Pass &pass)
{
    if (Status status = applyCaps(pass); !status)
        return status;
    const Result<SweepCandidates> albums = SweepCandidates::read(pass.db, m_today, m_noticeDays, pass.report.dryRun);
    if (!albums)
        return albums.error();
    pass.report.waiting = albums->waiting;
    for (const SweepCandidate &album : albums->albums) {
        const bool noticed = album.state == QLatin1String("expiring") && album.noticeIssued.isValid();
        if (!noticed) {
            if (Status status = notice(pass, album); !status)
                return status;
            continue;
        }
        const QDate noticeDay = album.noticeIssued.toLocalTime().date();
        if (m_today > album.expires && noticeDay.addDays(m_noticeDays) <= m_today) {
            if (Status status = expire(pass, album); !status)
                return status;
            continue;
        }
        ++pass.report.waiting;
        if (!pass.report.dryRun)
            continue;   // nothing changes; only a dry run lists them
        SweepChange wait { SweepChange::Action::Wait, album.id, album.title, album.owner.code, album.photos,
                           album.state, album.state, album.expires, album.expires,
                           tr("expires on %1: owner and viewers were told on %2").arg(day(album.expires), day(noticeDay)), {} };
        pass.report.changes.append(wait);
    }
    return Status::success();
}

Status ExpirySweep::notice(Pass &pass, const SweepCandidate &album)
{
    const QDate earliest = m_today.addDays(m_noticeDays);
    const bool late = album.expires < earliest;
    const QDate date = late ? earliest : album.expires;
    const Status marked = late ? pass.sql.markNoticedLate(album.id, date, m_now) : pass.sql.markNoticed(album.id, m_now);
    if (!marked)
        return marked;
    NoticeEvent event;
    event.albumId = album.id;
    event.kind = NoticeEvent::Kind::Expiring;
    event.date = date;
    if (late)
        event.movedFrom = album.expires;
    const NoticeAlbum about { album.id, album.title, album.owner.name, album.photos };
    const Result<QList<NoticeRecipient>> told = pass.outbox.issue(event, about, QList<NoticeRecipient> { album.owner } + album.viewers, m_now);
    if (!told)
        return told.error();
    QJsonArray who;
    for (const NoticeRecipient &r : *told)
        who.append(r.text());
    QJsonObject details { { QStringLiteral("date"), toCatalogDate(date) }, { QStringLiteral("recipients"), who },
                          { QStringLiteral("photos"), album.photos } };
    QString reason = tr("expires on %1: notice window of %n day(s) reached", nullptr, m_noticeDays).arg(day(date));
    if (late) {
        details.insert(QStringLiteral("moved_from"), toCatalogDate(album.expires));
        details.insert(QStringLiteral("why"), tr("the notice went out less than %n day(s) ahead; the date moved so that "
                                                 "owner and viewers get the full notice", nullptr, m_noticeDays));
        reason = album.expires < m_today
            ? tr("was due on %1 but nobody had been told: notice issued today, date moved to %2 (%n day(s) "
                 "notice)", nullptr, m_noticeDays).arg(day(album.expires), day(date))
            : tr("due on %1, less than %n day(s) away, and nobody had been told: notice issued today, date "
                 "moved to %2", nullptr, m_noticeDays).arg(day(album.expires), day(date));
    }
    if (Status status = pass.sql.audit({ 0, m_now, pass.actor, QStringLiteral("notice_issued"), album.owner.customerId,
                                         album.id, details }); !status)
        return status;
    pass.report.changes.append({ late ? SweepChange::Action::LateNotice : SweepChange::Action::Notice, album.id,
                                 album.title, album.owner.code, album.photos, album.state, QStringLiteral("expiring"),
                                 album.expires, date, reason, *told });
    ++pass.report.notices;
    return Status::success();
}

Status ExpirySweep::expire(Pass &pass, const SweepCandidate &album)
{
    if (Status status = pass.sql.markExpired(album.id); !status)
        return status;
    const QDate noticeDay = album.noticeIssued.toLocalTime().date();
    const QJsonObject details { { QStringLiteral("date"), toCatalogDate(album.expires) },
                                { QStringLiteral("notice_issued_at"), toCatalogTime(album.noticeIssued) } };
    if (Status status = pass.sql.audit({ 0, m_now, pass.actor, QStringLiteral("expire"), album.owner.customerId,
                                         album.id, details }); !status)
        return status;
    pass.report.changes.append({ SweepChange::Action::Expire, album.id, album.title, album.owner.code, album.photos,
                                 album.state, QStringLiteral("expired"), album.expires, album.expires,
                                 tr("expired at the end of %1; owner and viewers were told on %2; waits for its disc")
                                     .arg(day(album.expires), day(noticeDay)), {} });
    ++pass.report.expired;
    return Status::success();
}

} // namespace Keepsake
