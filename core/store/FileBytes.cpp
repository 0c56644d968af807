// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileBytes.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace Keepsake {

FileBytes::FileBytes(qsizetype size) : m_size(size)
{
    const auto padded = size_t(paddedSize() > 0 ? paddedSize() : Alignment);
    void *memory = std::aligned_alloc(size_t(Alignment), padded);
    if (!memory)
        throw std::bad_alloc();
    m_bytes = std::shared_ptr<char>(static_cast<char *>(memory), [](char *bytes) { std::free(bytes); });
    std::memset(m_bytes.get() + size, 0, padded - size_t(size));
}

QByteArray FileBytes::view() const
{
    return m_bytes ? QByteArray::fromRawData(m_bytes.get(), m_size) : QByteArray();
}

} // namespace Keepsake
