// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NoticeOutbox.h"
#include "SmtpMailer.h"
#include "base/CancelToken.h"

#include <QCoreApplication>
#include <QList>

#include <functional>

namespace Keepsake {

class Catalog;
class Clock;

// Delivers the mails of the outbox: each is claimed (`sending`, with this deliverer's
// name and a lease of ClaimSeconds) before it goes and `sent` when the server took it.
// The claim is one UPDATE that checks the row's state and counts the rows it changed,
// so that of several deliverers on one catalog (the counter's re-send, `serve` on
// each device of a chain) exactly one sends each mail. A run cut short in between
// leaves the claim to run out; then the mail is sent again, with the same Message-ID. A failure keeps it queued for a later try, after a back-off of
// 5 minutes doubling up to 12 hours; after MaxAttempts it is `failed` and waits for
// `keepsakectl notify --retry`. Every outcome is in the audit trail, failures with
// the server's answer.
class NoticeDelivery
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::NoticeDelivery)

public:
    static constexpr int MaxAttempts = 8;
    // Far longer than one SMTP conversation may take (SmtpConfig::timeoutSeconds × 5).
    static constexpr int ClaimSeconds = 15 * 60;

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
    // Sends again the mails about these albums that wait for their next try or failed
    // (the counter's "Re-send notice"), and no other; `waiting` counts theirs only.
    Result<Report> deliverForAlbums(const QList<qint64> &albumIds, const CancelToken &cancel);

    static qint64 backoffSeconds(int attempts);

    // Test hook: called when this deliverer has claimed a mail, before it is sent.
    void setClaimedHook(std::function<void(const Notice &)> hook) { m_claimedHook = std::move(hook); }

private:
    Result<Report> run(bool everything, const QList<qint64> &albumIds, const CancelToken &cancel);
    // True when this deliverer now holds the mail; false when another one has it or it
    // was sent meanwhile.
    Result<bool> claim(const Notice &notice, bool everything);
    // The body as the mail goes out: with a new one-time link to the web page.
    QString mailBody(const Notice &notice) const;
    Status markDone(const Notice &notice, const Status &sent, int attempts);

    const Catalog &m_catalog;
    const Clock &m_clock;
    const QString m_name;   // this deliverer's claims
    std::function<void(const Notice &)> m_claimedHook;
};

} // namespace Keepsake
