// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A lab with one customer and one album of real photos for the print tests, and the
// independent readers (poppler-utils, zbar-tools) they check PDFs with.

#include "TestSupport.h"
#include "base/Clock.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace Keepsake::Test {

struct PrintLab
{
    QTemporaryDir dir;
    ManualClock clock { QDateTime(QDate(2026, 11, 20), QTime(10, 0), QTimeZone::utc()) };
    std::unique_ptr<Lab> lab;
    Customer customer;
    AlbumSummary album;
    QList<PhotoRecord> photos;
    IngestSummary handin;
    QString catalogUrl;   // the same catalog for keepsakectl run in the test

    // 'count' decodable JPEGs of the corpus, handed in by a new customer into one album.
    bool open(const QString &name, const QString &language, int count)
    {
        if (!dir.isValid())
            return false;
        const QString data = dir.filePath(QStringLiteral("data"));
        catalogUrl = testCatalogUrl(data);
        auto opened = Lab::open({ data, catalogUrl }, clock);
        if (!opened)
            return false;
        lab = std::move(opened).value();
        auto added = Customers(lab->catalog()).add({ QStringLiteral("C1"), name, {}, {}, language, {} }, clock.now());
        if (!added)
            return false;
        customer = *added;
        QDir source(dir.filePath(QStringLiteral("card")));
        source.mkpath(QStringLiteral("."));
        int copied = 0;
        const auto truth = corpusTruth();
        for (const QJsonObject &record : truth) {
            const QString path = record.value(QStringLiteral("path")).toString();
            if (copied < count && path.startsWith(QLatin1String("real/jpeg/"))
                && record.value(QStringLiteral("decodable")).toBool()
                && record.value(QStringLiteral("expected_outcome")).toString() == QLatin1String("new")) {
                QFile::copy(corpusPath(path), source.filePath(QFileInfo(path).fileName()));
                ++copied;
            }
        }
        IngestOptions options;
        options.customerCode = QStringLiteral("C1");
        options.sources = { source.path() };
        options.albumTitle = QStringLiteral("Holiday");
        IngestJob job(*lab, options);
        auto summary = job.run();
        if (!summary)
            return false;
        handin = *summary;
        auto found = Albums(lab->catalog()).resolve(QStringLiteral("Holiday"), customer.id);
        if (!found)
            return false;
        album = *found;
        auto list = Albums(lab->catalog()).photos(album.id);
        if (!list)
            return false;
        photos = *list;
        return !photos.isEmpty();
    }

    QString file(const QString &name) const { return dir.filePath(name); }
};

// Runs a reader and gives its standard output; the exit code through 'exitCode'.
inline QByteArray runTool(const QString &program, const QStringList &args, int *exitCode = nullptr)
{
    QProcess process;
    process.start(program, args);
    if (!process.waitForFinished(60000)) {
        if (exitCode)
            *exitCode = -1;
        return {};
    }
    if (exitCode)
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return process.readAllStandardOutput();
}

inline bool haveTool(const QString &program)
{
    return !QStandardPaths::findExecutable(program).isEmpty();
}

// "Pages", "Page size", ... of pdfinfo.
inline QString pdfInfo(const QString &pdf, const QString &key)
{
    const QString out = QString::fromUtf8(runTool(QStringLiteral("pdfinfo"), { pdf }));
    const QStringList lines = out.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.startsWith(key + QLatin1Char(':')))
            return line.mid(key.size() + 1).trimmed();
    }
    return {};
}

// Rows of pdfimages -list that are images (not soft masks).
inline int pdfImageCount(const QString &pdf)
{
    const QStringList lines = QString::fromUtf8(runTool(QStringLiteral("pdfimages"), { QStringLiteral("-list"), pdf }))
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    int images = 0;
    for (qsizetype i = 2; i < lines.size(); ++i) {
        const QStringList columns = lines.at(i).simplified().split(QLatin1Char(' '));
        if (columns.size() > 2 && columns.at(2) == QLatin1String("image"))
            ++images;
    }
    return images;
}

inline QString pdfText(const QString &pdf)
{
    return QString::fromUtf8(runTool(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") }));
}

// Every font row of pdffonts says "emb yes"; gives the number of fonts.
inline int embeddedFontCount(const QString &pdf, bool *allEmbedded)
{
    const QStringList lines = QString::fromUtf8(runTool(QStringLiteral("pdffonts"), { pdf }))
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    *allEmbedded = true;
    for (qsizetype i = 2; i < lines.size(); ++i) {
        const QStringList columns = lines.at(i).simplified().split(QLatin1Char(' '));
        if (columns.size() < 5 || columns.at(columns.size() - 5) != QLatin1String("yes"))
            *allEmbedded = false;
    }
    return int(lines.size()) - 2;
}

// Page 'page' of a PDF as an image, through pdftoppm.
inline QImage renderPage(const QString &pdf, int page, int dpi, const QString &folder)
{
    const QString prefix = QDir(folder).filePath(QStringLiteral("page"));
    runTool(QStringLiteral("pdftoppm"), { QStringLiteral("-r"), QString::number(dpi), QStringLiteral("-png"),
                                          QStringLiteral("-singlefile"), QStringLiteral("-f"), QString::number(page),
                                          QStringLiteral("-l"), QString::number(page), pdf, prefix });
    return QImage(prefix + QStringLiteral(".png"));
}

// How far a region is from one flat colour: the standard deviation of its grey values.
inline double greySpread(const QImage &image, const QRect &region)
{
    double sum = 0, squares = 0;
    int n = 0;
    for (int y = region.top(); y <= region.bottom(); ++y) {
        for (int x = region.left(); x <= region.right(); ++x) {
            const int g = qGray(image.pixel(x, y));
            sum += g;
            squares += double(g) * g;
            ++n;
        }
    }
    if (n == 0)
        return 0;
    const double mean = sum / n;
    return std::sqrt(std::max(0.0, squares / n - mean * mean));
}

// The share of a region's pixels that are neither paper white nor the light grey of
// an empty thumbnail box: picture.
inline double pictureShare(const QImage &image, const QRect &region)
{
    int picture = 0;
    int n = 0;
    for (int y = region.top(); y <= region.bottom(); ++y) {
        for (int x = region.left(); x <= region.right(); ++x) {
            const int g = qGray(image.pixel(x, y));
            if (g < 232)
                ++picture;
            ++n;
        }
    }
    return n ? double(picture) / n : 0;
}

} // namespace Keepsake::Test
