// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the window tests share: a lab with a customer and photos, and screenshots
// that are checked, not only written.
#pragma once

#include "TestSupport.h"
#include "base/Clock.h"
#include "catalog/Customers.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include <memory>

namespace Keepsake::Test {

// A lab in a temporary folder on a manual clock.
struct TestLab
{
    QTemporaryDir dir;
    ManualClock clock { QDateTime(QDate(2026, 6, 1), QTime(10, 0), Qt::UTC) };
    std::unique_ptr<Lab> lab;

    bool open()
    {
        if (!dir.isValid())
            return false;
        LabLocation location { dir.filePath(QStringLiteral("data")), testCatalogUrl(dir.filePath(QStringLiteral("data"))) };
        auto opened = Lab::open(location, clock);
        if (!opened) {
            qWarning("%s", qPrintable(opened.error().message()));
            return false;
        }
        lab = std::move(*opened);
        return true;
    }

    qint64 addCustomer(const QString &code, const QString &name, const QString &pin,
                       const QString &email = {}, const QString &phone = {})
    {
        auto added = Customers(lab->catalog()).add({ code, name, email, phone, QString(), pin }, clock.now());
        if (!added) {
            qWarning("%s", qPrintable(added.error().message()));
            return 0;
        }
        return added->id;
    }

    // A hand-in of corpus files (relative to the corpus), in this thread.
    IngestSummary ingest(const QString &code, const QStringList &corpusFolders, const QString &album = {})
    {
        IngestOptions options;
        options.customerCode = code;
        for (const QString &folder : corpusFolders)
            options.sources.append(corpusPath(folder));
        options.albumTitle = album;
        options.actor = QStringLiteral("test");
        IngestJob job(*lab, options);
        auto result = job.run();
        if (!result)
            qWarning("%s", qPrintable(result.error().message()));
        return result ? *result : IngestSummary();
    }
};

// Where screenshots go: a folder beside the test program.
inline QString shotDir()
{
    const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/shots");
    QDir().mkpath(dir);
    return dir;
}

inline int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); x += 2)
            colours.insert(line[x]);
    }
    return int(colours.size());
}

// The widget is shown, inside the window and not zero-sized.
inline bool visibleInside(const QWidget *window, const QWidget *widget)
{
    if (!widget || !widget->isVisible() || widget->width() <= 0 || widget->height() <= 0)
        return false;
    const QRect inWindow(widget->mapTo(window, QPoint(0, 0)), widget->size());
    return window->rect().contains(inWindow.center()) && inWindow.intersects(window->rect());
}

// Renders the window at this size into shots/NAME.png and returns the image.
inline QImage shoot(QWidget *window, const QSize &size, const QString &name)
{
    window->resize(size);
    QCoreApplication::processEvents();
    const QImage image = window->grab().toImage();
    image.save(shotDir() + QLatin1Char('/') + name + QStringLiteral(".png"));
    return image;
}

} // namespace Keepsake::Test
