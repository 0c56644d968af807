// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NoticeOutbox.h"
#include "SmtpMailer.h"
#include "base/CancelToken.h"

#include <QList>

namespace Keepsake {

class Catalog;
class Clock;

// Delivers the mails of the outbox: each is marked `sending` before it goes and
// `sent` when the server took it (a run cut short in between sends it again, with the
// same Message-ID). A failure keeps it queued for a later try, after a back-off of
// 5 minutes doubling up to 12 hours; after MaxAttempts it is `failed` and waits for
// `keepsakectl notify --retry`. Every outcome is in the audit trail, failures with
// the server's answer.
class NoticeDelivery
{
public:
    static constexpr int MaxAttempts = 8;

    struct Outcome
    {
        Notice notice;
        bool sent = false;
        QString error;        // what the server said, when not sent
    };
    struct Report
    {
        QList<Outcome> outcomes;
        int sent = 0;
        int failed = 0;
        int waiting = 0;      // queued, not yet due (or no server configured)
        bool noServer = false;
    };

    NoticeDelivery(const Catalog &catalog, const Clock &clock);

    static Result<SmtpConfig> smtpConfig(const Catalog &catalog);
    // Sends what is due; with `everything`, also what waits for its next try or failed.
    Result<Report> deliver(bool everything, const CancelToken &cancel);

    static qint64 backoffSeconds(int attempts);

private:
    Status markSending(const Notice &notice);
    Status markDone(const Notice &notice, const Status &sent, int attempts);

    const Catalog &m_catalog;
    const Clock &m_clock;
};

} // namespace Keepsake
