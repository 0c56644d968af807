// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintSources.h"

#include "base/Time.h"
#include "catalog/AlbumChoices.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"
#include "lab/PhotoThumbnails.h"
#include "metadata/Thumbnailer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QSet>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PrintSources)
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::PrintSources", text);
}

struct OnDisc
{
    QString path;
    QString disc;
    QDateTime recordedAt;
};

// Keeps each album's chosen photos (the override, else its stored selection; an
// album without one keeps all). Gives whether anything was left out.
Result<bool> applySelection(const Catalog &catalog, const QList<AlbumSummary> &albums,
                            const std::optional<QStringList> &select, QList<IndexEntry> &entries,
                            const QHash<qint64, qint64> &albumOf)
{
    const AlbumChoices choices(catalog, Actor::system(QStringLiteral("print")));   // the lab prints what was chosen
    QHash<qint64, QSet<qint64>> chosen;   // album → photos; an album not in it keeps all
    if (select) {
        for (const QString &wanted : *select) {
            std::optional<Error> lastError;
            bool found = false;
            for (const AlbumSummary &album : albums) {
                const Result<qint64> id = choices.resolvePhoto(album.id, wanted);
                if (id) {
                    for (const AlbumSummary &other : albums)
                        chosen[other.id];   // with an override, unnamed albums show nothing
                    chosen[album.id].insert(*id);
                    found = true;
                    break;
                }
                lastError = id.error();
            }
            if (!found)
                return albums.size() == 1 && lastError ? *lastError
                    : Error::notFound(Tr::tr("None of the albums has a photo \"%1\". List their photos with "
                                         "keepsakectl photos --album ALBUM.").arg(wanted));
        }
    } else {
        for (const AlbumSummary &album : albums) {
            const Result<QList<qint64>> stored = choices.selection(album.id);
            if (!stored)
                return stored.error();
            if (!stored->isEmpty())
                chosen.insert(album.id, QSet<qint64>(stored->cbegin(), stored->cend()));
        }
    }
    const qsizetype before = entries.size();
    entries.removeIf([&](const IndexEntry &entry) {
        const auto album = chosen.constFind(albumOf.value(entry.photoId));
        return album != chosen.cend() && !album->contains(entry.photoId);
    });
    return entries.size() != before || (select && !chosen.isEmpty());
}

} // namespace

QString PrintSources::setting(const QString &key) const
{
    const Result<QString> value = Settings(m_lab.catalog()).value(key);
    return value ? *value : QString();
}

Status PrintSources::fillCustomer(qint64 customerId, QString &name, QString &code) const
{
    const Result<Customer> customer = Customers(m_lab.catalog()).byId(customerId);
    if (!customer)
        return customer.error();
    name = customer->name;
    code = customer->code;
    return Status::success();
}

Result<qint64> PrintSources::discCustomer(const QString &discId) const
{
    SqlQuery query(m_lab.catalog().db(), QStringLiteral("SELECT customer_id FROM discs WHERE id = :disc"));
    query.bind(QStringLiteral(":disc"), discId);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::notFound(tr("There is no disc %1 in the catalog. The disc ID is on the disc's label and in "
                                  "keepsakectl disc show.").arg(discId));
    return query.integer(0);
}

QString PrintSources::customerLanguage(const QString &customerCode) const
{
    const Result<Customer> customer = Customers(m_lab.catalog()).byCode(customerCode);
    return customer ? customer->language : QString();
}

IndexSheet::ThumbnailLoader PrintSources::thumbnails() const
{
    const Lab &lab = m_lab;
    return [&lab](const IndexEntry &entry) {
        return PhotoThumbnails(lab).load(entry.sha256, Thumbnailer::Size::Print);   // fetched when kept elsewhere
    };
}

Result<IndexSheetContent> PrintSources::indexOfAlbums(const QList<qint64> &albumIds,
                                                      const std::optional<QStringList> &select) const
{
    const Albums albums(m_lab.catalog());
    QList<AlbumSummary> chosen;
    for (const qint64 id : albumIds) {
        Result<AlbumSummary> album = albums.byId(id);
        if (!album)
            return album.error();
        if (!chosen.isEmpty() && album->ownerId != chosen.first().ownerId)
            return Error::usage(tr("Albums %1 and %2 belong to different customers; an index sheet "
                                   "shows one customer's albums.").arg(chosen.first().id).arg(id));
        chosen.append(*album);
    }
    if (chosen.isEmpty())
        return Error::usage(tr("Name at least one album for the index sheet."));
    IndexSheetContent content;
    content.labName = setting(QStringLiteral("lab.name"));
    if (Status status = fillCustomer(chosen.first().ownerId, content.customerName, content.customerCode); !status)
        return status.error();
    QHash<qint64, qint64> albumOf;
    QHash<qint64, OnDisc> onDisc;
    for (const AlbumSummary &album : chosen) {
        content.albumTitles.append(album.title);
        SqlQuery recorded(m_lab.catalog().db(), QStringLiteral(
            "SELECT dp.photo_id, dp.path, s.disc_id, s.recorded_at FROM disc_photos dp "
            "JOIN disc_sessions s ON s.id = dp.session_id JOIN photos p ON p.id = dp.photo_id "
            "WHERE p.album_id = :album ORDER BY s.recorded_at, s.id"));
        recorded.bind(QStringLiteral(":album"), album.id);
        if (Status status = recorded.exec(); !status)
            return status.error();
        while (recorded.next())
            onDisc.insert(recorded.integer(0), { recorded.text(1), recorded.text(2), fromCatalogTime(recorded.text(3)) });
        const Result<QList<PhotoRecord>> photos = albums.photos(album.id);
        if (!photos)
            return photos.error();
        for (const PhotoRecord &photo : *photos) {
            const auto disc = onDisc.constFind(photo.id);
            IndexEntry entry { photo.id, int(content.entries.size()) + 1,
                               disc != onDisc.cend() ? QFileInfo(disc->path).fileName() : photo.name,
                               photo.taken, photo.sha256, album.cover == photo.id };
            content.entries.append(entry);
            albumOf.insert(photo.id, album.id);
        }
    }
    content.totalPhotos = int(content.entries.size());
    const Result<bool> selected = applySelection(m_lab.catalog(), chosen, select, content.entries, albumOf);
    if (!selected)
        return selected.error();
    content.isSelection = *selected;
    for (const IndexEntry &entry : std::as_const(content.entries)) {
        const auto disc = onDisc.constFind(entry.photoId);
        if (disc != onDisc.cend() && (!content.recordedAt.isValid() || disc->recordedAt > content.recordedAt)) {
            content.discId = disc->disc;
            content.recordedAt = disc->recordedAt;
        }
    }
    return content;
}

Result<IndexSheetContent> PrintSources::indexOfDisc(const QString &discId, std::optional<int> session,
                                                    const std::optional<QStringList> &select) const
{
    const QString sessionFilter = session ? QStringLiteral(" AND s.number = :number") : QString();
    SqlQuery rows(m_lab.catalog().db(), QStringLiteral(
        "SELECT dp.photo_id, dp.path, p.album_id, p.taken_at, p.sha256, s.recorded_at, d.customer_id "
        "FROM disc_photos dp JOIN disc_sessions s ON s.id = dp.session_id JOIN discs d ON d.id = s.disc_id "
        "JOIN photos p ON p.id = dp.photo_id WHERE s.disc_id = :disc%1 ORDER BY s.number, dp.path").arg(sessionFilter));
    rows.bind(QStringLiteral(":disc"), discId);
    if (session)
        rows.bind(QStringLiteral(":number"), *session);
    IndexSheetContent content;
    content.labName = setting(QStringLiteral("lab.name"));
    content.discId = discId;
    // Read every row before the next query: PostgreSQL connections serve one result at a time.
    if (Status status = rows.exec(); !status)
        return status.error();
    QList<qint64> albumIds;
    QHash<qint64, qint64> albumOf;
    qint64 customerId = 0;
    while (rows.next()) {
        const qint64 photo = rows.integer(0);
        const qint64 album = rows.integer(2);
        content.entries.append({ photo, int(content.entries.size()) + 1, QFileInfo(rows.text(1)).fileName(),
                                 rows.text(3), rows.text(4), false });
        albumOf.insert(photo, album);
        if (!albumIds.contains(album))
            albumIds.append(album);
        const QDateTime recorded = fromCatalogTime(rows.text(5));
        if (!content.recordedAt.isValid() || recorded > content.recordedAt)
            content.recordedAt = recorded;
        customerId = rows.integer(6);
    }
    if (content.entries.isEmpty())
        return Error::notFound(session ? tr("Disc %1 has no session %2 with photos. See keepsakectl disc show.")
                                             .arg(discId).arg(*session)
                                       : tr("There is no disc %1 with photos in the catalog.").arg(discId));
    if (Status status = fillCustomer(customerId, content.customerName, content.customerCode); !status)
        return status.error();
    QList<AlbumSummary> albums;
    for (const qint64 id : std::as_const(albumIds)) {
        const Result<AlbumSummary> album = Albums(m_lab.catalog()).byId(id);
        if (!album)
            return album.error();
        albums.append(*album);
        content.albumTitles.append(album->title);
    }
    for (IndexEntry &entry : content.entries) {
        for (const AlbumSummary &album : std::as_const(albums))
            entry.cover = entry.cover || album.cover == entry.photoId;
    }
    content.totalPhotos = int(content.entries.size());
    const Result<bool> selected = applySelection(m_lab.catalog(), albums, select, content.entries, albumOf);
    if (!selected)
        return selected.error();
    content.isSelection = *selected;
    return content;
}

Status PrintSources::fillReceiptCommon(qint64 customerId, ReceiptContent &content) const
{
    content.labName = setting(QStringLiteral("lab.name"));
    content.labAddress = setting(QStringLiteral("lab.address"));
    if (Status status = fillCustomer(customerId, content.customerName, content.customerCode); !status)
        return status;
    const Result<QList<AlbumSummary>> albums = Albums(m_lab.catalog()).customerView(customerId, true);
    if (!albums)
        return albums.error();
    for (const AlbumSummary &album : *albums) {
        if (album.ownerId == customerId && album.state != AlbumState::Purged)
            content.albums.append({ album.title, album.expires, albumStateName(album.state), album.disc, album.photos });
    }
    SqlQuery sessions(m_lab.catalog().db(), QStringLiteral(
        "SELECT s.id, s.disc_id, s.number, s.recorded_at FROM disc_sessions s JOIN discs d ON d.id = s.disc_id "
        "WHERE d.customer_id = :customer ORDER BY s.recorded_at, s.id"));
    sessions.bind(QStringLiteral(":customer"), customerId);
    if (Status status = sessions.exec(); !status)
        return status;
    QList<qint64> sessionIds;
    while (sessions.next()) {
        sessionIds.append(sessions.integer(0));
        content.discs.append({ sessions.text(1), int(sessions.integer(2)), fromCatalogTime(sessions.text(3)), {}, 0 });
    }
    for (qsizetype i = 0; i < sessionIds.size(); ++i) {
        ReceiptContent::Disc &disc = content.discs[i];
        SqlQuery albumsOn(m_lab.catalog().db(), QStringLiteral(
            "SELECT a.title, count(*) FROM disc_photos dp JOIN photos p ON p.id = dp.photo_id "
            "JOIN albums a ON a.id = p.album_id WHERE dp.session_id = :session GROUP BY a.id, a.title ORDER BY a.title"));
        albumsOn.bind(QStringLiteral(":session"), sessionIds.at(i));
        if (Status status = albumsOn.exec(); !status)
            return status;
        while (albumsOn.next()) {
            disc.albums.append(albumsOn.text(0));
            disc.photos += int(albumsOn.integer(1));
        }
    }
    return Status::success();
}

Result<ReceiptContent> PrintSources::receiptOfHandin(qint64 customerId, std::optional<qint64> handinId) const
{
    SqlQuery handin(m_lab.catalog().db(), QStringLiteral(
        "SELECT id, started_at, source, pickup_code, new_count, already_count, version_count, rejected_count "
        "FROM handins WHERE customer_id = :customer%1 ORDER BY started_at DESC, id DESC LIMIT 1")
        .arg(handinId ? QStringLiteral(" AND id = :id") : QString()));
    handin.bind(QStringLiteral(":customer"), customerId);
    if (handinId)
        handin.bind(QStringLiteral(":id"), *handinId);
    if (Status status = handin.exec(); !status)
        return status.error();
    if (!handin.next())
        return Error::notFound(handinId ? tr("The customer has no hand-in %1.").arg(*handinId)
                                        : tr("The customer has not handed in any photos yet; there is no receipt to print."));
    ReceiptContent content;
    content.when = fromCatalogTime(handin.text(1));
    content.pickupCode = handin.text(3);
    content.handin = ReceiptContent::Handin { int(handin.integer(4)), int(handin.integer(5)), int(handin.integer(6)),
                                              int(handin.integer(7)), handin.text(2) };
    if (Status status = fillReceiptCommon(customerId, content); !status)
        return status.error();
    return content;
}

Result<ReceiptContent> PrintSources::receiptOfDisc(const QString &discId, std::optional<int> session) const
{
    SqlQuery find(m_lab.catalog().db(), QStringLiteral(
        "SELECT s.id, s.recorded_at, d.customer_id FROM disc_sessions s JOIN discs d ON d.id = s.disc_id "
        "WHERE s.disc_id = :disc%1 ORDER BY s.number DESC LIMIT 1")
        .arg(session ? QStringLiteral(" AND s.number = :number") : QString()));
    find.bind(QStringLiteral(":disc"), discId);
    if (session)
        find.bind(QStringLiteral(":number"), *session);
    if (Status status = find.exec(); !status)
        return status.error();
    if (!find.next())
        return Error::notFound(tr("There is no recording of disc %1 in the catalog.").arg(discId));
    ReceiptContent content;
    content.when = fromCatalogTime(find.text(1));
    const Result<QString> code = DiscPickup::codeFor(m_lab.catalog(), find.integer(0));
    if (!code)
        return code.error();
    content.pickupCode = *code;
    if (Status status = fillReceiptCommon(find.integer(2), content); !status)
        return status.error();
    return content;
}

} // namespace Keepsake
