// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"
#include "metadata/Thumbnailer.h"

#include <QCoreApplication>
#include <QImage>
#include <QString>

namespace Keepsake {

class Lab;

// A photo's thumbnail on this data folder, wherever its file is kept (DESIGN.md,
// "Store" and "Network"): from the thumbnail cache; made from the file when this
// store holds it; else fetched from a device of the chain that keeps the file (it made
// the thumbnail where the file landed) and kept in this folder's cache, so it is
// fetched once. Safe from any thread, as the cache and RemoteFiles are.
class PhotoThumbnails
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PhotoThumbnails)

public:
    explicit PhotoThumbnails(const Lab &lab) : m_lab(lab) { }

    // The thumbnail's path in the cache, made or fetched when missing. `holder`: the
    // device keeping the file when the caller knows it (PhotoRecord::holder); empty:
    // asked of the catalog.
    Result<QString> ensure(const QString &sha256, Thumbnailer::Size size, const QString &holder = {},
                           const CancelToken &cancel = CancelToken()) const;
    // The same, read; a null image when there is none (the reason is logged).
    QImage load(const QString &sha256, Thumbnailer::Size size, const QString &holder = {}) const;

private:
    Result<QString> fetch(const QString &sha256, Thumbnailer::Size size, const QString &holder,
                          const CancelToken &cancel) const;

    const Lab &m_lab;
};

} // namespace Keepsake
