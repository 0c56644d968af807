// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoticeMails.h"

#include "NoticeOutbox.h"
#include "NotifyLog.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"

namespace Keepsake {

Status NoticeMails::check(const Actor &actor) const
{
    if (actor.actsForLab())
        return Status::success();
    qCInfo(lcNotify).noquote() << "Refused the notice mails to" << actor.auditText();
    return Error::refused(tr("How the notice mails went is shown to the clerk only (they name every recipient), "
                             "not to %1; ask at the counter.").arg(actor.describe()));
}

Result<QHash<qint64, AlbumNotices>> NoticeMails::ofAlbums(const Actor &actor, const QList<qint64> &albumIds) const
{
    if (Status allowed = check(actor); !allowed)
        return allowed.error();
    QHash<qint64, AlbumNotices> byAlbum;
    for (const qint64 albumId : albumIds)
        byAlbum.insert(albumId, {});
    const Result<QList<Notice>> mails = NoticeOutbox::mails(m_catalog.db(), { QStringLiteral("queued"), QStringLiteral("sending"),
                                                                              QStringLiteral("sent"), QStringLiteral("failed") });
    if (!mails)
        return mails.error();
    for (const Notice &mail : *mails) {
        const auto found = byAlbum.find(mail.albumId);
        if (found == byAlbum.end())
            continue;
        if (mail.state == QLatin1String("sent")) {
            ++found->sent;
        } else if (mail.state == QLatin1String("failed")) {
            ++found->failed;
            found->failures << QStringLiteral("%1: %2").arg(mail.email, mail.lastError);
        } else {
            ++found->waiting;
        }
    }
    return byAlbum;
}

Result<QList<Notice>> NoticeMails::failed(const Actor &actor) const
{
    if (Status allowed = check(actor); !allowed)
        return allowed.error();
    return NoticeOutbox::mails(m_catalog.db(), { QStringLiteral("failed") });
}

Result<MailQueue> NoticeMails::queue(const Actor &actor) const
{
    if (Status allowed = check(actor); !allowed)
        return allowed.error();
    MailQueue queue;
    const Result<QString> host = Settings(m_catalog).value(QStringLiteral("smtp.host"));
    if (!host)
        return host.error();
    queue.noServer = host->trimmed().isEmpty();
    SqlQuery counts(m_catalog.db(), QStringLiteral(
        "SELECT state, count(*) FROM notices WHERE channel = 'mail' AND state IN ('queued', 'sending', 'failed') "
        "GROUP BY state"));
    if (Status status = counts.exec(); !status)
        return status.error();
    while (counts.next())
        (counts.text(0) == QLatin1String("failed") ? queue.failed : queue.waiting) += int(counts.integer(1));
    SqlQuery latest(m_catalog.db(), QStringLiteral(
        "SELECT last_error FROM notices WHERE channel = 'mail' AND state IN ('queued', 'failed') "
        "AND last_error IS NOT NULL AND last_error <> '' ORDER BY id DESC LIMIT 1"));
    if (Status status = latest.exec(); !status)
        return status.error();
    if (latest.next())
        queue.lastError = latest.text(0);
    latest.finish();
    return queue;
}

} // namespace Keepsake
