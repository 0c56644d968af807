// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace Keepsake {

class DiscDrive;
struct DiscManifest;

// The manifest's MD5s against the medium (DESIGN.md, "photos with MD5"): every photo
// KEEPSAKE.JSON lists with an MD5 must be on the disc with that MD5 recorded. Together
// with DiscDrive::verify (each recorded MD5 against the data read back) this shows the
// photos on the disc are the ones the manifest names, byte for byte.
class DiscCheck
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscCheck)

public:
    struct Md5s
    {
        int checked = 0;      // photos compared
        int unlisted = 0;     // photos the manifest lists without an MD5 (older discs)
        QStringList bad;      // "path: reason"
    };
    static Md5s manifestMd5s(const DiscDrive &drive, const DiscManifest &manifest);
};

} // namespace Keepsake
