// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SmtpMailer.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>

namespace Keepsake {

// A mail that only shows the lab's mail settings work: sent at once through the
// server given (the settings as the clerk typed them, saved or not), not queued and
// not audited. Safe to run off the GUI thread: it touches no catalog.
class TestMail
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::TestMail)

public:
    // What went wrong in words: no server, an address that is none, or what the
    // mail server (or the connection to it) said.
    static Status send(const SmtpConfig &config, const QString &to, const QString &labName, const QDateTime &now);
};

} // namespace Keepsake
