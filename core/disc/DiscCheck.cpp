// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscCheck.h"

#include "DiscDrive.h"
#include "DiscManifest.h"

namespace Keepsake {

DiscCheck::Md5s DiscCheck::manifestMd5s(const DiscDrive &drive, const DiscManifest &manifest)
{
    Md5s result;
    for (const ManifestSession &session : manifest.sessions) {
        for (const ManifestAlbum &album : session.albums) {
            for (const ManifestPhoto &photo : album.photos) {
                if (photo.md5.isEmpty()) {
                    ++result.unlisted;
                    continue;
                }
                ++result.checked;
                const QString path = QLatin1Char('/') + photo.path;
                const QString recorded = drive.recordedMd5(path);
                if (!drive.exists(path))
                    result.bad << tr("%1: listed in the manifest but not on the disc").arg(photo.path);
                else if (recorded.isEmpty())
                    result.bad << tr("%1: the disc records no MD5 for it").arg(photo.path);
                else if (recorded.compare(photo.md5, Qt::CaseInsensitive) != 0)
                    result.bad << tr("%1: its MD5 on the disc (%2) is not the manifest's (%3)")
                                      .arg(photo.path, recorded, photo.md5);
            }
        }
    }
    return result;
}

} // namespace Keepsake
