// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExpirySweep.h"

#include "RetentionLog.h"
#include "base/Clock.h"
#include "base/Time.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"
#include "notify/NoticeOutbox.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <vector>

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

struct ExpirySweep::Candidate
{
    qint64 id = 0;
    qint64 ownerId = 0;
    QString title;
    QString ownerCode;
    QString state;
    QDate expires;
    QDateTime noticeIssued;
    int photos = 0;
};

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
    m_noticeDays = Settings(m_catalog).intValue(QStringLiteral("notice.days_before"));
    SweepReport report;
    report.dryRun = dryRun;
    const Status status = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        const Result<NoticeComposer::LabFacts> lab = NoticeComposer::labFacts(db);
        if (!lab)
            return lab.error();
        NoticeComposer composer(*lab);
        if (Status swept = sweep(db, report, composer, actor); !swept)
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

Status ExpirySweep::sweep(QSqlDatabase &db, SweepReport &report, NoticeComposer &composer, const QString &actor)
{
    if (Status status = applyCaps(db, report, actor); !status)
        return status;
    // The albums whose notice window is reached, with their photo counts.
    SqlQuery query(db, QStringLiteral(
        "SELECT a.id, a.owner_id, a.title, c.code, a.state, a.expires_on, a.notice_issued_at, count(p.id) "
        "FROM albums a JOIN customers c ON c.id = a.owner_id LEFT JOIN photos p ON p.album_id = a.id "
        "WHERE a.expires_on < :limit AND a.state IN ('active', 'expiring') "
        "GROUP BY a.id, a.owner_id, a.title, c.code, a.state, a.expires_on, a.notice_issued_at "
        "ORDER BY a.expires_on, a.id"));
    query.bind(QStringLiteral(":limit"), toCatalogDate(m_today.addDays(m_noticeDays + 1)));
    if (Status status = query.exec(); !status)
        return status;
    std::vector<Candidate> candidates;
    while (query.next()) {
        candidates.push_back({ query.integer(0), query.integer(1), query.text(2), query.text(3), query.text(4),
                               fromCatalogDate(query.text(5)), fromCatalogTime(query.text(6)),
                               int(query.integer(7)) });
    }
    for (const Candidate &album : candidates) {
        const bool noticed = album.state == QLatin1String("expiring") && album.noticeIssued.isValid();
        if (!noticed) {
            if (Status status = notice(db, album, report, composer, actor); !status)
                return status;
            continue;
        }
        const QDate noticeDay = album.noticeIssued.toLocalTime().date();
        if (m_today > album.expires && noticeDay.addDays(m_noticeDays) <= m_today) {
            if (Status status = expire(db, album, report, actor); !status)
                return status;
            continue;
        }
        ++report.waiting;
        if (!report.dryRun)
            continue;   // nothing changes; only a dry run lists them
        SweepChange wait { SweepChange::Action::Wait, album.id, album.title, album.ownerCode, album.photos,
                           album.state, album.state, album.expires, album.expires,
                           tr("expires on %1: owner and viewers were told on %2").arg(day(album.expires), day(noticeDay)), {} };
        report.changes.append(wait);
    }
    return Status::success();
}

Status ExpirySweep::notice(QSqlDatabase &db, const Candidate &album, SweepReport &report,
                           NoticeComposer &composer, const QString &actor)
{
    const QDate earliest = m_today.addDays(m_noticeDays);
    const bool late = album.expires < earliest;
    const QDate date = late ? earliest : album.expires;
    SqlQuery update(db, late
        ? QStringLiteral("UPDATE albums SET state = 'expiring', notice_issued_at = :now, expires_on = :date, "
                         "expiry_source = 'notice', expiry_set_at = :now2 WHERE id = :id")
        : QStringLiteral("UPDATE albums SET state = 'expiring', notice_issued_at = :now WHERE id = :id"));
    update.bind(QStringLiteral(":now"), toCatalogTime(m_now)).bind(QStringLiteral(":id"), album.id);
    if (late)
        update.bind(QStringLiteral(":date"), toCatalogDate(date)).bind(QStringLiteral(":now2"), toCatalogTime(m_now));
    if (Status status = update.exec(); !status)
        return status;
    NoticeEvent event;
    event.albumId = album.id;
    event.kind = NoticeEvent::Kind::Expiring;
    event.date = date;
    if (late)
        event.movedFrom = album.expires;
    const Result<QList<NoticeRecipient>> told = NoticeOutbox(db, composer).issue(event, m_now);
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
    if (Status status = AuditLog::record(db, { 0, m_now, actor, QStringLiteral("notice_issued"), album.ownerId,
                                               album.id, details }); !status)
        return status;
    report.changes.append({ late ? SweepChange::Action::LateNotice : SweepChange::Action::Notice, album.id,
                            album.title, album.ownerCode, album.photos, album.state, QStringLiteral("expiring"),
                            album.expires, date, reason, *told });
    ++report.notices;
    return Status::success();
}

Status ExpirySweep::expire(QSqlDatabase &db, const Candidate &album, SweepReport &report, const QString &actor)
{
    SqlQuery update(db, QStringLiteral("UPDATE albums SET state = 'expired' WHERE id = :id AND state = 'expiring'"));
    update.bind(QStringLiteral(":id"), album.id);
    if (Status status = update.exec(); !status)
        return status;
    const QDate noticeDay = album.noticeIssued.toLocalTime().date();
    const QJsonObject details { { QStringLiteral("date"), toCatalogDate(album.expires) },
                                { QStringLiteral("notice_issued_at"), toCatalogTime(album.noticeIssued) } };
    if (Status status = AuditLog::record(db, { 0, m_now, actor, QStringLiteral("expire"), album.ownerId, album.id,
                                               details }); !status)
        return status;
    report.changes.append({ SweepChange::Action::Expire, album.id, album.title, album.ownerCode, album.photos,
                            album.state, QStringLiteral("expired"), album.expires, album.expires,
                            tr("expired at the end of %1; owner and viewers were told on %2; waits for its disc")
                                .arg(day(album.expires), day(noticeDay)), {} });
    ++report.expired;
    return Status::success();
}

} // namespace Keepsake
