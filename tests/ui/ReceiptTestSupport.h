// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the kiosk's receipt tests share: what a real CUPS queue printed (CupsTestServer,
// through the CUPS-PDF driver's filters), rendered page by page with Ghostscript and
// read back by zbarimg.
#pragma once

#include "../core/CupsTestServer.h"
#include "PhoneTestSupport.h"

#include <QFileInfo>
#include <QImage>
#include <QProcess>

namespace Keepsake::Test {

// The text of the first QR code on the pages the test queue printed; empty when none
// (or when Ghostscript could not render them: then it says why on the test's output).
inline QString qrOnPrintedPages(const CupsTestServer &cups)
{
    QProcess gs;
    gs.start(QStringLiteral("gs"), { QStringLiteral("-q"), QStringLiteral("-dSAFER"), QStringLiteral("-dBATCH"),
                                     QStringLiteral("-dNOPAUSE"), QStringLiteral("-sDEVICE=pnggray"), QStringLiteral("-r200"),
                                     QStringLiteral("-sOutputFile=") + cups.path(QStringLiteral("printed-%d.png")),
                                     cups.printedFile() });
    if (!gs.waitForFinished(120000) || gs.exitCode() != 0) {
        qWarning("gs: %s%s", qPrintable(gs.errorString()), gs.readAllStandardError().constData());
        return {};
    }
    for (int page = 1; QFileInfo::exists(cups.path(QStringLiteral("printed-%1.png").arg(page))); ++page) {
        const QString text = decodeQr(QImage(cups.path(QStringLiteral("printed-%1.png").arg(page))));
        if (!text.isEmpty())
            return text;
    }
    return {};
}

} // namespace Keepsake::Test
