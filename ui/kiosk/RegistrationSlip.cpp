// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RegistrationSlip.h"

#include "print/PaperFormat.h"

#include <QPagedPaintDevice>
#include <QPainter>

namespace Keepsake {

QStringList RegistrationSlip::lines(const QString &labName, const QString &customerName, const QString &code)
{
    return { labName, tr("Welcome, %1!").arg(customerName), tr("Your customer code:"), code,
             tr("Sign in at the kiosk with this code and your PIN. Keep this slip: the counter asks for the code "
                "when you pick up a disc.") };
}

PrintPreview::Document RegistrationSlip::document(const QString &labName, const QString &customerName,
                                                  const QString &code)
{
    const PaperFormat roll(Paper::Roll80, QPageLayout::Portrait);
    const QStringList text = lines(labName, customerName, code);
    auto draw = [text, points = roll.bodyPointSize()](QPagedPaintDevice &device) -> Status {
        QPainter painter;
        if (!painter.begin(&device))
            return Error::failure(tr("The registration slip cannot be drawn: the printer did not start. Check the "
                                "printer and print again."));
        const qreal scale = device.logicalDpiY() / 72.0;   // points to device pixels
        int y = 0;
        for (int i = 0; i < text.size(); ++i) {
            QFont font = painter.font();
            font.setPixelSize(qMax(1, int(points * scale * (i == 3 ? 2.4 : i == 0 ? 1.3 : 1.0))));
            font.setBold(i == 0 || i == 3);
            painter.setFont(font);
            const QRect room(0, y, device.width(), device.height() - y);
            const QRect used = painter.boundingRect(room, Qt::TextWordWrap | Qt::AlignHCenter, text.at(i));
            painter.drawText(room, Qt::TextWordWrap | Qt::AlignHCenter, text.at(i));
            y = used.bottom() + int(points * scale * 0.8);
        }
        return Status::success();
    };
    return { tr("Customer code %1").arg(code), roll.pageLayout(120), draw };
}

} // namespace Keepsake
