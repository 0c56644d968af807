// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;

// One-time links to the customers' web page, sent in notice mails (table web_links):
// the link opens one web session for the mail's recipient, once, within ValidDays; the
// mail carries no secret that works twice. Only the token's hash is kept.
class WebLinks
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::WebLinks)

public:
    static constexpr int ValidDays = 14;
    // What a notice's body holds where the link goes; filled in as the mail leaves.
    static constexpr const char *Placeholder = "{web-link}";

    explicit WebLinks(const Catalog &catalog) : m_catalog(catalog) { }

    // The page's address: the setting web.url, else the first device's URL; empty when
    // the lab serves no page.
    Result<QString> pageUrl() const;
    // A new link for a customer or an address; the full URL, this once.
    Result<QString> make(std::optional<qint64> customerId, const QString &email, qint64 noticeId,
                         const QDateTime &now) const;
    // A mail's body with the placeholder turned into a new link, or, where the lab serves
    // no page, without the line that held it.
    Result<QString> fillMailBody(const QString &body, std::optional<qint64> customerId, const QString &email,
                                 qint64 noticeId, const QDateTime &now) const;
    // Takes the link (once): a new web session's token for its recipient. Refused when
    // the link is unknown, used or expired.
    Result<QString> redeem(const QString &token, const QDateTime &now) const;

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
