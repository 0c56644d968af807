// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "QrCode.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

#include <qrencode.h>

#include <memory>

namespace Keepsake {

Result<QrCode> QrCode::encode(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code)
        return Error::failure(QCoreApplication::translate("Keepsake::QrCode",
            "The QR code for \"%1\" cannot be made (%2).").arg(text, QString::fromLocal8Bit(strerror(errno))));
    const int size = code->width;
    QByteArray modules(qsizetype(size) * size, '\0');
    for (int i = 0; i < size * size; ++i)
        modules[i] = char(code->data[i] & 1);
    return QrCode(size, modules);
}

void QrCode::draw(QPainter &painter, const QRectF &area) const
{
    const qreal module = area.width() / (m_size + 2 * QuietZone);
    const QPointF origin = area.topLeft() + QPointF(QuietZone * module, QuietZone * module);
    // Runs of dark modules in a row become one rectangle: fewer path elements, and
    // no hairline seams between neighbours when a viewer anti-aliases.
    QPainterPath dark;
    dark.setFillRule(Qt::WindingFill);
    for (int y = 0; y < m_size; ++y) {
        int x = 0;
        while (x < m_size) {
            if (!isDark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < m_size && isDark(x, y))
                ++x;
            dark.addRect(QRectF(origin.x() + start * module, origin.y() + y * module,
                                (x - start) * module, module * 1.001));
        }
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(area, Qt::white);
    painter.fillPath(dark, Qt::black);
    painter.restore();
}

QImage QrCode::toImage(int modulePixels) const
{
    const int modules = m_size + 2 * QuietZone;
    QImage image(modules, modules, QImage::Format_RGB32);
    image.fill(Qt::white);
    for (int y = 0; y < m_size; ++y) {
        for (int x = 0; x < m_size; ++x) {
            if (isDark(x, y))
                image.setPixel(x + QuietZone, y + QuietZone, qRgb(0, 0, 0));
        }
    }
    const int edge = qMax(1, modulePixels);
    return image.scaled(modules * edge, modules * edge, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

} // namespace Keepsake
