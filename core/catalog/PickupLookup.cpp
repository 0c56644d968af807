// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PickupLookup.h"

#include "Catalog.h"
#include "CatalogLog.h"
#include "Customers.h"
#include "PickupCode.h"
#include "SqlQuery.h"
#include "base/Time.h"

namespace Keepsake {

namespace {

Result<QList<qint64>> albumsOf(const QSqlDatabase &db, const QString &sql, qint64 id)
{
    SqlQuery query(db, sql);
    query.bind(QStringLiteral(":id"), id);
    if (Status status = query.exec(); !status)
        return status.error();
    QList<qint64> albums;
    while (query.next())
        albums.append(query.integer(0));
    return albums;
}

} // namespace

QString PickupLookup::key(const QString &typed)
{
    // Letters and digits of ASCII only: what a scanner types for the dash on a keyboard
    // of another layout ("ß" on a German one) is left out like the dash.
    QString code;
    for (const QChar c : typed) {
        if (c.unicode() < 128 && c.isLetterOrNumber())
            code.append(c.toUpper());
    }
    return code;
}

bool PickupLookup::looksLikeCode(const QString &typed)
{
    const QString trimmed = typed.trimmed();
    for (const QChar c : trimmed) {
        if (!c.isLetterOrNumber() && !c.isSpace() && c != QLatin1Char('-') && c.unicode() < 128)
            return false;   // an e-mail address, a phone number with "+" or "/"
    }
    return PickupCode::isWellFormed(key(trimmed));
}

Result<PickupOrder> PickupLookup::find(const QString &typed) const
{
    if (!m_actor.actsForLab()) {
        qCInfo(lcCatalog).noquote() << "Refused a pickup code lookup to" << m_actor.auditText();
        return Error::refused(tr("Orders are found by their pickup code at the counter only; %1 may not look "
                                 "them up.").arg(m_actor.describe()));
    }
    const QString code = key(typed);
    if (code.isEmpty())
        return Error::usage(tr("Type the pickup code from the receipt, e.g. ABCD-EFGH, or scan its QR code."));
    PickupOrder order;
    Result<bool> found = findHandin(code, order);
    if (found && !*found)
        found = findDisc(code, order);
    if (!found)
        return found.error();
    if (!*found)
        return Error::notFound(tr("No hand-in and no disc has the pickup code %1. Check the code on the receipt "
                                  "(codes have no 0, O, 1, I or L).").arg(PickupCode::display(code)));
    const Result<Customer> customer = Customers(m_catalog).byId(order.customerId);
    if (!customer)
        return customer.error();
    order.code = code;
    order.customerCode = customer->code;
    order.customerName = customer->name;
    return order;
}

Result<bool> PickupLookup::findHandin(const QString &code, PickupOrder &order) const
{
    const QSqlDatabase db = m_catalog.db();
    SqlQuery query(db, QStringLiteral(
        "SELECT h.id, h.customer_id, h.started_at, (SELECT count(*) FROM photos p WHERE p.handin_id = h.id) "
        "FROM handins h WHERE h.pickup_code = :code"));
    query.bind(QStringLiteral(":code"), code);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return false;
    order.kind = PickupOrder::Kind::Handin;
    order.handinId = query.integer(0);
    order.customerId = query.integer(1);
    order.at = fromCatalogTime(query.text(2));
    order.photos = int(query.integer(3));
    const Result<QList<qint64>> albums = albumsOf(db, QStringLiteral(
        "SELECT p.album_id FROM photos p WHERE p.handin_id = :id GROUP BY p.album_id ORDER BY min(p.id)"),
        order.handinId);
    if (!albums)
        return albums.error();
    order.albumIds = *albums;
    return true;
}

Result<bool> PickupLookup::findDisc(const QString &code, PickupOrder &order) const
{
    const QSqlDatabase db = m_catalog.db();
    SqlQuery query(db, QStringLiteral(
        "SELECT s.id, s.disc_id, s.number, s.recorded_at, d.customer_id, "
        "(SELECT count(*) FROM disc_photos dp WHERE dp.session_id = s.id) "
        "FROM disc_sessions s JOIN discs d ON d.id = s.disc_id WHERE s.pickup_code = :code"));
    query.bind(QStringLiteral(":code"), code);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return false;
    order.kind = PickupOrder::Kind::Disc;
    order.sessionId = query.integer(0);
    order.discId = query.text(1);
    order.session = int(query.integer(2));
    order.at = fromCatalogTime(query.text(3));
    order.customerId = query.integer(4);
    order.photos = int(query.integer(5));
    const Result<QList<qint64>> albums = albumsOf(db, QStringLiteral(
        "SELECT p.album_id FROM disc_photos dp JOIN photos p ON p.id = dp.photo_id WHERE dp.session_id = :id "
        "GROUP BY p.album_id ORDER BY min(p.id)"), order.sessionId);
    if (!albums)
        return albums.error();
    order.albumIds = *albums;
    return true;
}

} // namespace Keepsake
