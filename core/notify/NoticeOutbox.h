// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Notice.h"
#include "NoticeComposer.h"
#include "NoticeEvent.h"
#include "base/Error.h"
#include "catalog/SqlQuery.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include <optional>
#include <utility>

namespace Keepsake {

// Writes notice events with one row per recipient and channel, inside the caller's
// transaction (the same one as the state change that calls for them), so that a
// crash neither loses nor repeats a notice: the event is unique per (album, kind,
// date) and each recipient unique per event and channel. Its statements are
// prepared once per outbox, so a sweep issuing many events keeps one outbox.
class NoticeOutbox
{
public:
    NoticeOutbox(const QSqlDatabase &db, NoticeComposer &composer) : m_db(db), m_composer(composer) { }

    // The recipients told, or an empty list when this event was issued before.
    // Reads the album and its owner and viewers now.
    Result<QList<NoticeRecipient>> issue(const NoticeEvent &event, const QDateTime &now);
    // The same with the album and the people with permission now given by the caller
    // (a sweep reads them for all its albums at once).
    Result<QList<NoticeRecipient>> issue(const NoticeEvent &event, const NoticeAlbum &album,
                                         const QList<NoticeRecipient> &people, const QDateTime &now);
    // The owner and every viewer with permission now.
    Result<QList<NoticeRecipient>> recipients(qint64 albumId) const;

    // The viewers with permission now of every album the condition selects (SQL over
    // `albums a` with named parameters), by album, each list in the order granted.
    using Binding = std::pair<QString, QVariant>;
    static Result<QHash<qint64, QList<NoticeRecipient>>> viewersWhere(const QSqlDatabase &db,
                                                                      const QString &albumCondition,
                                                                      const QList<Binding> &bindings);

    // Mails to send: queued ones whose time has come (or all queued and failed ones
    // with `everything`), and any left `sending` by a run that was cut short.
    // With albumIds, only the mails about those albums.
    static Result<QList<Notice>> mailsToSend(const QSqlDatabase &db, const QDateTime &now, bool everything,
                                             const QList<qint64> &albumIds = {});
    static Result<QList<Notice>> mails(const QSqlDatabase &db, const QStringList &states,
                                       const QList<qint64> &albumIds = {});
    // The notices kept for a customer's terminals, newest first (the kiosk shows them
    // after sign-in; the network serves them to remote terminals).
    static Result<QList<Notice>> forTerminal(const QSqlDatabase &db, qint64 customerId, bool unreadOnly);
    // A person's terminal notices by their key ("c:42", "e:ADDRESS"), newest first; with
    // afterId, only those issued after that notice.
    static Result<QList<Notice>> forRecipient(const QSqlDatabase &db, const QString &recipientKey, bool unreadOnly,
                                              qint64 afterId);
    // The newest terminal notice's ID (0: none): what live pages watch.
    static Result<qint64> latestTerminalNotice(const QSqlDatabase &db);
    static Status markRead(const QSqlDatabase &db, qint64 noticeId, const QDateTime &now);

private:
    Result<NoticeAlbum> album(qint64 albumId) const;
    Status insertRow(qint64 eventId, const NoticeEvent &event, const NoticeRecipient &recipient,
                     const NoticeText &text, const QString &channel, const QDateTime &now, bool &inserted);

    const QSqlDatabase &m_db;
    NoticeComposer &m_composer;
    std::optional<SqlQuery> m_insertEvent;
    std::optional<SqlQuery> m_insertNotice;
};

} // namespace Keepsake
