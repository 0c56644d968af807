// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <memory>

namespace Keepsake {

// One file's bytes in memory, placed and padded so that the store can write them
// with direct I/O (O_DIRECT: from this memory to the disk, without a second copy in
// the page cache). Copies share the bytes; view() lends them as a QByteArray without
// copying, valid while a FileBytes holding them lives.
class FileBytes
{
public:
    static constexpr qsizetype Alignment = 4096;   // the largest logical block size in use

    FileBytes() = default;
    // size bytes, uninitialised, followed by zeros up to the next Alignment.
    explicit FileBytes(qsizetype size);

    bool isNull() const { return !m_bytes; }
    char *data() { return m_bytes.get(); }
    const char *constData() const { return m_bytes.get(); }
    qsizetype size() const { return m_size; }
    qsizetype paddedSize() const { return (m_size + Alignment - 1) / Alignment * Alignment; }
    QByteArray view() const;

private:
    std::shared_ptr<char> m_bytes;
    qsizetype m_size = 0;
};

} // namespace Keepsake
