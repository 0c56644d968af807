// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Exiv2Gate.h"

#include "MetadataLog.h"

#include <QString>

// exiv2 0.27 hands out std::auto_ptr, deprecated in C++20 but still shipped by
// libstdc++; the warning says nothing about our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <exiv2/exiv2.hpp>
#pragma GCC diagnostic pop

namespace Keepsake {

namespace {

void exiv2Log(int level, const char *message)
{
    const QString text = QString::fromUtf8(message).trimmed();
    // exiv2's "errors" are about the file it is reading, not about Keepsake: debug.
    qCDebug(lcMetadata).noquote() << "exiv2" << level << text;
}

// exiv2 is one library per process, so its door is one per process as well: the
// only process-wide lock of Keepsake's own, and it guards nothing else.
struct Door
{
    std::mutex exiv2;
    std::mutex hookGuard;
    std::function<void()> waitHook;   // tests only
};

Door &door()
{
    static Door theDoor;
    return theDoor;
}

std::unique_lock<std::mutex> enter()
{
    Door &d = door();
    std::unique_lock<std::mutex> hold(d.exiv2, std::try_to_lock);
    if (hold.owns_lock())
        return hold;
    {
        const std::lock_guard<std::mutex> guard(d.hookGuard);
        if (d.waitHook)
            d.waitHook();
    }
    hold.lock();
    return hold;
}

// Called with the door held, so exiv2 is set up exactly once before its first use.
void setUpOnce()
{
    static bool done = false;
    if (done)
        return;
    Exiv2::XmpParser::initialize();   // not thread-safe: done here, behind the door
    Exiv2::enableBMFF(true);          // HEIC, HEIF, CR3
    Exiv2::LogMsg::setLevel(Exiv2::LogMsg::warn);
    Exiv2::LogMsg::setHandler(&exiv2Log);
    done = true;
}

} // namespace

Exiv2Gate::Exiv2Gate() : m_hold(enter())
{
    setUpOnce();
}

Exiv2Gate::~Exiv2Gate() = default;

void Exiv2Gate::setWaitHook(std::function<void()> hook)
{
    Door &d = door();
    const std::lock_guard<std::mutex> guard(d.hookGuard);
    d.waitHook = std::move(hook);
}

} // namespace Keepsake
