// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "IdleGuard.h"

#include <QCoreApplication>
#include <QEvent>

namespace Keepsake {

IdleGuard::IdleGuard(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(120 * 1000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_armed)
            Q_EMIT idle();
    });
}

void IdleGuard::arm()
{
    if (!m_armed)
        QCoreApplication::instance()->installEventFilter(this);
    m_armed = true;
    m_timer.start();
}

void IdleGuard::disarm()
{
    if (m_armed)
        QCoreApplication::instance()->removeEventFilter(this);
    m_armed = false;
    m_timer.stop();
}

void IdleGuard::touch()
{
    if (m_armed)
        m_timer.start();
}

bool IdleGuard::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::KeyPress:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::Wheel:
        touch();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Keepsake
