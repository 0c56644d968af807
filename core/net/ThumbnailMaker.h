// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QThreadPool>
#include <QWaitCondition>

#include <atomic>
#include <functional>

namespace Keepsake {

class Lab;

// Thumbnails made where the file lands (DESIGN.md, "Store" and "Network"): a device
// makes the thumbnails of each file it receives from another device, and of a file it
// keeps whose thumbnail another device or a terminal asks for; a thumbnail a terminal
// asks for of a photo another device keeps is fetched from there (lab/PhotoThumbnails).
// All on a thread of their own at idle priority, so that the service goes on answering
// meanwhile. Each file once at a time.
//
// What is asked for goes first. The thumbnails of files that arrive wait until no file
// has arrived for a moment (QuietMs unless told): while another device sends its
// photos, decoding them would slow the receiving down, even at idle priority (caches,
// memory).
class ThumbnailMaker
{
public:
    static constexpr int QuietMs = 500;

    explicit ThumbnailMaker(const Lab &lab, int quietMs = QuietMs);
    ~ThumbnailMaker();   // waits for the one being made; the rest are dropped

    // Someone asks for the file's thumbnails: queued ahead of the arrivals' unless
    // they are there or already queued (then moved ahead).
    void make(const QString &sha256);
    // The file has just arrived: its thumbnails are queued behind what is asked for,
    // made once files have stopped arriving for the quiet time.
    void makeWhenQuiet(const QString &sha256);
    // Queues fetching the grid thumbnail of a file device `holder` keeps into this
    // device's cache, unless it is there or already queued.
    void fetch(const QString &sha256, const QString &holder);
    // What is queued is dropped; the one being made is finished.
    void stop();
    bool isIdle() const;

private:
    struct Task
    {
        QString sha256;
        std::function<void()> work;
    };

    void queue(Task task, bool asked);
    void moveAhead(const QString &sha256);
    void work();
    bool takeNext(Task &task);   // under m_mutex; false when nothing is left

    const Lab &m_lab;
    const int m_quietMs;
    mutable QMutex m_mutex;
    QWaitCondition m_changed;   // something asked for, or stopped
    QList<Task> m_asked;
    QList<Task> m_arrived;
    QDeadlineTimer m_quiet;     // when the arrivals' thumbnails may start (expired: now)
    QSet<QString> m_queued;     // queued or being made
    QString m_making;
    bool m_working = false;     // a task of m_pool runs work()
    std::atomic<bool> m_stopped { false };
    QThreadPool m_pool;   // last: waits for its task first
};

} // namespace Keepsake
