// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

class QImage;

namespace Keepsake {
class Catalog;
class Clock;
class Lab;
}

namespace Keepsake::Test {

// The shared photo corpus (../shared/corpus beside the checkout, or $KEEPSAKE_CORPUS).
QString corpusDir();
QString corpusPath(const QString &relative);

// truth.jsonl: one exiftool record per corpus file, keyed by its relative path.
QList<QJsonObject> corpusTruth();
QJsonObject corpusTruthFor(const QString &relative);

// Every file below a corpus folder ("real", "dups", "bad/truncated"), relative to the
// corpus, sorted.
QStringList corpusFiles(const QString &folder);

// The catalog URL a test runs against: a fresh database on the PostgreSQL test server
// when the test runs as its _postgres variant, else a SQLite file in the given folder.
QString testCatalogUrl(const QString &dataDir);
bool usingPostgres();

// The lab the ingest tests start from: its data folder, the given catalog, and
// customer C1 (Anna Berg, no PIN). Null, with the reason as a warning, when it fails.
std::unique_ptr<Lab> labWithCustomerC1(const QString &dataDir, const QString &catalogUrl, const Clock &clock);

// The first column of the first row the query gives, -1 when it fails or gives none.
qint64 countOf(const Catalog &catalog, const QString &sql);

// A JPEG of the picture whose EXIF carries `preview` as its thumbnail (written by
// exiftool) in the folder; its path, empty when it could not be made.
QString jpegWithExifThumbnail(const QString &folder, const QImage &picture, const QImage &preview);

} // namespace Keepsake::Test
