// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "QrLabel.h"

#include "print/QrCode.h"

#include <QPixmap>

namespace Keepsake {

QrLabel::QrLabel(int modulePixels, QWidget *parent) : QLabel(parent), m_modulePixels(modulePixels)
{
    setAlignment(Qt::AlignCenter);
    hide();
}

void QrLabel::showCode(const QString &code)
{
    const Result<QrCode> qr = QrCode::encode(code);
    if (!qr) {
        clearCode();
        return;
    }
    setPixmap(QPixmap::fromImage(qr->toImage(m_modulePixels)));
    setToolTip(tr("The receipt's QR code: a scanner at the counter reads %1 from it.").arg(code));
    show();
}

void QrLabel::clearCode()
{
    clear();
    hide();
}

} // namespace Keepsake
