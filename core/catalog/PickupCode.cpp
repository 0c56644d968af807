// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PickupCode.h"

#include <QRandomGenerator>

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

} // namespace Keepsake
