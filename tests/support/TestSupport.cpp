// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSupport.h"

#include "TestConfig.h"

#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QImage>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

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
    // truth.jsonl is read once per test program; tests look files up by path often.
    static const QHash<QString, QJsonObject> byPath = [] {
        QHash<QString, QJsonObject> records;
        const auto all = corpusTruth();
        for (const QJsonObject &record : all)
            records.insert(record.value(QStringLiteral("path")).toString(), record);
        return records;
    }();
    return byPath.value(relative);
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

bool usingPostgres()
{
    return !qEnvironmentVariableIsEmpty("KEEPSAKE_TEST_PG_PORT_FILE");
}

QString testCatalogUrl(const QString &dataDir)
{
    const QString portFile = qEnvironmentVariable("KEEPSAKE_TEST_PG_PORT_FILE");
    if (portFile.isEmpty())
        return QStringLiteral("sqlite:") + QDir(dataDir).filePath(QStringLiteral("catalog.sqlite"));
    QFile file(portFile);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("The PostgreSQL test server is not running (no %s)", qPrintable(portFile));
    const int port = file.readAll().trimmed().toInt();
    // A fresh database per call, on the throw-away test cluster.
    const QString name = QStringLiteral("ks_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(16));
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("keepsake-test-admin"));
        admin.setHostName(QStringLiteral("127.0.0.1"));
        admin.setPort(port);
        admin.setUserName(QStringLiteral("keepsake"));
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (!admin.open())
            qFatal("Cannot reach the PostgreSQL test server on port %d: %s", port,
                   qPrintable(admin.lastError().text()));
        QSqlQuery create(admin);
        if (!create.exec(QStringLiteral("CREATE DATABASE ") + name))
            qFatal("Cannot create a test database: %s", qPrintable(create.lastError().text()));
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("keepsake-test-admin"));
    return QStringLiteral("postgresql://keepsake@127.0.0.1:%1/%2").arg(port).arg(name);
}

std::unique_ptr<Lab> labWithCustomerC1(const QString &dataDir, const QString &catalogUrl, const Clock &clock)
{
    auto lab = Lab::open({ dataDir, catalogUrl }, clock);
    if (!lab) {
        qWarning("The test lab in %s does not open: %s", qPrintable(dataDir), qPrintable(lab.error().message()));
        return {};
    }
    NewCustomer customer;
    customer.code = QStringLiteral("C1");
    customer.name = QStringLiteral("Anna Berg");
    if (const auto added = Customers((*lab)->catalog()).add(customer, clock.now()); !added) {
        qWarning("Customer C1 cannot be added: %s", qPrintable(added.error().message()));
        return {};
    }
    return std::move(lab).value();
}

qint64 countOf(const Catalog &catalog, const QString &sql)
{
    SqlQuery query(catalog.db(), sql);
    if (!query.exec() || !query.next())
        return -1;
    return query.integer(0);
}

QString jpegWithExifThumbnail(const QString &folder, const QImage &picture, const QImage &preview)
{
    const QString photo = QDir(folder).filePath(QStringLiteral("photo.jpg"));
    const QString small = QDir(folder).filePath(QStringLiteral("thumbnail.jpg"));
    if (!picture.save(photo, "JPEG", 90) || !preview.save(small, "JPEG", 75))
        return {};
    QProcess exiftool;
    exiftool.start(QStringLiteral("exiftool"), { QStringLiteral("-q"), QStringLiteral("-overwrite_original"),
                                                 QStringLiteral("-ThumbnailImage<=") + small, photo });
    if (!exiftool.waitForFinished(30000) || exiftool.exitCode() != 0)
        return {};
    return photo;
}

} // namespace Keepsake::Test
