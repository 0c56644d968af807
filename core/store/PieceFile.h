// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BlobStore.h"
#include "FileBytes.h"
#include "base/Error.h"

#include <QByteArray>
#include <QString>

namespace Keepsake {

// A file that arrives in pieces, each written at the end of what came before (a
// hand-in's spool, a forwarded photo). A piece that starts on a block boundary goes
// from aligned memory to the disk with direct I/O (O_DIRECT), past the page cache:
// a buffered write's copy into the cache costs more than the hashing on a machine
// like a kiosk's store, and a card's worth of photos would push everything else out
// of memory. The last block is written whole and the file cut to its size; a piece
// that starts elsewhere, or a file system that refuses direct I/O, is written as
// usual. Nothing is flushed here: the store makes what it keeps durable.
class PieceFile
{
public:
    // `buffers` lends the aligned memory (it outlives the call).
    explicit PieceFile(FileBytesPool &buffers) : m_buffers(buffers) { }

    // Writes `bytes` at `offset` of the file at `path`, which then ends after them; an
    // offset of 0 starts the file anew.
    Status write(const QString &path, qint64 offset, const QByteArray &bytes);
    // Up to `length` bytes of the file at `path` from `offset` (fewer at its end), read
    // into aligned memory with direct I/O where the offset allows (a stored photo sent
    // on, written past the page cache and read the same way), else as usual.
    Result<FileBytes> read(const QString &path, qint64 offset, qint64 length);

private:
    BlobStore::Direct writeDirect(const QByteArray &name, qint64 offset, const QByteArray &bytes, QString &reason);

    FileBytesPool &m_buffers;
};

} // namespace Keepsake
