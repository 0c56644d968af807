// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FileBytes.h"
#include "base/Error.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Keepsake {

// Content-addressed photo files: ROOT/ab/cd/<sha256>. A file is written to a
// temporary name in its final folder, flushed, renamed and its folder flushed; only
// then may the catalog reference it. Writing goes in batches so that one flush
// covers many files (DESIGN.md, "Store").
class BlobStore
{
public:
    static constexpr const char *LockFile = ".lock";   // ROOT/.lock, see StoreLock

    explicit BlobStore(QString root);

    // Direct I/O (a descriptor opened with O_DIRECT) of bytes laid out for it, at a
    // block-aligned offset: every block written whole, then the file cut to offset +
    // size. Unsupported: the file system refused direct I/O before anything was written.
    enum class Direct { Written, Unsupported, Failed };
    static Direct writeDirectAt(int fd, const FileBytes &bytes, qint64 offset, QString &reason);

    const QString &root() const { return m_root; }
    QString pathFor(const QString &sha256) const;
    bool contains(const QString &sha256) const;

    // Files written together and made durable together.
    class Batch
    {
    public:
        explicit Batch(const BlobStore &store) : m_store(store) { }
        ~Batch();   // discards what was not committed
        Batch(const Batch &) = delete;
        Batch &operator=(const Batch &) = delete;

        // Writes the bytes to a temporary file; a blob already stored is skipped.
        Status add(const QString &sha256, const QByteArray &data);
        // The same from bytes laid out for direct I/O: written from that memory to the
        // disk, past the page cache (a hand-in of a card's worth of photos neither
        // copies every byte once more nor pushes everything else out of memory).
        // Where the file system refuses direct I/O, as add() above.
        Status add(const QString &sha256, const FileBytes &bytes);
        // The same without writing: a file of this file system that nobody changes any
        // more (a device's spool of what arrived over the network) gets a second name, a
        // hard link. False when it cannot be linked (another file system): add() then.
        bool addLinked(const QString &sha256, const QString &path, qint64 size);
        int count() const { return int(m_pending.size()); }
        qint64 bytes() const { return m_bytes; }
        // Flushes every file, renames them into place and flushes their folders.
        Status commit();
        void discard();

    private:
        struct Pending { QString sha256; QString tempPath; };
        // The temporary name for a new blob, its folder made; empty when stored already.
        Result<QString> prepare(const QString &sha256);
        Status writeBuffered(const QString &tempPath, const char *data, qsizetype size);
        Direct writeDirect(const QString &tempPath, const FileBytes &bytes, QString &reason);
        void added(const QString &sha256, const QString &tempPath, qint64 size);
        const BlobStore &m_store;
        QList<Pending> m_pending;
        QSet<QString> m_shas;
        QSet<QString> m_folders;   // made already: no mkdir for each file
        qint64 m_bytes = 0;
        bool m_directRefused = false;   // the file system said no once: do not ask again
    };

    // A file arriving in pieces from another device of the chain is written to this
    // temporary name in its final folder (the same name each time, so that a cut
    // transfer goes on where it stopped); adopt() checks its SHA-256 and puts it in
    // place durably (flushed, renamed, folder flushed).
    QString incomingPath(const QString &sha256) const;
    // `digest`: the file's SHA-256 as its writer computed it from the bytes it wrote;
    // empty: the file is read back and hashed.
    Status adopt(const QString &sha256, const QString &digest = QString()) const;

    // Deletes a stored file (the caller has made sure nothing references it).
    Status remove(const QString &sha256) const;
    // Deletes several, their folders flushed once at the end.
    Status remove(const QStringList &sha256s) const;
    // Every stored file's hash, and leftover temporary files of interrupted writes.
    struct Listing { QStringList blobs; QStringList temporaries; };
    Result<Listing> list() const;

private:
    // Flushes everything written to the store's file system (syncfs); false if it cannot.
    bool flushFileSystem() const;

    QString m_root;
};

} // namespace Keepsake
