// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumLife.h"

#include "RetentionLog.h"
#include "RetentionRules.h"
#include "base/Time.h"
#include "catalog/Albums.h"
#include "catalog/AuditLog.h"
#include "catalog/SqlQuery.h"
#include "notify/NoticeOutbox.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumLife)
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::AlbumLife", text);
}

struct AlbumFacts
{
    qint64 id = 0;
    qint64 ownerId = 0;
    QString title;
    QString state;
    QDate expires;
    QDate handedIn;
    QDate lastViewed;
    QString expirySource;
    QDateTime recordedAt;
    QDate planEnds;
    RetentionRule rule;
};

Result<AlbumFacts> loadAlbum(const QSqlDatabase &db, qint64 albumId)
{
    SqlQuery query(db, QStringLiteral(
        "SELECT a.id, a.owner_id, a.title, a.state, a.expires_on, a.first_handin_at, a.last_viewed_at, "
        "a.recorded_at, c.plan_ends_on, a.rule_id, a.expiry_source FROM albums a JOIN customers c ON c.id = a.owner_id "
        "WHERE a.id = :id"));
    query.bind(QStringLiteral(":id"), albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(Tr::tr("There is no album %1. List the customer's albums with "
                                  "keepsakectl albums --customer CODE --all.").arg(albumId));
    AlbumFacts a;
    a.id = query.integer(0);
    a.ownerId = query.integer(1);
    a.title = query.text(2);
    a.state = query.text(3);
    a.expires = fromCatalogDate(query.text(4));
    a.handedIn = fromCatalogTime(query.text(5)).toLocalTime().date();
    a.lastViewed = fromCatalogTime(query.text(6)).toLocalTime().date();
    a.recordedAt = fromCatalogTime(query.text(7));
    a.planEnds = fromCatalogDate(query.text(8));
    a.expirySource = query.text(10);
    const Result<RetentionRule> rule = query.value(9).isNull() ? ruleForNewAlbums(db, a.ownerId)
                                                               : RetentionRules::byId(db, query.integer(9));
    if (!rule)
        return rule.error();
    a.rule = *rule;
    return a;
}

QDate dateByRule(const AlbumFacts &album, const RetentionRule &rule)
{
    const QDate from = rule.basis == RetentionRule::Basis::LastView && album.lastViewed.isValid()
                           ? album.lastViewed : album.handedIn;
    return AlbumLife::ruleDate(rule, from, album.planEnds);
}

// Sets state, date and what set it; clears the notice so that the next one is a new event.
Status setDate(const QSqlDatabase &db, const QDateTime &now, qint64 albumId, const QString &state,
               const QDate &date, const QString &source)
{
    SqlQuery update(db, QStringLiteral(
        "UPDATE albums SET state = :state, expires_on = :date, expiry_source = :source, "
        "expiry_set_at = :now, notice_issued_at = NULL WHERE id = :id"));
    update.bind(QStringLiteral(":state"), state)
        .bind(QStringLiteral(":date"), nullIfEmpty(date.isValid() ? toCatalogDate(date) : QString()))
        .bind(QStringLiteral(":source"), source)
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":id"), albumId);
    return update.exec();
}

// Moves the date by the album's rule and leaves state and notice as they are.
Status moveDate(const QSqlDatabase &db, const QDateTime &now, qint64 albumId, const QDate &date)
{
    SqlQuery update(db, QStringLiteral(
        "UPDATE albums SET expires_on = :date, expiry_source = 'rule', expiry_set_at = :now WHERE id = :id"));
    update.bind(QStringLiteral(":date"), toCatalogDate(date))
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":id"), albumId);
    return update.exec();
}

QJsonValue dateJson(const QDate &date)
{
    return date.isValid() ? QJsonValue(toCatalogDate(date)) : QJsonValue();
}

} // namespace

QDate AlbumLife::ruleDate(const RetentionRule &rule, const QDate &from, const QDate &planEnds)
{
    if (rule.basis == RetentionRule::Basis::Plan)
        return planEnds;
    return from.addDays(rule.keepDays);
}

Status AlbumLife::markRecorded(QSqlDatabase &db, const QDateTime &now, qint64 albumId,
                               const QString &discId, int sessionNumber,
                               const QString &pickupCode, const QString &actor)
{
    const Result<AlbumFacts> album = loadAlbum(db, albumId);
    if (!album)
        return album.error();
    if (album->state == QLatin1String("purged"))
        return Error::refused(tr("Album %1 (%2) was already deleted after recording.").arg(albumId).arg(album->title));
    SqlQuery update(db, QStringLiteral(
        "UPDATE albums SET state = 'recorded', recorded_at = :now, notice_issued_at = NULL WHERE id = :id"));
    update.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":id"), albumId);
    if (Status status = update.exec(); !status)
        return status;
    const QJsonObject details { { QStringLiteral("disc"), discId }, { QStringLiteral("session"), sessionNumber },
                                { QStringLiteral("pickup_code"), pickupCode },
                                { QStringLiteral("from_state"), album->state } };
    if (Status status = AuditLog::record(db, { 0, now, actor, QStringLiteral("record"), album->ownerId, albumId, details }); !status)
        return status;
    const Result<NoticeComposer::LabFacts> lab = NoticeComposer::labFacts(db);
    if (!lab)
        return lab.error();
    NoticeComposer composer(*lab);
    NoticeEvent event;
    event.albumId = albumId;
    event.kind = NoticeEvent::Kind::Recorded;
    event.date = now.toLocalTime().date();
    event.discId = discId;
    event.pickupCode = pickupCode;
    const Result<QList<NoticeRecipient>> told = NoticeOutbox(db, composer).issue(event, now);
    if (!told)
        return told.error();
    qCInfo(lcRetention) << "Album" << albumId << "recorded on" << discId << "session" << sessionNumber;
    return Status::success();
}

Status AlbumLife::extend(QSqlDatabase &db, const QDateTime &now, qint64 albumId, const QDate &until,
                         const QString &actor)
{
    const Result<AlbumFacts> album = loadAlbum(db, albumId);
    if (!album)
        return album.error();
    if (!albumWithinReach(album->state))
        return Error::refused(tr("Album %1 (%2) is %3; only albums that are not on disc yet can be "
                                 "extended. A recorded album in its grace period can be restored with "
                                 "keepsakectl album restore.").arg(albumId).arg(album->title, album->state));
    const QDate today = now.toLocalTime().date();
    if (!until.isValid() || until <= today)
        return Error::usage(tr("Album %1 can only be extended to a day after today (%2).")
                                .arg(albumId).arg(toCatalogDate(today)));
    if (Status status = setDate(db, now, albumId, QStringLiteral("active"), until, QStringLiteral("extended")); !status)
        return status;
    const QJsonObject details { { QStringLiteral("from"), dateJson(album->expires) },
                                { QStringLiteral("to"), toCatalogDate(until) },
                                { QStringLiteral("from_state"), album->state } };
    return AuditLog::record(db, { 0, now, actor, QStringLiteral("extend"), album->ownerId, albumId, details });
}

Status AlbumLife::setRule(QSqlDatabase &db, const QDateTime &now, qint64 albumId,
                          const RetentionRule &rule, const QString &actor)
{
    const Result<AlbumFacts> album = loadAlbum(db, albumId);
    if (!album)
        return album.error();
    if (!albumWithinReach(album->state))
        return Error::refused(tr("Album %1 (%2) is %3; its rule no longer matters.")
                                  .arg(albumId).arg(album->title, album->state));
    SqlQuery update(db, QStringLiteral("UPDATE albums SET rule_id = :rule WHERE id = :id"));
    update.bind(QStringLiteral(":rule"), rule.id).bind(QStringLiteral(":id"), albumId);
    if (Status status = update.exec(); !status)
        return status;
    const QDate date = dateByRule(*album, rule);
    if (Status status = setDate(db, now, albumId, QStringLiteral("active"), date, QStringLiteral("rule")); !status)
        return status;
    const QJsonObject details { { QStringLiteral("rule"), rule.name }, { QStringLiteral("from_rule"), album->rule.name },
                                { QStringLiteral("from"), dateJson(album->expires) }, { QStringLiteral("to"), dateJson(date) } };
    return AuditLog::record(db, { 0, now, actor, QStringLiteral("set_rule"), album->ownerId, albumId, details });
}

Status AlbumLife::restore(QSqlDatabase &db, const QDateTime &now, qint64 albumId, int graceDays,
                          const QString &actor)
{
    const Result<AlbumFacts> album = loadAlbum(db, albumId);
    if (!album)
        return album.error();
    if (album->state != QLatin1String("recorded"))
        return Error::refused(tr("Album %1 (%2) is %3; only a recorded album in its grace period can be "
                                 "restored.").arg(albumId).arg(album->title, album->state));
    // Claimed with the state it was read in: a purge that came first leaves no row to
    // change, and the restore is refused instead of bringing back an album whose files
    // are going (the purge holds the row to its commit).
    SqlQuery claim(db, QStringLiteral("UPDATE albums SET state = 'active', recorded_at = NULL "
                                      "WHERE id = :id AND state = 'recorded'"));
    claim.bind(QStringLiteral(":id"), albumId);
    if (Status status = claim.exec(); !status)
        return status;
    if (claim.affectedRows() != 1)
        return Error::refused(tr("Album %1 (%2) was purged or restored at the same moment; it can no longer be "
                                 "restored.").arg(albumId).arg(album->title));
    const QDate today = now.toLocalTime().date();
    AlbumFacts fromToday = *album;
    fromToday.handedIn = today;
    fromToday.lastViewed = today;
    const QDate date = dateByRule(fromToday, album->rule);
    if (Status status = setDate(db, now, albumId, QStringLiteral("active"), date, QStringLiteral("restored")); !status)
        return status;
    const QDateTime graceEnds = album->recordedAt.addDays(graceDays);
    const QJsonObject details { { QStringLiteral("recorded_at"), toCatalogTime(album->recordedAt) },
                                { QStringLiteral("grace_ended"), now > graceEnds },
                                { QStringLiteral("to"), dateJson(date) }, { QStringLiteral("rule"), album->rule.name } };
    return AuditLog::record(db, { 0, now, actor, QStringLiteral("restore"), album->ownerId, albumId, details });
}

Result<bool> AlbumLife::viewed(QSqlDatabase &db, const QDateTime &now, qint64 albumId, int noticeDays,
                              const QString &actor)
{
    const Result<AlbumFacts> album = loadAlbum(db, albumId);
    if (!album)
        return album.error();
    const bool living = album->state == QLatin1String("active") || album->state == QLatin1String("expiring");
    if (!living)
        return Error::refused(tr("Album %1 (%2) is %3: it waits for its disc or is on one, and a view no longer "
                                 "keeps it. The clerk can extend or restore it at the counter.")
                                  .arg(albumId).arg(album->title, album->state));
    SqlQuery seen(db, QStringLiteral("UPDATE albums SET last_viewed_at = :now WHERE id = :id"));
    seen.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":id"), albumId);
    if (Status status = seen.exec(); !status)
        return status.error();
    if (album->rule.basis != RetentionRule::Basis::LastView || album->expirySource == QLatin1String("cap"))
        return false;
    const QDate today = now.toLocalTime().date();
    const QDate date = AlbumLife::ruleDate(album->rule, today, album->planEnds);
    if (!date.isValid() || (album->expires.isValid() && date <= album->expires))
        return false;   // a view never brings a date forward
    // Still inside the notice window, the notice that went out stands: only the date moves.
    const bool keepNotice = album->state == QLatin1String("expiring") && date <= today.addDays(noticeDays);
    if (Status status = keepNotice ? moveDate(db, now, albumId, date) : setDate(db, now, albumId, QStringLiteral("active"),
                                                                             date, QStringLiteral("rule"));
        !status)
        return status.error();
    const QJsonObject details { { QStringLiteral("from"), dateJson(album->expires) }, { QStringLiteral("to"), dateJson(date) },
                                { QStringLiteral("from_state"), album->state }, { QStringLiteral("rule"), album->rule.name } };
    if (Status status = AuditLog::record(db, { 0, now, actor, QStringLiteral("view"), album->ownerId, albumId, details });
        !status)
        return status.error();
    qCInfo(lcRetention) << "Album" << albumId << "viewed: kept until" << date;
    return true;
}

} // namespace Keepsake
