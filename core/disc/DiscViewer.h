// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Keepsake {

struct DiscManifest;

// The offline viewer at the root of the disc (claim 5): index.html opens on the album
// covers of every session, each leading to its album's thumbnails and photos. Plain
// HTML/CSS/JS from the template in resources/viewer, no network; the covers are
// written into the page itself so that it shows them even without JavaScript.
//
// The viewer speaks the customer's language ("de", "ja"; empty: the program's), with
// its plurals; a photo no browser shows (a RAW or HEIC without a JPEG rendition) gets
// a tile and a link to its original instead of a broken image.
class DiscViewer
{
public:
    struct File { QString path; QByteArray bytes; };   // path relative to the disc root
    static QList<File> render(const DiscManifest &manifest, const QString &language);
};

} // namespace Keepsake
