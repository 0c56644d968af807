// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <functional>
#include <mutex>

namespace Keepsake {

// The one door to libburn, libisofs and libisoburn: a DiscDrive holds it for as long
// as it lives (grab, read the tree, write, read back, release), so one disc session
// at a time runs in a process; a second burn's drive waits until the first is
// released. A burn station with several drives runs one process per drive.
//
// Why the whole session and not each call: the libraries keep process-wide state
// that their own threads change behind the caller's back.
// - libisoburn's isoburn.c keeps "the global list of isoburn objects" and says of it:
//   "we are not ready for multiple control threads yet"; its links are changed
//   without a lock when a drive is grabbed or released.
// - libburn's async.c keeps its worker threads in one global list without a lock:
//   burn_disc_write() adds the writer thread, and that thread removes itself when it
//   ends, after the drive has already been reported idle.
// - libburn_initialize()/isoburn_initialize() and the message severities set in
//   ks_init() are process-wide and not guarded by the libraries.
// Their message queues are locked (libdax_msgs.c), so draining messages needs no
// more than this door.
class DiscLibraries
{
public:
    class Hold
    {
    public:
        Hold(Hold &&) noexcept = default;
        Hold &operator=(Hold &&) = delete;
        ~Hold();

    private:
        friend class DiscLibraries;
        explicit Hold(std::unique_lock<std::mutex> lock) : m_lock(std::move(lock)) { }
        std::unique_lock<std::mutex> m_lock;
    };

    // Waits until no other thread of this process uses the libraries. A thread that
    // holds them already is refused (it would wait for itself).
    static Result<Hold> enter();
    // The same without waiting: refused while another thread uses the libraries (for
    // what should not stall behind a burn, such as listing the drives).
    static Result<Hold> tryEnter();

    // Test hook: called on a thread that finds the door held, just before it waits.
    static void setWaitHook(std::function<void()> hook);
};

} // namespace Keepsake
