// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QString>

namespace Keepsake {

// Makes the text of a PDF from QPdfWriter come back as written. Qt 6.4 writes each
// embedded font's ToUnicode map from the lowest code point that shares a glyph, and
// CJK fonts (Noto Sans CJK among them) draw 山 and the Kangxi radical ⼭ with one
// glyph: "山田" would be copied, searched and extracted as "⼭⽥". The map is
// rewritten with libqpdf so those glyphs mean the unified ideographs again.
class PdfTextFix
{
public:
    // Writes the repaired document to 'output' and gives true; gives false (and
    // writes nothing) when the document needs no repair.
    static Result<bool> apply(const QString &input, const QString &output);

    // The repair of one ToUnicode CMap; the same text when nothing needs it.
    static QByteArray unifyRadicals(const QByteArray &cmap);
};

} // namespace Keepsake
