// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

namespace Keepsake {

// Ends a kiosk session after a while without touch, key or mouse input, so that the
// next person never sees another customer's photos. Watches the whole application's
// input while armed; the interval is set by the window (tests use a short one).
class IdleGuard : public QObject
{
    Q_OBJECT

public:
    explicit IdleGuard(QObject *parent = nullptr);

    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    int interval() const { return m_timer.interval(); }
    void arm();      // a session started
    void disarm();   // signed out
    void touch();    // activity the guard cannot see (a running import)
    bool isArmed() const { return m_timer.isActive(); }

Q_SIGNALS:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_timer;
    bool m_armed = false;
};

} // namespace Keepsake
