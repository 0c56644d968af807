// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench-gui's catalog (1,000,000 photos, one customer's real grid thumbnails), made once
// into the cache, and the page cache dropped before each run.
#pragma once

#include "base/Clock.h"
#include "base/Error.h"
#include "catalog/Albums.h"
#include "lab/Lab.h"

#include <QStringList>

#include <memory>

namespace BenchGui {

inline const QString BigCode = QStringLiteral("BIG");   // the measured customer

struct Options
{
    int photos = 10000;            // the measured customer's
    int albums = 50;
    int catalogPhotos = 1000000;   // all photos of the catalog
    int customers = 20000;         // the other customers
    int runs = 3;
    QString rows;
    QString generator;
    QString cache;
};

Keepsake::Result<std::unique_ptr<Keepsake::Lab>> openLab(const QString &folder, const Keepsake::Clock &clock);
// The measured customer's photos, album by album.
Keepsake::Result<QList<Keepsake::PhotoRecord>> customerPhotos(const Keepsake::Lab &lab);
// The cache folder, made when missing or made for another thumbnail layout.
Keepsake::Status prepare(const Options &o, const Keepsake::Clock &clock);

struct Residency { qint64 resident = 0; qint64 total = 0; };
// Drops the files' pages from the page cache (no root needed for one's own files) and
// says how much of them is still resident afterwards (mincore).
Residency dropFromPageCache(const QStringList &files);

} // namespace BenchGui
