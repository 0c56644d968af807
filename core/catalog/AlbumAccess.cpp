// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumAccess.h"

#include "Albums.h"
#include "CatalogLog.h"
#include "SqlQuery.h"
#include "base/Time.h"

namespace Keepsake {

namespace {

// The customer's code, for messages; the ID when it cannot be read.
QString customerText(const QSqlDatabase &db, qint64 customerId)
{
    SqlQuery query(db, QStringLiteral("SELECT code FROM customers WHERE id = :id"));
    query.bind(QStringLiteral(":id"), customerId);
    if (!query.exec() || !query.next())
        return QString::number(customerId);
    return query.text(0);
}

Result<bool> sharedWith(const QSqlDatabase &db, const Actor &actor, qint64 albumId)
{
    SqlQuery query(db, QStringLiteral("SELECT 1 FROM shares WHERE album_id = :album AND viewer_key = :key"));
    query.bind(QStringLiteral(":album"), albumId).bind(QStringLiteral(":key"), actor.viewerKey());
    return query.execFindsRow();
}

Error refusal(const Actor &actor, const QString &text)
{
    qCInfo(lcCatalog).noquote() << "Refused" << actor.auditText() << "-" << text;
    return Error::refused(text);
}

} // namespace

Result<AlbumAccess::Album> AlbumAccess::check(const QSqlDatabase &db, const Actor &actor, qint64 albumId, Need need)
{
    SqlQuery query(db, QStringLiteral("SELECT id, owner_id, title, state, expires_on FROM albums WHERE id = :id"));
    query.bind(QStringLiteral(":id"), albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(tr("There is no album %1. List the customer's albums with "
                                  "keepsakectl albums --customer CODE.").arg(albumId));
    const Album album { query.integer(0), query.integer(1), query.text(2), query.text(3),
                        fromCatalogDate(query.text(4)) };
    if (Status allowed = decide(db, actor, album, need); !allowed)
        return allowed.error();
    return album;
}

Status AlbumAccess::decide(const QSqlDatabase &db, const Actor &actor, const Album &album, Need need)
{
    if (actor.actsForLab())
        return Status::success();
    if (actor.kind() == Actor::Kind::Device)
        return refusal(actor, tr("Album %1 cannot be reached by %2: a device does not act on customers' albums. "
                                 "Its owner, signed in, or the clerk at the counter can.").arg(album.id).arg(actor.describe()));
    const QString who = actor.customerId() ? tr("customer %1").arg(customerText(db, actor.customerId()))
                                           : actor.describe();
    if (actor.isCustomer(album.ownerId)) {
        if (need == Need::LabOnly)
            return refusal(actor, tr("Album %1 (%2): only the lab can do this; %3 may ask at the counter.")
                                      .arg(album.id).arg(album.title, who));
        if (!albumWithinReach(album.state))
            return refusal(actor, tr("Album %1 (%2) went onto a disc and is no longer within reach here; "
                                     "%3 may ask at the counter about it.").arg(album.id).arg(album.title, who));
        return Status::success();
    }
    const Result<bool> shared = sharedWith(db, actor, album.id);
    if (!shared)
        return shared.error();
    if (!*shared || !albumWithinReach(album.state))
        return refusal(actor, tr("Album %1 is not shared with %2 (or no longer): only its owner and the "
                                 "people they share it with can see it. Ask its owner to share it.")
                                  .arg(album.id).arg(who));
    if (need != Need::Read)
        return refusal(actor, tr("Album %1 (%2) is shared with %3 to view only: only its owner or the clerk "
                                 "can change it.").arg(album.id).arg(album.title, who));
    return Status::success();
}

Status AlbumAccess::checkCustomer(const QSqlDatabase &db, const Actor &actor, qint64 customerId, Need need)
{
    if (actor.actsForLab())
        return Status::success();
    if (actor.isCustomer(customerId)) {
        if (need == Need::LabOnly)
            return refusal(actor, tr("The albums of customer %1 that went onto disc are shown at the counter "
                                     "only; ask the clerk there.").arg(customerText(db, customerId)));
        return Status::success();
    }
    const QString who = actor.customerId() ? tr("customer %1").arg(customerText(db, actor.customerId()))
                                           : actor.describe();
    return refusal(actor, tr("The albums and notices of customer %1 are theirs only: %2 may not see or change "
                             "them. Sign in as that customer, or ask at the counter.")
                              .arg(customerText(db, customerId), who));
}

} // namespace Keepsake
