// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "IngestTypes.h"
#include "base/Error.h"
#include "metadata/PerceptualHash.h"

#include <QHash>
#include <QList>

#include <mutex>
#include <shared_mutex>

namespace Keepsake {

class Catalog;

// Everything one customer handed in before, in memory for the length of a hand-in:
// by content hash, by camera identity (DESIGN.md, "The rule") and by what the picture
// looks like (its perceptual hash). Photos of the running hand-in join it as they are
// decided. Readable from inspector threads.
class CustomerIndex
{
public:
    struct Entry
    {
        MatchedPhoto photo;
        QString sha256;
        QString identityKey;
        qint64 size = 0;
        QString quickHash;
        std::optional<PerceptualHash> pictureHash;
        QDateTime handedInAt;
    };

    Status load(const Catalog &catalog, qint64 customerId);

    std::optional<Entry> bySha(const QString &sha256) const;
    // The first photo received with this identity (what a new version links to).
    std::optional<Entry> firstByIdentity(const QString &identityKey) const;
    // A photo with this identity and size whose quick hash is the given one.
    std::optional<Entry> byQuickHash(const QString &identityKey, qint64 size, const QString &quickHash) const;
    bool hasIdentityOfSize(const QString &identityKey, qint64 size) const;
    // Whether such a photo kept the quick hash of older versions (QuickHash::legacyOf).
    bool hasLegacyQuickHash(const QString &identityKey, qint64 size) const;
    // The photo whose picture looks most like this hash (PerceptualHash::looksLike; of
    // equally near ones the first stored), leaving out the shots of the given camera
    // identity (a new version's original and its versions are named otherwise).
    std::optional<Entry> lookingLike(PerceptualHash hash, const QString &otherThanIdentity) const;

    void add(const Entry &entry);

private:
    // std::shared_mutex (pthread_rwlock) rather than QReadWriteLock: ThreadSanitizer sees
    // its ordering, while QReadWriteLock's lives inside the uninstrumented libQt6Core.
    mutable std::shared_mutex m_lock;
    QHash<QString, Entry> m_bySha;
    QHash<QString, QList<Entry>> m_byIdentity;
    QList<Entry> m_hashed;   // the photos with a perceptual hash, in the order stored
};

} // namespace Keepsake
