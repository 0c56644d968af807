// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Keepsake {

// One mail, ready to go.
struct MailMessage
{
    QString from;
    QString fromName;
    QString to;
    QString toName;
    QString subject;
    QString body;          // plain text
    QString messageId;     // "<...>"
    QDateTime date;

    // RFC 5322 text with CRLF line ends, composed by GMime 3: names and subject as
    // RFC 2047 encoded words where they need it (folded), the body in UTF-8 and
    // base64. A line break or other control character in a name or the subject
    // becomes a space: a header never carries one.
    QByteArray toRfc5322() const;
};

} // namespace Keepsake
