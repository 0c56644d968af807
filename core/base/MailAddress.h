// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace Keepsake {

// An e-mail address as a customer or a share gives it: one RFC 5322 addr-spec in its
// dot-atom form (local@domain), nothing around it. It goes into a mail's To: header,
// so a control character anywhere (CR and LF above all: they would start a header of
// their own) or a space refuses it.
class MailAddress
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::MailAddress)

public:
    // Why the text is not a usable address, translated; empty when it is one.
    static QString problem(const QString &address);
    // The domain of a sender address ("Lab <lab@example.org>" gives "example.org"), for
    // the right-hand side of a Message-ID; empty when there is none.
    static QString domain(const QString &address);
};

} // namespace Keepsake
