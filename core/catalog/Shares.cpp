// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Shares.h"

#include "AuditLog.h"
#include "Customers.h"
#include "SqlQuery.h"
#include "base/MailAddress.h"
#include "base/Time.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Shares)
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::Shares", text);
}

struct AlbumOwner
{
    qint64 ownerId = 0;
    QString state;
};

Result<AlbumOwner> albumOwner(const QSqlDatabase &db, qint64 albumId)
{
    SqlQuery query(db, QStringLiteral("SELECT owner_id, state FROM albums WHERE id = :id"));
    query.bind(QStringLiteral(":id"), albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(Tr::tr("There is no album %1. List the customer's albums with "
                                  "keepsakectl albums --customer CODE.").arg(albumId));
    return AlbumOwner { query.integer(0), query.text(1) };
}

QJsonObject viewerJson(const Shares::Viewer &viewer)
{
    QJsonObject json;
    if (viewer.customerId)
        json.insert(QStringLiteral("viewer"), *viewer.customerId);
    else
        json.insert(QStringLiteral("email"), viewer.email);
    return json;
}

} // namespace

QString Share::viewerText() const
{
    if (!isCustomer())
        return email;
    return QStringLiteral("%1 (%2)").arg(viewerCode, viewerName);
}

QString Shares::Viewer::key() const
{
    return customerId ? QStringLiteral("c:%1").arg(*customerId)
                      : QStringLiteral("e:") + email.trimmed().toLower();
}

Result<Shares::Viewer> Shares::resolveViewer(const QSqlDatabase &db, const QString &codeOrEmail)
{
    const QString text = codeOrEmail.trimmed();
    Viewer viewer;
    if (text.contains(QLatin1Char('@'))) {
        if (const QString problem = MailAddress::problem(text); !problem.isEmpty())
            return Error::usage(problem);
        viewer.email = text;
        return viewer;
    }
    SqlQuery query(db, QStringLiteral("SELECT id FROM customers WHERE code_key = :key"));
    query.bind(QStringLiteral(":key"), Customers::codeKey(text));
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(tr("There is no customer with the code %1. Give a customer code "
                                  "or an e-mail address.").arg(text));
    viewer.customerId = query.integer(0);
    return viewer;
}

Status Shares::add(const QSqlDatabase &db, qint64 albumId, const Viewer &viewer,
                   const QDateTime &now, const QString &actor)
{
    const Result<AlbumOwner> album = albumOwner(db, albumId);
    if (!album)
        return album.error();
    if (viewer.customerId && *viewer.customerId == album->ownerId)
        return Error::usage(tr("Album %1 belongs to this customer already; share it with "
                               "somebody else.").arg(albumId));
    if (album->state == QLatin1String("purged"))
        return Error::refused(tr("Album %1 was deleted after recording; it cannot be shared.").arg(albumId));
    SqlQuery insert(db, QStringLiteral(
        "INSERT INTO shares (album_id, viewer_id, viewer_email, viewer_key, permission, granted_at, "
        "granted_by) VALUES (:album, :viewer, :email, :key, 'view', :now, :actor) "
        "ON CONFLICT (album_id, viewer_key) DO NOTHING"));
    insert.bind(QStringLiteral(":album"), albumId)
        .bind(QStringLiteral(":viewer"), viewer.customerId ? QVariant(*viewer.customerId) : QVariant(QMetaType(QMetaType::LongLong)))
        .bind(QStringLiteral(":email"), nullIfEmpty(viewer.email.trimmed()))
        .bind(QStringLiteral(":key"), viewer.key())
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":actor"), actor);
    if (Status status = insert.exec(); !status)
        return status;
    if (insert.affectedRows() == 0)
        return Status::success();   // already allowed: nothing changes, nothing to audit
    return AuditLog::record(db, { 0, now, actor, QStringLiteral("share"), album->ownerId, albumId,
                                  viewerJson(viewer) });
}

Status Shares::remove(const QSqlDatabase &db, qint64 albumId, const Viewer &viewer,
                      const QDateTime &now, const QString &actor)
{
    const Result<AlbumOwner> album = albumOwner(db, albumId);
    if (!album)
        return album.error();
    SqlQuery remove(db, QStringLiteral("DELETE FROM shares WHERE album_id = :album AND viewer_key = :key"));
    remove.bind(QStringLiteral(":album"), albumId).bind(QStringLiteral(":key"), viewer.key());
    if (Status status = remove.exec(); !status)
        return status;
    if (remove.affectedRows() == 0)
        return Error::notFound(tr("Album %1 is not shared with %2; see keepsakectl share list --album %1.")
                                   .arg(albumId).arg(viewer.customerId ? viewer.key() : viewer.email));
    return AuditLog::record(db, { 0, now, actor, QStringLiteral("unshare"), album->ownerId, albumId,
                                  viewerJson(viewer) });
}

Result<QList<Share>> Shares::ofAlbum(const QSqlDatabase &db, qint64 albumId)
{
    SqlQuery query(db, QStringLiteral(
        "SELECT s.id, s.album_id, s.viewer_id, c.code, c.name, "
        "CASE WHEN s.viewer_id IS NULL THEN s.viewer_email ELSE c.email END, c.language, "
        "s.granted_at, s.granted_by FROM shares s LEFT JOIN customers c ON c.id = s.viewer_id "
        "WHERE s.album_id = :album ORDER BY s.id"));
    query.bind(QStringLiteral(":album"), albumId);
    if (Status status = query.exec(); !status)
        return status.error();
    QList<Share> shares;
    while (query.next()) {
        Share share;
        share.id = query.integer(0);
        share.albumId = query.integer(1);
        if (!query.value(2).isNull())
            share.viewerId = query.integer(2);
        share.viewerCode = query.text(3);
        share.viewerName = query.text(4);
        share.email = query.text(5);
        share.language = query.text(6);
        share.grantedAt = fromCatalogTime(query.text(7));
        share.grantedBy = query.text(8);
        shares.append(share);
    }
    return shares;
}

} // namespace Keepsake
