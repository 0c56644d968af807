// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CardWalk.h"
#include "FileInspector.h"
#include "IngestTypes.h"

#include <QMutex>
#include <QWaitCondition>

#include <deque>
#include <optional>

namespace Keepsake {

// The files of a hand-in as they become ready to be stored, in the order they are
// decided: all at once for a card or folder (IngestJob walks it and closes the feed),
// or one by one as a device takes them in over the network (HandinReception), so
// that the hand-in stores what has arrived while the rest is on its way. One side
// adds, the hand-in takes; thread-safe.
class IngestFeed
{
public:
    struct Item
    {
        CardEntry entry;
        // Decided without its bytes (known to the device, or refused on the client's card).
        std::optional<IngestRecord> decided;
        QString sha256;   // verified as it arrived: not hashed again; empty: hashed when read
        // Looked at as it arrived, while its bytes were in memory (without them): not read again.
        std::optional<InspectedFile> inspected;
    };

    void add(Item item);
    // Nothing more comes: the hand-in ends once it has taken what is here.
    void close();
    // The hand-in stops: whoever waits in take() returns at once.
    void cancel();

    // The next item; waits up to `waitMs` for one. None: nothing came meanwhile, or
    // the feed is over (over()).
    std::optional<Item> take(int waitMs);
    // Closed with nothing left, or cancelled.
    bool over() const;
    bool cancelled() const;
    // The files added so far (decided ones not counted) and their bytes: what the
    // hand-in's progress counts against.
    int files() const;
    qint64 bytes() const;

private:
    mutable QMutex m_mutex;
    QWaitCondition m_added;
    std::deque<Item> m_items;
    bool m_closed = false;
    bool m_cancelled = false;
    int m_files = 0;
    qint64 m_bytes = 0;
};

} // namespace Keepsake
