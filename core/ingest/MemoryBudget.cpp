// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MemoryBudget.h"

namespace Keepsake {

MemoryBudget::Hold::Slot::~Slot()
{
    const std::lock_guard lock(state->mutex);
    state->held -= bytes;
}

qint64 MemoryBudget::Hold::bytes() const
{
    return m_slot ? m_slot->bytes : 0;
}

std::optional<MemoryBudget::Hold> MemoryBudget::tryHold(qint64 bytes)
{
    bytes = qBound(qint64(0), bytes, m_state->capacity);
    const std::lock_guard lock(m_state->mutex);
    if (m_state->held + bytes > m_state->capacity)
        return std::nullopt;
    m_state->held += bytes;
    auto slot = std::make_shared<Hold::Slot>();
    slot->state = m_state;
    slot->bytes = bytes;
    return Hold(std::move(slot));
}

qint64 MemoryBudget::held() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->held;
}

} // namespace Keepsake
