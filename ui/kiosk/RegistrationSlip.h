// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/PrintPreview.h"

namespace Keepsake {

// The slip a new customer takes home from the kiosk: the lab, their name, their
// customer code in large type and how they sign in with it, on an 80 mm receipt roll
// (wrapped to its width, never cut), in the kiosk's language.
class RegistrationSlip
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::RegistrationSlip)

public:
    static PrintPreview::Document document(const QString &labName, const QString &customerName, const QString &code);
    // The slip's words, line by line, as printed.
    static QStringList lines(const QString &labName, const QString &customerName, const QString &code);
};

} // namespace Keepsake
