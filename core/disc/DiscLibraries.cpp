// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscLibraries.h"

#include <QCoreApplication>

#include <thread>

namespace Keepsake {

namespace {

// The libraries are one per process, so their door is one per process as well.
struct Door
{
    std::mutex libraries;
    std::mutex guard;                 // the two fields below
    std::thread::id holder;
    std::function<void()> waitHook;   // tests only
};

Door &door()
{
    static Door theDoor;
    return theDoor;
}

bool heldByThisThread(Door &d)
{
    const std::lock_guard<std::mutex> guard(d.guard);
    return d.holder == std::this_thread::get_id();
}

void setHolder(Door &d, std::thread::id holder)
{
    const std::lock_guard<std::mutex> guard(d.guard);
    d.holder = holder;
}

} // namespace

Result<DiscLibraries::Hold> DiscLibraries::enter()
{
    Door &d = door();
    if (heldByThisThread(d))
        return Error::failure(QCoreApplication::translate("Keepsake::DiscDrive",
            "A second drive was opened while this burn still holds one. Close the first drive before opening "
            "another; this is a fault in Keepsake, please report it."));
    std::unique_lock<std::mutex> lock(d.libraries, std::try_to_lock);
    if (!lock.owns_lock()) {
        std::function<void()> hook;
        {
            const std::lock_guard<std::mutex> guard(d.guard);
            hook = d.waitHook;
        }
        if (hook)
            hook();
        lock.lock();
    }
    setHolder(d, std::this_thread::get_id());
    return Hold(std::move(lock));
}

DiscLibraries::Hold::~Hold()
{
    if (m_lock.owns_lock())
        setHolder(door(), {});
}

Result<DiscLibraries::Hold> DiscLibraries::tryEnter()
{
    Door &d = door();
    std::unique_lock<std::mutex> lock;
    if (!heldByThisThread(d))   // a thread must not try a mutex it holds
        lock = std::unique_lock<std::mutex>(d.libraries, std::try_to_lock);
    if (!lock.owns_lock())
        return Error::refused(QCoreApplication::translate("Keepsake::DiscDrive",
            "A disc is being recorded or read by this program right now. The drives can be listed when it is done."));
    setHolder(d, std::this_thread::get_id());
    return Hold(std::move(lock));
}

void DiscLibraries::setWaitHook(std::function<void()> hook)
{
    Door &d = door();
    const std::lock_guard<std::mutex> guard(d.guard);
    d.waitHook = std::move(hook);
}

} // namespace Keepsake
