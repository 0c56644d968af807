// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerIndex.h"

#include "IngestLog.h"
#include "base/Time.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "store/Sha256.h"

namespace Keepsake {

Status CustomerIndex::load(const Catalog &catalog, qint64 customerId)
{
    SqlQuery query(catalog.db(), QStringLiteral(R"(
        SELECT p.id, p.original_name, p.album_id, p.sha256, p.identity_key, p.size, b.quick_hash,
               (SELECT s.disc_id FROM disc_photos dp JOIN disc_sessions s ON s.id = dp.session_id
                WHERE dp.photo_id = p.id ORDER BY s.recorded_at DESC LIMIT 1),
               CASE WHEN p.picture_hash_method = :method THEN p.picture_hash END, h.started_at
        FROM photos p JOIN blobs b ON b.sha256 = p.sha256 JOIN handins h ON h.id = p.handin_id
        WHERE p.customer_id = :customer ORDER BY p.id)"));
    query.bind(QStringLiteral(":customer"), customerId).bind(QStringLiteral(":method"), PerceptualHash::Method);
    if (Status status = query.exec(); !status)
        return status;
    while (query.next()) {
        Entry entry;
        entry.photo.photoId = query.integer(0);
        entry.photo.name = query.text(1);
        entry.photo.albumId = query.integer(2);
        entry.sha256 = query.text(3);
        entry.identityKey = query.text(4);
        entry.size = query.integer(5);
        entry.quickHash = query.text(6);
        entry.photo.disc = query.text(7);
        if (!query.value(8).isNull())
            entry.pictureHash = PerceptualHash::fromCatalog(query.integer(8));
        entry.handedInAt = fromCatalogTime(query.text(9));
        add(entry);
    }
    qCDebug(lcIngest) << "Customer" << customerId << "handed in" << m_bySha.size() << "distinct files before";
    return Status::success();
}

std::optional<CustomerIndex::Entry> CustomerIndex::bySha(const QString &sha256) const
{
    const std::shared_lock lock(m_lock);
    const auto it = m_bySha.constFind(sha256);
    if (it == m_bySha.cend())
        return std::nullopt;
    return *it;
}

std::optional<CustomerIndex::Entry> CustomerIndex::firstByIdentity(const QString &identityKey) const
{
    const std::shared_lock lock(m_lock);
    const auto it = m_byIdentity.constFind(identityKey);
    if (identityKey.isEmpty() || it == m_byIdentity.cend() || it->isEmpty())
        return std::nullopt;
    return it->first();
}

std::optional<CustomerIndex::Entry> CustomerIndex::byQuickHash(const QString &identityKey, qint64 size,
                                                               const QString &quickHash) const
{
    const std::shared_lock lock(m_lock);
    const auto it = m_byIdentity.constFind(identityKey);
    if (identityKey.isEmpty() || it == m_byIdentity.cend())
        return std::nullopt;
    for (const Entry &entry : *it) {
        if (entry.size == size && entry.quickHash == quickHash)
            return entry;
    }
    return std::nullopt;
}

bool CustomerIndex::hasIdentityOfSize(const QString &identityKey, qint64 size) const
{
    const std::shared_lock lock(m_lock);
    const auto it = m_byIdentity.constFind(identityKey);
    if (identityKey.isEmpty() || it == m_byIdentity.cend())
        return false;
    return std::any_of(it->cbegin(), it->cend(), [size](const Entry &e) { return e.size == size; });
}

bool CustomerIndex::hasLegacyQuickHash(const QString &identityKey, qint64 size) const
{
    const std::shared_lock lock(m_lock);
    const auto it = m_byIdentity.constFind(identityKey);
    if (identityKey.isEmpty() || it == m_byIdentity.cend())
        return false;
    return std::any_of(it->cbegin(), it->cend(), [size](const Entry &e) {
        return e.size == size && QuickHash::isLegacy(e.quickHash);
    });
}

std::optional<CustomerIndex::Entry> CustomerIndex::lookingLike(PerceptualHash hash,
                                                               const QString &otherThanIdentity) const
{
    const std::shared_lock lock(m_lock);
    const Entry *nearest = nullptr;
    int nearestBits = PerceptualHash::MostBitsApart + 1;
    for (const Entry &entry : m_hashed) {
        if (!otherThanIdentity.isEmpty() && entry.identityKey == otherThanIdentity)
            continue;
        const int bits = entry.pictureHash->bitsApart(hash);
        if (bits < nearestBits) {
            nearest = &entry;
            nearestBits = bits;
        }
    }
    if (!nearest)
        return std::nullopt;
    return *nearest;
}

void CustomerIndex::add(const Entry &entry)
{
    const std::unique_lock lock(m_lock);
    if (entry.pictureHash)
        m_hashed.append(entry);
    if (!m_bySha.contains(entry.sha256))
        m_bySha.insert(entry.sha256, entry);
    if (!entry.identityKey.isEmpty())
        m_byIdentity[entry.identityKey].append(entry);
}

} // namespace Keepsake
