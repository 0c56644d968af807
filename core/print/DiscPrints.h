// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QString>
#include <QStringList>

namespace Keepsake {

class Lab;

// What goes with a recorded disc (claims 8, 9): the index sheet of the albums of
// that recording (each album's print selection, or all its photos) and the receipt
// with the disc's pickup code.
class DiscPrints
{
public:
    struct Output
    {
        QString printer;     // a CUPS queue; empty: PDFs into outputDir
        QString outputDir;   // default DIR/prints/<disc>/
    };
    struct Produced { QStringList files; };

    static Result<Produced> produce(const Lab &lab, const QString &discId, int sessionNumber,
                                    const Output &output);
};

} // namespace Keepsake
