// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Keepsake {

// The short code on a receipt that finds a hand-in or disc order at the counter:
// 8 characters without look-alikes (no 0/O, 1/I/L), shown as "ABCD-EFGH".
class PickupCode
{
public:
    static QString generate();
    static QString display(const QString &code);      // "ABCDEFGH" → "ABCD-EFGH"
    static QString normalise(const QString &typed);   // "abcd-efgh " → "ABCDEFGH"
    // Eight characters of the code's alphabet, as generate() makes them.
    static bool isWellFormed(const QString &code);
};

} // namespace Keepsake
