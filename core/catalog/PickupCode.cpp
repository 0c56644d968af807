// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PickupCode.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Keepsake {

namespace {
constexpr char Alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr int Length = 8;
} // namespace

QString PickupCode::generate()
{
    QString code;
    code.reserve(Length);
    QRandomGenerator *random = QRandomGenerator::system();
    for (int i = 0; i < Length; ++i)
        code.append(QLatin1Char(Alphabet[random->bounded(int(sizeof(Alphabet) - 1))]));
    return code;
}

QString PickupCode::display(const QString &code)
{
    return code.left(4) + QLatin1Char('-') + code.mid(4);
}

QString PickupCode::normalise(const QString &typed)
{
    QString code;
    for (const QChar c : typed) {
        if (c.isLetterOrNumber())
            code.append(c.toUpper());
    }
    return code;
}

bool PickupCode::isWellFormed(const QString &code)
{
    if (code.size() != Length)
        return false;
    const QLatin1String alphabet(Alphabet, qsizetype(sizeof(Alphabet) - 1));
    return std::all_of(code.cbegin(), code.cend(), [&alphabet](QChar c) { return alphabet.contains(c); });
}

} // namespace Keepsake
