// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileBytes.h"

#include <QList>

#include <cstring>
#include <mutex>
#include <new>

#include <sys/mman.h>

namespace Keepsake {

namespace {

constexpr size_t HugePage = size_t(2) << 20;
constexpr size_t Granule = size_t(1) << 20;   // pooled buffers come in whole MiB

struct Mapping
{
    char *bytes = nullptr;
    size_t capacity = 0;
};

// Fresh pages of their own: zeros, the padding included.
Mapping map(size_t capacity)
{
    void *memory = ::mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        throw std::bad_alloc();
    // A photo's worth of 4 KiB pages costs a thousand page faults; large pages, a few.
    if (capacity >= HugePage)
        ::madvise(memory, capacity, MADV_HUGEPAGE);
    return { static_cast<char *>(memory), capacity };
}

size_t paddedOf(qsizetype size)
{
    const size_t padded = (size_t(size) + FileBytes::Alignment - 1) / FileBytes::Alignment * FileBytes::Alignment;
    return padded > 0 ? padded : size_t(FileBytes::Alignment);
}

} // namespace

FileBytes::FileBytes(qsizetype size) : m_size(size)
{
    const Mapping mapping = map(paddedOf(size));
    m_bytes = std::shared_ptr<char>(mapping.bytes, [mapping](char *) { ::munmap(mapping.bytes, mapping.capacity); });
}

QByteArray FileBytes::view() const
{
    return m_bytes ? QByteArray::fromRawData(m_bytes.get(), m_size) : QByteArray();
}

struct FileBytesPool::Shelf
{
    explicit Shelf(int spare) : spare(spare) { }
    ~Shelf()
    {
        for (const Mapping &mapping : std::as_const(free))
            ::munmap(mapping.bytes, mapping.capacity);
    }
    // A buffer handed back: kept for the next file while there is room, else unmapped.
    void putBack(const Mapping &mapping)
    {
        {
            const std::lock_guard lock(mutex);
            if (free.size() < spare) {
                free.append(mapping);
                return;
            }
        }
        ::munmap(mapping.bytes, mapping.capacity);
    }

    const qsizetype spare;
    std::mutex mutex;
    QList<Mapping> free;
};

FileBytesPool::FileBytesPool(int spare) : m_shelf(std::make_shared<Shelf>(spare)) { }

FileBytesPool::~FileBytesPool() = default;

FileBytes FileBytesPool::take(qsizetype size)
{
    const size_t padded = paddedOf(size);
    Mapping mapping;
    {
        const std::lock_guard lock(m_shelf->mutex);
        for (qsizetype i = 0; i < m_shelf->free.size(); ++i) {
            if (m_shelf->free.at(i).capacity >= padded) {
                mapping = m_shelf->free.takeAt(i);
                break;
            }
        }
    }
    if (mapping.bytes)
        std::memset(mapping.bytes + size, 0, padded - size_t(size));   // the padding written to disk
    else
        mapping = map((padded + Granule - 1) / Granule * Granule);
    // The buffer goes back to the shelf, or away when the pool is gone.
    std::weak_ptr<Shelf> shelf = m_shelf;
    std::shared_ptr<char> bytes(mapping.bytes, [mapping, shelf](char *) {
        if (const std::shared_ptr<Shelf> alive = shelf.lock())
            alive->putBack(mapping);
        else
            ::munmap(mapping.bytes, mapping.capacity);
    });
    return FileBytes(std::move(bytes), size);
}

} // namespace Keepsake
