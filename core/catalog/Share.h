// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace Keepsake {

// Who may view an album besides its owner: another customer of the lab, or a bare
// e-mail address (a relative without a customer code). Viewers see the album in
// their customer view and are told when it is about to expire.
struct Share
{
    qint64 id = 0;
    qint64 albumId = 0;
    std::optional<qint64> viewerId;   // a customer
    QString viewerCode;               // that customer's code
    QString viewerName;
    QString email;                    // the customer's e-mail, or the bare address
    QString language;
    QDateTime grantedAt;
    QString grantedBy;

    bool isCustomer() const { return viewerId.has_value(); }
    QString viewerText() const;       // "C2 (Berta Berg)" or "someone@example.org"
};

} // namespace Keepsake
