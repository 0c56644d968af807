// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Notice.h"
#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QStringList>

namespace Keepsake {

class Catalog;

// The notice mails of one album by their state.
struct AlbumNotices
{
    int sent = 0;
    int failed = 0;
    int waiting = 0;              // queued or being sent
    QStringList failures;         // "to: what the server said"
};

// The mails that have not gone out, for the counter's day and status bar.
struct MailQueue
{
    int waiting = 0;              // queued or being sent
    int failed = 0;               // given up after all their tries
    bool noServer = false;        // no mail server set (smtp.host): nothing can go out
    QString lastError;            // what the mail server said to the latest failed try
};

// How the notice mails went, for the clerk: they name every recipient's address and
// what the mail server answered, so only the clerk and the system read them.
class NoticeMails
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::NoticeMails)

public:
    explicit NoticeMails(const Catalog &catalog) : m_catalog(catalog) { }

    // Each album's mails (an album without any maps to all zeros).
    Result<QHash<qint64, AlbumNotices>> ofAlbums(const Actor &actor, const QList<qint64> &albumIds) const;
    // Mails that failed after all their tries, oldest first (the counter's day).
    Result<QList<Notice>> failed(const Actor &actor) const;
    // How many mails wait or failed, and why (a count, not the mails: cheap to poll).
    Result<MailQueue> queue(const Actor &actor) const;

private:
    Status check(const Actor &actor) const;

    const Catalog &m_catalog;
};

} // namespace Keepsake
