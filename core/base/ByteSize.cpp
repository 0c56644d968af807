// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ByteSize.h"

#include <QLocale>

namespace Keepsake {

QString formatBytes(qint64 bytes)
{
    // The unit names come from the locale's own data (CLDR), so a German or Japanese
    // locale shows them in its language without a message of ours.
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

} // namespace Keepsake
