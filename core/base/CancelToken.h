// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>

namespace Keepsake {

// A cancel request shared between whoever starts a long job (a window's Cancel
// button, keepsakectl's Ctrl-C) and the job, which checks it between items.
class CancelToken
{
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    void reset() { m_cancelled.store(false, std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled { false };
};

} // namespace Keepsake
