// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Keepsake {

// What only the lab's own account may read (DESIGN.md, "Store"): the data folder
// (photos, thumbnails, hand-ins) is 0700, the catalog (PIN hashes, the mail password)
// and the lab key are 0600 — whatever the umask of the process that made them.
class PrivateFiles
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PrivateFiles)

public:
    // A file or folder others may read, write or enter.
    struct TooOpen
    {
        QString path;
        int mode = 0;       // its permission bits, e.g. 0755
        int wanted = 0;     // 0700 for a folder, 0600 for a file
    };

    // Makes the folder (and missing parents); a folder made here is 0700. An existing
    // folder keeps its mode: the lab may have widened it on purpose (`check` says so).
    static Status makeFolder(const QString &path);
    // Creates an empty file of mode 0600 unless one is there.
    static Status makeFile(const QString &path);
    // Whether the entry lets anyone but its owner in; nothing when it is private or gone.
    static std::optional<TooOpen> tooOpen(const QString &path);

    static QString octal(int mode) { return QString::number(mode, 8); }
};

} // namespace Keepsake
