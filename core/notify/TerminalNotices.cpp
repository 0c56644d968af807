// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TerminalNotices.h"

#include "NoticeOutbox.h"
#include "NotifyLog.h"
#include "base/Clock.h"
#include "catalog/AlbumAccess.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"

namespace Keepsake {

Result<QList<Notice>> TerminalNotices::forCustomer(const Actor &actor, qint64 customerId, bool unreadOnly) const
{
    const QSqlDatabase db = m_catalog.db();
    if (Status allowed = AlbumAccess::checkCustomer(db, actor, customerId, AlbumAccess::Need::Read); !allowed)
        return allowed.error();
    Result<QList<Notice>> notices = NoticeOutbox::forTerminal(db, customerId, unreadOnly);
    if (!notices)
        return notices;
    // A recorded album stays in its grace period for grace.days: then its copy is deleted.
    const Result<int> graceDays = Settings(m_catalog).intValue(QStringLiteral("grace.days"));
    for (Notice &notice : *notices) {
        if (notice.kind == NoticeEvent::Kind::Recorded && graceDays && notice.eventDate.isValid())
            notice.copyDeletedOn = notice.eventDate.addDays(*graceDays);
    }
    return notices;
}

Result<QList<Notice>> TerminalNotices::forSelf(const Actor &actor, bool unreadOnly, qint64 afterId) const
{
    const QString key = actor.viewerKey();
    if (key.isEmpty())
        return Error::refused(tr("%1 has no notices of their own.").arg(actor.describe()));
    Result<QList<Notice>> notices = NoticeOutbox::forRecipient(m_catalog.db(), key, unreadOnly, afterId);
    if (!notices)
        return notices;
    const Result<int> graceDays = Settings(m_catalog).intValue(QStringLiteral("grace.days"));
    for (Notice &notice : *notices) {
        if (notice.kind == NoticeEvent::Kind::Recorded && graceDays && notice.eventDate.isValid())
            notice.copyDeletedOn = notice.eventDate.addDays(*graceDays);
    }
    return notices;
}

Status TerminalNotices::markRead(const Actor &actor, qint64 noticeId) const
{
    const QDateTime now = m_clock.now();
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        SqlQuery owner(db, QStringLiteral(
            "SELECT customer_id, recipient_key FROM notices WHERE id = :id AND channel = 'terminal'"));
        owner.bind(QStringLiteral(":id"), noticeId);
        if (Status status = owner.exec(); !status)
            return status;
        if (!owner.next())
            return Error::notFound(tr("There is no notice %1 for a terminal; show the customer's notices again "
                                      "and choose one of them.").arg(noticeId));
        const bool byAddress = owner.value(0).isNull();
        const qint64 customerId = owner.integer(0);
        const QString key = owner.text(1);
        owner.finish();
        // A viewer known only by address reads the notices addressed to them.
        if (byAddress && !actor.actsForLab() && actor.viewerKey() != key)
            return Error::refused(tr("%1 may not mark notice %2 read: it is somebody else's.")
                                      .arg(actor.describe()).arg(noticeId));
        if (!byAddress) {
            if (Status allowed = AlbumAccess::checkCustomer(db, actor, customerId, AlbumAccess::Need::Change); !allowed)
                return allowed;
        }
        if (Status status = NoticeOutbox::markRead(db, noticeId, now); !status)
            return status;
        qCDebug(lcNotify) << "Notice" << noticeId << "for" << key << "read";
        return Status::success();
    });
}

} // namespace Keepsake
