// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <algorithm>
#include <memory>

namespace Keepsake {

class FileBytesPool;

// One file's bytes in memory, placed and padded so that the store can write them
// with direct I/O (O_DIRECT: from this memory to the disk, without a second copy in
// the page cache). Copies share the bytes; view() lends them as a QByteArray without
// copying, valid while a FileBytes holding them lives.
class FileBytes
{
public:
    static constexpr qsizetype Alignment = 4096;   // a page; the largest logical block size in use

    FileBytes() = default;
    // size bytes, uninitialised, followed by zeros up to the next Alignment, in pages
    // of their own (given back to the system when the last holder is gone).
    explicit FileBytes(qsizetype size);

    bool isNull() const { return !m_bytes; }
    char *data() { return m_bytes.get(); }
    const char *constData() const { return m_bytes.get(); }
    qsizetype size() const { return m_size; }
    qsizetype paddedSize() const { return (m_size + Alignment - 1) / Alignment * Alignment; }
    // Fewer bytes count (a read that found the file's end first); the memory stays.
    void shrink(qsizetype size) { m_size = std::clamp<qsizetype>(size, 0, m_size); }
    QByteArray view() const;

private:
    friend class FileBytesPool;
    FileBytes(std::shared_ptr<char> bytes, qsizetype size) : m_bytes(std::move(bytes)), m_size(size) { }

    std::shared_ptr<char> m_bytes;
    qsizetype m_size = 0;
};

// Memory for the files of one job, used again as files are done with: a hand-in of a
// thousand photos faults in a few photos' worth of pages, not a thousand, and gives it
// all back at its end. Thread-safe; buffers may outlive the pool.
class FileBytesPool
{
public:
    // Keeps at most `spare` released buffers for reuse.
    explicit FileBytesPool(int spare);
    ~FileBytesPool();
    FileBytesPool(const FileBytesPool &) = delete;
    FileBytesPool &operator=(const FileBytesPool &) = delete;

    FileBytes take(qsizetype size);

private:
    struct Shelf;
    std::shared_ptr<Shelf> m_shelf;
};

} // namespace Keepsake
