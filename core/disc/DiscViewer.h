// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Keepsake {

struct DiscManifest;

// The offline viewer at the root of the disc (claim 5): index.html opens on the album
// covers of every session, each leading to its album's thumbnails and photos. Plain
// HTML/CSS/JS from the template in resources/viewer, no network; the covers are
// written into the page itself so that it shows them even without JavaScript.
class DiscViewer
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DiscViewer)

public:
    struct File { QString path; QByteArray bytes; };   // path relative to the disc root
    static QList<File> render(const DiscManifest &manifest);
};

} // namespace Keepsake
