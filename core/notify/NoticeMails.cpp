// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoticeMails.h"

#include "NoticeOutbox.h"
#include "NotifyLog.h"
#include "catalog/Catalog.h"

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

} // namespace Keepsake
