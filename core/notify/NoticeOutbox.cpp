// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoticeOutbox.h"

#include "NotifyLog.h"
#include "base/Time.h"
#include "catalog/AuditLog.h"
#include "catalog/SqlQuery.h"


namespace Keepsake {

namespace {

const char *const NoticeColumns =
    "SELECT n.id, n.event_id, e.album_id, e.kind, e.event_date, n.channel, n.customer_id, n.email, "
    "n.role, n.subject, n.body, n.message_id, n.state, n.attempts, n.next_attempt_at, n.last_error, "
    "n.created_at, n.done_at, e.disc_id, e.pickup_code, a.title "
    "FROM notices n JOIN notice_events e ON e.id = n.event_id LEFT JOIN albums a ON a.id = e.album_id ";

Result<QList<Notice>> selectNotices(SqlQuery &query)
{
    if (Status status = query.exec(); !status)
        return status.error();
    QList<Notice> notices;
    while (query.next()) {
        Notice n;
        n.id = query.integer(0);
        n.eventId = query.integer(1);
        n.albumId = query.integer(2);
        n.kind = NoticeEvent::kindFromName(query.text(3)).value_or(NoticeEvent::Kind::Expiring);
        n.eventDate = fromCatalogDate(query.text(4));
        n.channel = query.text(5);
        if (!query.value(6).isNull())
            n.customerId = query.integer(6);
        n.email = query.text(7);
        n.role = query.text(8);
        n.subject = query.text(9);
        n.body = query.text(10);
        n.messageId = query.text(11);
        n.state = query.text(12);
        n.attempts = query.value(13).toInt();
        n.nextAttempt = fromCatalogTime(query.text(14));
        n.lastError = query.text(15);
        n.createdAt = fromCatalogTime(query.text(16));
        n.doneAt = fromCatalogTime(query.text(17));
        n.discId = query.text(18);
        n.pickupCode = query.text(19);
        n.albumTitle = query.text(20);
        notices.append(n);
    }
    return notices;
}

QString recipientKey(const QString &channel, const NoticeRecipient &r)
{
    // A terminal notice of a viewer known only by address is theirs on the web page.
    if (channel == QLatin1String("mail") || !r.customerId)
        return QStringLiteral("e:") + r.email.trimmed().toLower();
    return QStringLiteral("c:%1").arg(*r.customerId);
}

// "AND e.album_id IN (:album0, ...) " for a narrowed query; nothing for all albums.
QString albumCondition(const QList<qint64> &albumIds)
{
    if (albumIds.isEmpty())
        return {};
    QStringList names;
    for (qsizetype i = 0; i < albumIds.size(); ++i)
        names << QStringLiteral(":album%1").arg(i);
    return QStringLiteral("AND e.album_id IN (%1) ").arg(names.join(QLatin1Char(',')));
}

void bindAlbums(SqlQuery &query, const QList<qint64> &albumIds)
{
    for (qsizetype i = 0; i < albumIds.size(); ++i)
        query.bind(QStringLiteral(":album%1").arg(i), albumIds.at(i));
}

} // namespace

Result<NoticeAlbum> NoticeOutbox::album(qint64 albumId) const
{
    SqlQuery query(m_db, QStringLiteral(
        "SELECT a.title, c.name, (SELECT count(*) FROM photos p WHERE p.album_id = a.id) "
        "FROM albums a JOIN customers c ON c.id = a.owner_id WHERE a.id = :album"));
    query.bind(QStringLiteral(":album"), albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(QStringLiteral("album %1").arg(albumId));
    return NoticeAlbum { albumId, query.text(0), query.text(1), int(query.integer(2)) };
}

Result<QList<NoticeRecipient>> NoticeOutbox::recipients(qint64 albumId) const
{
    SqlQuery query(m_db, QStringLiteral(
        "SELECT c.id, c.code, c.name, c.email, c.language FROM albums a "
        "JOIN customers c ON c.id = a.owner_id WHERE a.id = :album"));
    query.bind(QStringLiteral(":album"), albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    QList<NoticeRecipient> list;
    if (query.next()) {
        NoticeRecipient owner;
        owner.customerId = query.integer(0);
        owner.code = query.text(1);
        owner.name = query.text(2);
        owner.email = query.text(3).trimmed();
        owner.language = query.text(4);
        list.append(owner);
    }
    const auto viewers = viewersWhere(m_db, QStringLiteral("a.id = :album"), { { QStringLiteral(":album"), albumId } });
    if (!viewers)
        return viewers.error();
    return list + viewers->value(albumId);
}

Result<QHash<qint64, QList<NoticeRecipient>>> NoticeOutbox::viewersWhere(const QSqlDatabase &db,
                                                                         const QString &albumCondition,
                                                                         const QList<Binding> &bindings)
{
    SqlQuery query(db, QStringLiteral(
        "SELECT s.album_id, c.id, c.code, c.name, "
        "CASE WHEN s.viewer_id IS NULL THEN s.viewer_email ELSE c.email END, c.language "
        "FROM albums a JOIN shares s ON s.album_id = a.id LEFT JOIN customers c ON c.id = s.viewer_id "
        "WHERE %1 ORDER BY s.album_id, s.id").arg(albumCondition));
    for (const Binding &binding : bindings)
        query.bind(binding.first, binding.second);
    if (Status status = query.exec(); !status)
        return status.error();
    QHash<qint64, QList<NoticeRecipient>> viewers;
    while (query.next()) {
        NoticeRecipient r;
        r.role = NoticeRecipient::Role::Viewer;
        if (!query.value(1).isNull())
            r.customerId = query.integer(1);
        r.code = query.text(2);
        r.name = query.text(3);
        r.email = query.text(4).trimmed();
        r.language = query.text(5);
        viewers[query.integer(0)].append(r);
    }
    return viewers;
}

Status NoticeOutbox::insertRow(qint64 eventId, const NoticeEvent &event, const NoticeRecipient &recipient,
                               const NoticeText &text, const QString &channel, const QDateTime &now,
                               bool &inserted)
{
    const bool mail = channel == QLatin1String("mail");
    const QString key = recipientKey(channel, recipient);
    if (!m_insertNotice) {
        m_insertNotice.emplace(m_db, QStringLiteral(
            "INSERT INTO notices (event_id, channel, recipient_key, customer_id, email, role, language, "
            "subject, body, message_id, state, attempts, next_attempt_at, created_at) VALUES (:event, "
            ":channel, :key, :customer, :email, :role, :language, :subject, :body, :mid, :state, 0, "
            ":next, :now) ON CONFLICT (event_id, channel, recipient_key) DO NOTHING"));
    }
    SqlQuery &insert = *m_insertNotice;
    insert.bind(QStringLiteral(":event"), eventId)
        .bind(QStringLiteral(":channel"), channel)
        .bind(QStringLiteral(":key"), key)
        .bind(QStringLiteral(":customer"), recipient.customerId ? QVariant(*recipient.customerId) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":email"), nullIfEmpty(mail ? recipient.email : QString()))
        .bind(QStringLiteral(":role"), recipient.roleName())
        .bind(QStringLiteral(":language"), nullIfEmpty(recipient.language))
        .bind(QStringLiteral(":subject"), text.subject)
        .bind(QStringLiteral(":body"), mail && !text.mailBody.isEmpty() ? text.mailBody : text.body)
        .bind(QStringLiteral(":mid"), nullIfEmpty(mail ? m_composer.messageId(event, key) : QString()))
        .bind(QStringLiteral(":state"), mail ? QStringLiteral("queued") : QStringLiteral("stored"))
        .bind(QStringLiteral(":next"), nullIfEmpty(mail ? toCatalogTime(now) : QString()))
        .bind(QStringLiteral(":now"), toCatalogTime(now));
    if (Status status = insert.exec(); !status)
        return status;
    inserted = insert.affectedRows() > 0;
    return Status::success();
}

Result<QList<NoticeRecipient>> NoticeOutbox::issue(const NoticeEvent &event, const QDateTime &now)
{
    const Result<NoticeAlbum> about = album(event.albumId);
    if (!about)
        return about.error();
    const Result<QList<NoticeRecipient>> people = recipients(event.albumId);
    if (!people)
        return people.error();
    return issue(event, *about, *people, now);
}

Result<QList<NoticeRecipient>> NoticeOutbox::issue(const NoticeEvent &event, const NoticeAlbum &about,
                                                   const QList<NoticeRecipient> &people, const QDateTime &now)
{
    if (!m_insertEvent) {
        m_insertEvent.emplace(m_db, QStringLiteral(
            "INSERT INTO notice_events (album_id, kind, event_date, issued_at, photos, disc_id, pickup_code, "
            "moved_from) VALUES (:album, :kind, :date, :now, :photos, :disc, :pickup, :moved) "
            "ON CONFLICT (album_id, kind, event_date) DO NOTHING RETURNING id"));
    }
    SqlQuery &insert = *m_insertEvent;
    insert.bind(QStringLiteral(":album"), event.albumId)
        .bind(QStringLiteral(":kind"), NoticeEvent::kindName(event.kind))
        .bind(QStringLiteral(":date"), toCatalogDate(event.date))
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":photos"), about.photos)
        .bind(QStringLiteral(":disc"), nullIfEmpty(event.discId))
        .bind(QStringLiteral(":pickup"), nullIfEmpty(event.pickupCode))
        .bind(QStringLiteral(":moved"), nullIfEmpty(event.movedFrom.isValid() ? toCatalogDate(event.movedFrom) : QString()));
    if (Status status = insert.exec(); !status)
        return status.error();
    bool issuedNow = false;
    qint64 eventId = 0;
    while (insert.next()) {   // read whole before the next statement (PostgreSQL serves one at a time)
        issuedNow = true;
        eventId = insert.integer(0);
    }
    if (!issuedNow)
        return QList<NoticeRecipient>();   // issued before: everybody has it already
    QList<NoticeRecipient> told;
    for (const NoticeRecipient &r : people) {
        const NoticeText text = m_composer.compose(event, about, r);
        bool inserted = false;
        if (r.customerId || !r.email.isEmpty()) {
            if (Status status = insertRow(eventId, event, r, text, QStringLiteral("terminal"), now, inserted); !status)
                return status.error();
        }
        bool mailed = false;
        if (!r.email.isEmpty()) {
            if (Status status = insertRow(eventId, event, r, text, QStringLiteral("mail"), now, mailed); !status)
                return status.error();
        }
        if (inserted || mailed)
            told.append(r);
    }
    qCDebug(lcNotify) << "Notice" << NoticeEvent::kindName(event.kind) << "album" << event.albumId
                      << "for" << told.size() << "recipients";
    return told;
}

Result<QList<Notice>> NoticeOutbox::mailsToSend(const QSqlDatabase &db, const QDateTime &now, bool everything,
                                                const QList<qint64> &albumIds)
{
    // At least once, not at most once: a mail is marked `sending` before the SMTP
    // conversation and `sent` after it, in separate commits. A run cut off in between
    // (crash, power loss) cannot know whether the server took the mail, so a `sending`
    // row is sent again, with the same Message-ID (made from the notice), which lets
    // mail clients recognise the copy. Losing a notice is worse than repeating one.
    SqlQuery query(db, QString::fromLatin1(NoticeColumns) + (everything
        ? QStringLiteral("WHERE n.channel = 'mail' AND n.state IN ('queued', 'sending', 'failed') ")
        : QStringLiteral("WHERE n.channel = 'mail' AND (n.state = 'sending' OR (n.state = 'queued' "
                         "AND n.next_attempt_at <= :now)) ")) + albumCondition(albumIds) + QStringLiteral("ORDER BY n.id"));
    if (!everything)
        query.bind(QStringLiteral(":now"), toCatalogTime(now));
    bindAlbums(query, albumIds);
    return selectNotices(query);
}

Result<QList<Notice>> NoticeOutbox::mails(const QSqlDatabase &db, const QStringList &states, const QList<qint64> &albumIds)
{
    QStringList quoted;
    for (int i = 0; i < states.size(); ++i)
        quoted << QStringLiteral(":s%1").arg(i);
    SqlQuery query(db, QString::fromLatin1(NoticeColumns)
                           + QStringLiteral("WHERE n.channel = 'mail' AND n.state IN (%1) ").arg(quoted.join(QLatin1Char(',')))
                           + albumCondition(albumIds) + QStringLiteral("ORDER BY n.id"));
    for (int i = 0; i < states.size(); ++i)
        query.bind(quoted.at(i), states.at(i));
    bindAlbums(query, albumIds);
    return selectNotices(query);
}

Result<QList<Notice>> NoticeOutbox::forTerminal(const QSqlDatabase &db, qint64 customerId, bool unreadOnly)
{
    return forRecipient(db, QStringLiteral("c:%1").arg(customerId), unreadOnly, 0);
}

Result<QList<Notice>> NoticeOutbox::forRecipient(const QSqlDatabase &db, const QString &recipientKey, bool unreadOnly,
                                                 qint64 afterId)
{
    SqlQuery query(db, QString::fromLatin1(NoticeColumns)
                           + QStringLiteral("WHERE n.channel = 'terminal' AND n.recipient_key = :key AND n.id > :after %1 "
                                            "ORDER BY n.created_at DESC, n.id DESC")
                                 .arg(unreadOnly ? QStringLiteral("AND n.state = 'stored'") : QString()));
    query.bind(QStringLiteral(":key"), recipientKey).bind(QStringLiteral(":after"), afterId);
    return selectNotices(query);
}

Result<qint64> NoticeOutbox::latestTerminalNotice(const QSqlDatabase &db)
{
    SqlQuery query(db, QStringLiteral("SELECT max(id) FROM notices WHERE channel = 'terminal'"));
    if (Status status = query.exec(); !status)
        return status.error();
    const qint64 latest = query.next() ? query.integer(0) : 0;
    query.finish();
    return latest;
}

Status NoticeOutbox::markRead(const QSqlDatabase &db, qint64 noticeId, const QDateTime &now)
{
    SqlQuery update(db, QStringLiteral("UPDATE notices SET state = 'read', done_at = :now "
                                       "WHERE id = :id AND channel = 'terminal'"));
    update.bind(QStringLiteral(":now"), toCatalogTime(now)).bind(QStringLiteral(":id"), noticeId);
    return update.exec();
}

} // namespace Keepsake
