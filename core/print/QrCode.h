// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QString>

class QPainter;

namespace Keepsake {

// A QR code made with libqrencode, drawn as vector squares (no image in the PDF;
// sharp on any printer).
class QrCode
{
public:
    static Result<QrCode> encode(const QString &text);

    int size() const { return m_size; }   // modules per side, without the quiet zone
    bool isDark(int x, int y) const { return m_modules.at(y * m_size + x) != 0; }
    static constexpr int QuietZone = 4;   // light modules around the symbol, as the standard asks

    // Fills the square 'area' (quiet zone included) in black and white.
    void draw(QPainter &painter, const QRectF &area) const;
    // A picture for the screen, quiet zone included: every module whole pixels wide
    // (at least 1), so that each edge stays sharp for a scanner.
    QImage toImage(int modulePixels) const;

private:
    QrCode(int size, QByteArray modules) : m_size(size), m_modules(std::move(modules)) { }

    int m_size = 0;
    QByteArray m_modules;
};

} // namespace Keepsake
