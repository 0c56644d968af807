// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Keepsake {

// A customer's PIN (4–8 digits) kept only as a salted slow hash (OpenSSL's scrypt):
// "scrypt$N$r$p$<salt base64>$<hash base64>".
class PinHash
{
public:
    static bool isValidPin(const QString &pin);
    // A new PIN of this many digits (4 to 8) from the system's random source, for a
    // clerk who lets the counter choose one.
    static QString random(int digits = 6);
    static QString make(const QString &pin);
    static bool verify(const QString &pin, const QString &stored);
    // A stored hash that no PIN matches, made with the cost make() uses: sign-in verifies
    // against it when the code is unknown or has no PIN, so that the answer takes as
    // long as for a wrong PIN (no salt or hash to compute: it is fixed bytes).
    static QString dummy();
};

} // namespace Keepsake
