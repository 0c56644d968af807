// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "notify/Notice.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace Keepsake {

class KioskBackend;

// The signed-in customer's notices, asked of the backend every interval while they
// are signed in (claims 11 and 12: a notice reaches the kiosk without a new sign-in).
// Each answer is reported; one holding a notice not seen before says so, so that the
// window shows it at once. The backend answers off the window's thread; the next ask
// waits for the answer to the last.
class NoticeWatch : public QObject
{
    Q_OBJECT

public:
    explicit NoticeWatch(KioskBackend &backend, QObject *parent = nullptr);

    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    int interval() const { return m_timer.interval(); }
    // A customer signed in: asks at once, then every interval.
    void start();
    // They signed out: no more asking, and what was known of their notices is forgotten.
    void stop();
    bool isWatching() const { return m_watching; }

    const QList<Notice> &notices() const { return m_notices; }
    // Those not yet read, newest first.
    QList<Notice> unread() const;

Q_SIGNALS:
    // The notices as they are now; arrived: one or more of them were not there before.
    void updated(const QList<Keepsake::Notice> &notices, bool arrived);

private:
    void ask();
    void answered(const Result<QList<Notice>> &notices);

    KioskBackend &m_backend;
    QTimer m_timer;
    QList<Notice> m_notices;
    QSet<qint64> m_known;
    quint64 m_generation = 0;   // counts stops: an answer for an earlier customer is dropped
    bool m_watching = false;
};

} // namespace Keepsake
