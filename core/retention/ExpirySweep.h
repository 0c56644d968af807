// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "SweepStatements.h"
#include "notify/NoticeEvent.h"
#include "notify/NoticeOutbox.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace Keepsake {

class Catalog;
struct SweepCandidate;
class Clock;

// What one sweep did (or, dry, would do) to one album, and why.
struct SweepChange
{
    enum class Action {
        Notice,      // the notice window is reached: `expiring`, owner and viewers told
        LateNotice,  // the same, but too late for the full window: the date moved
        Expire,      // past its date, notice given long enough ago: `expired`
        Cap,         // over the customer's cap: brought forward to the notice window
        Wait         // in its notice window, nothing to do yet
    };

    Action action = Action::Wait;
    qint64 albumId = 0;
    QString title;
    QString ownerCode;
    int photos = 0;
    QString fromState;
    QString toState;
    QDate fromDate;
    QDate toDate;
    QString reason;                   // in words for the clerk
    QList<NoticeRecipient> told;

    static QString actionName(Action action);   // "notice", "late_notice", "expire", "cap", "wait"
};

struct SweepReport
{
    QList<SweepChange> changes;       // what changed; a dry run also lists the albums that wait
    int notices = 0;
    int expired = 0;
    int capped = 0;
    int waiting = 0;
    bool dryRun = false;
    double seconds = 0;               // time spent in the sweep itself
};

// One expiry sweep (DESIGN.md, "Notice event"): every state change and its notices
// and audit entries are written in one transaction; delivery comes after (see
// NoticeDelivery). "No album expires unnoticed": an album becomes `expired` only
// when its `expiring` notice went out at least notice.days_before days earlier; a
// notice issued less than that ahead moves the date to today + notice.days_before.
// An album expires at the end of its date in the lab's local time.
//
// What it reads is read set-based (SweepCandidates); the statements run per changed
// album are prepared once per sweep (SweepStatements, NoticeOutbox).
//
// Caps: a rule with a cap limits the bytes of one customer's living albums under
// that rule. When a customer is over it, their oldest albums (by first hand-in) are
// brought forward to today + notice.days_before, one by one until the rest fits, so
// they are told now and expire after the full notice window; nothing goes unnoticed.
class ExpirySweep
{
public:
    ExpirySweep(const Catalog &catalog, const Clock &clock) : m_catalog(catalog), m_clock(clock) { }

    // dryRun: the same work, rolled back.
    Result<SweepReport> run(bool dryRun, const QString &actor);

    // Test hook: called inside the sweep's transaction once it has its turn, before it
    // reads anything — the moment another sweep beside it must wait.
    void setTurnHook(std::function<void()> hook) { m_turnHook = std::move(hook); }

private:
    // What one sweep shares between its steps: its transaction, report, outbox and
    // prepared statements.
    struct Pass
    {
        QSqlDatabase &db;
        SweepReport &report;
        NoticeOutbox outbox;
        SweepStatements sql;
        QString actor;
    };
    Status sweep(Pass &pass);
    Status applyCaps(Pass &pass);
    Status notice(Pass &pass, const SweepCandidate &album);
    Status expire(Pass &pass, const SweepCandidate &album);

    const Catalog &m_catalog;
    const Clock &m_clock;
    QDateTime m_now;
    QDate m_today;
    int m_noticeDays = 14;
    std::function<void()> m_turnHook;
};

} // namespace Keepsake
