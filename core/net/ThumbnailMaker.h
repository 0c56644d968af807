// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMutex>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>

namespace Keepsake {

class Lab;

// Thumbnails made where the file lands (DESIGN.md, "Store" and "Network"): a device
// makes the thumbnails of each file it receives from another device, and of a file it
// keeps whose thumbnail another device or a terminal asks for; a thumbnail a terminal
// asks for of a photo another device keeps is fetched from there (lab/PhotoThumbnails).
// All on a thread of their own, so that the service goes on answering meanwhile. Each
// file once at a time.
class ThumbnailMaker
{
public:
    explicit ThumbnailMaker(const Lab &lab);
    ~ThumbnailMaker();   // waits for the one being made; the rest are dropped

    // Queues the file's thumbnails unless they are there or already queued.
    void make(const QString &sha256);
    // Queues fetching the grid thumbnail of a file device `holder` keeps into this
    // device's cache, unless it is there or already queued.
    void fetch(const QString &sha256, const QString &holder);
    // What is queued is dropped; the one being made is finished.
    void stop();
    bool isIdle() const;

private:
    void queue(const QString &sha256, std::function<void()> work);

    const Lab &m_lab;
    mutable QMutex m_mutex;
    QSet<QString> m_queued;   // queued or being made
    QString m_making;
    std::atomic<bool> m_stopped { false };
    QThreadPool m_pool;   // last: waits for its task first
};

} // namespace Keepsake
