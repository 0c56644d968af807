// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DiscCheck.h"
#include "DiscDrive.h"
#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Keepsake {

class Lab;

// A disc read back at the lab (keepsakectl verify): the session's and every file's
// recorded MD5 against the data read, and every photo the manifest lists against its
// MD5 there. For a disc of this lab's chain the catalog keeps the outcome, since the
// purge deletes the lab's copies only of photos on a verified disc: a disc that reads
// back whole is verified (its sessions' verified_at), one that does not is no longer,
// so the lab keeps its copies until the disc verifies again or its albums are
// restored and burned anew. Only the lab (a clerk, the system) records it.
class DiscVerification
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscVerification)

public:
    struct Outcome
    {
        DiscDrive::Verified read;
        DiscCheck::Md5s listed;
        QString discId;          // from the manifest; empty: no Keepsake manifest
        QString notOurs;         // why the catalog was not changed (another lab's disc, unknown disc)
        int lastSession = 0;     // the newest session the disc read holds
        int sessionsMarked = 0;  // catalog sessions whose verification was recorded

        bool ok() const { return read.ok && listed.bad.isEmpty(); }
        QStringList mismatches() const { return read.badFiles + listed.bad; }
    };

    DiscVerification(const Lab &lab, Actor actor) : m_lab(lab), m_actor(std::move(actor)) { }

    // Reads the disc in the drive back and records the outcome. A cancelled or
    // unreadable read changes nothing (its error says why).
    Result<Outcome> run(DiscDrive &drive, const DiscProgress &progress, const QDateTime &now) const;

private:
    Status record(Outcome &outcome, const QDateTime &now) const;

    const Lab &m_lab;
    Actor m_actor;
};

} // namespace Keepsake
