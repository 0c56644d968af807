// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NoticeEvent.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Keepsake {

// One row of the outbox (a mail) or a notice kept for a customer's terminals.
struct Notice
{
    qint64 id = 0;
    qint64 eventId = 0;
    qint64 albumId = 0;
    NoticeEvent::Kind kind = NoticeEvent::Kind::Expiring;
    QDate eventDate;
    QString channel;      // "mail", "terminal"
    std::optional<qint64> customerId;
    QString email;
    QString role;
    QString subject;
    QString body;
    QString messageId;
    QString state;        // queued, sending, sent, failed | stored, read
    int attempts = 0;
    QDateTime nextAttempt;
    QString lastError;
    QDateTime createdAt;
    QDateTime doneAt;
    // Read only, from the event and its album: what a terminal words the notice from
    // in its own language (the mail's subject and body are in the recipient's).
    QString albumTitle;
    QString discId;       // recorded: the disc and its pickup code
    QString pickupCode;
    QDate copyDeletedOn;  // recorded, for a terminal: the day the lab deletes its copy (grace.days later)
};

} // namespace Keepsake
