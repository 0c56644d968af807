// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <memory>
#include <mutex>
#include <optional>

namespace Keepsake {

// How many bytes of card files a hand-in may hold in memory at once (issue 12, item
// 6). The job reserves a file's bytes before it hands the file to a worker and waits
// for earlier files to be decided when the budget is spent; the reservation travels
// with the file's bytes and is given back when the last copy of it is dropped (or
// early, when the file turns out to need no whole read). Thread-safe.
class MemoryBudget
{
public:
    explicit MemoryBudget(qint64 capacity) : m_state(std::make_shared<State>(capacity)) { }

    // Bytes held back for one file; copies share them, the last one gives them back.
    class Hold
    {
    public:
        Hold() = default;
        qint64 bytes() const;
        void release() { m_slot.reset(); }

    private:
        friend class MemoryBudget;
        struct Slot;
        explicit Hold(std::shared_ptr<Slot> slot) : m_slot(std::move(slot)) { }
        std::shared_ptr<Slot> m_slot;
    };

    // A hold of `bytes` (at most the whole capacity), or none while too much is held.
    std::optional<Hold> tryHold(qint64 bytes);
    qint64 held() const;
    qint64 capacity() const { return m_state->capacity; }

private:
    struct State
    {
        explicit State(qint64 bytes) : capacity(bytes) { }
        const qint64 capacity;
        mutable std::mutex mutex;
        qint64 held = 0;
    };
    std::shared_ptr<State> m_state;
};

struct MemoryBudget::Hold::Slot
{
    std::shared_ptr<MemoryBudget::State> state;
    qint64 bytes = 0;
    ~Slot();
};

} // namespace Keepsake
