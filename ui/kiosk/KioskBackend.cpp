// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KioskBackend.h"

namespace Keepsake {

KioskBackend::~KioskBackend() = default;

QDate KioskBackend::today() const
{
    return QDate::currentDate();
}

QDateTime KioskBackend::now() const
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace Keepsake
