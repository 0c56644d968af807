// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSupport.h"

#include "TestConfig.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>

namespace Keepsake::Test {

QString corpusDir()
{
    const QString fromEnv = qEnvironmentVariable("KEEPSAKE_CORPUS");
    return QDir(fromEnv.isEmpty() ? QStringLiteral(KEEPSAKE_TEST_CORPUS_DIR) : fromEnv)
        .absolutePath();
}

QString corpusPath(const QString &relative)
{
    return QDir(corpusDir()).filePath(relative);
}

QList<QJsonObject> corpusTruth()
{
    QList<QJsonObject> records;
    QFile file(corpusPath(QStringLiteral("truth.jsonl")));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("The corpus truth %s cannot be read", qPrintable(file.fileName()));
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (!line.isEmpty())
            records.append(QJsonDocument::fromJson(line).object());
    }
    return records;
}

QJsonObject corpusTruthFor(const QString &relative)
{
    const auto records = corpusTruth();
    for (const QJsonObject &record : records) {
        if (record.value(QStringLiteral("path")).toString() == relative)
            return record;
    }
    return {};
}

QStringList corpusFiles(const QString &folder)
{
    QStringList files;
    const QDir corpus(corpusDir());
    QDirIterator it(corpusPath(folder), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(corpus.relativeFilePath(it.next()));
    files.sort();
    return files;
}

QString testCatalogUrl(const QString &dataDir)
{
    const QString fromEnv = qEnvironmentVariable("KEEPSAKE_TEST_CATALOG");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStringLiteral("sqlite:") + QDir(dataDir).filePath(QStringLiteral("catalog.sqlite"));
}

} // namespace Keepsake::Test
