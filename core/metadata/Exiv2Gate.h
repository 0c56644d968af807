// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <mutex>

namespace Keepsake {

// The one door to exiv2: every call into the library is made while an Exiv2Gate is
// held, one thread at a time for the whole process, and exiv2 is set up (BMFF on,
// its log routed to keepsake.core.metadata) on the first entry.
//
// Why one at a time: exiv2 0.27's README ("Thread Safety") says the library is not
// thread-safe as a whole: it keeps process-wide tables that its decoders change, and
// its bundled XMP toolkit must be initialised (XmpParser::initialize) before any
// thread uses it, since that initialisation is not thread-safe itself. Reading
// metadata on several threads at once lost a Nikon body serial now and then
// (tst_metadata's severalThreads), and a sidecar written while an ingest read
// metadata in the same process crashed a burn (tst_disc_burn's
// sidecarsBesideMetadataReaders). Nothing in exiv2 is worth the risk of running in
// parallel: its calls are short next to decoding the picture, which runs outside.
class Exiv2Gate
{
public:
    Exiv2Gate();
    ~Exiv2Gate();

    Exiv2Gate(const Exiv2Gate &) = delete;
    Exiv2Gate &operator=(const Exiv2Gate &) = delete;

    // Test hook: called on a thread that finds the gate held, just before it waits.
    // Lets a test prove that a caller waits for exiv2 instead of racing into it.
    static void setWaitHook(std::function<void()> hook);

private:
    std::unique_lock<std::mutex> m_hold;
};

} // namespace Keepsake
