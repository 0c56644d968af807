// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

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

} // namespace Keepsake::Test
