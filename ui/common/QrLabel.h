// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace Keepsake {

// A receipt's QR code on screen: the pickup code a scanner at the counter reads back,
// every module a square of whole pixels. Hidden while it shows no code.
class QrLabel : public QLabel
{
    Q_OBJECT

public:
    explicit QrLabel(int modulePixels, QWidget *parent = nullptr);

    // Shows the code's QR code; stays hidden when none can be made (the code itself is
    // always shown as text beside it).
    void showCode(const QString &code);
    void clearCode();

private:
    const int m_modulePixels;
};

} // namespace Keepsake
