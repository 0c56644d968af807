// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench-gui: the counter window with a customer of 10,000 photos in 50 albums.
// Measures (1) the time from choosing the customer to the first thumbnails on screen
// (target ≤ 0.5 s) and to a full first screen, and (2) the longest stall of the event
// loop while the grid is scrolled from top to bottom (target ≤ 100 ms). The catalog and
// its grid thumbnails are generated once into ~/.cache/keepsake-bench/gui-N.
//
//   bench-gui [--photos N] [--albums N] [--runs N]
#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/SqlQuery.h"
#include "base/Time.h"
#include "common/PhotoGridModel.h"
#include "counter/CounterWindow.h"
#include "counter/CustomerPanel.h"
#include "lab/Lab.h"
#include "metadata/Thumbnailer.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QListView>
#include <QPainter>
#include <QScrollBar>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Keepsake;

namespace {

QByteArray thumbnailJpeg(int index)
{
    QImage image(256, 192, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient gradient(0, 0, 256, 192);
    gradient.setColorAt(0, QColor::fromHsv((index * 37) % 360, 160, 220));
    gradient.setColorAt(1, QColor::fromHsv((index * 91) % 360, 200, 90));
    painter.fillRect(image.rect(), gradient);
    painter.setPen(Qt::white);
    painter.drawText(image.rect(), Qt::AlignCenter, QString::number(index));
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    return bytes;
}

Status generate(const Lab &lab, int photos, int albums)
{
    auto customer = Customers(lab.catalog()).add({ QStringLiteral("BIG"), QStringLiteral("Großkunde Bench"),
                                                   {}, {}, {}, {} }, lab.clock().now());
    if (!customer)
        return customer.error();
    const QString now = toCatalogTime(lab.clock().now());
    return lab.catalog().transaction([&](QSqlDatabase &db) -> Status {
        SqlQuery handin(db, QStringLiteral("INSERT INTO handins (customer_id, started_at, finished_at, channel, source, "
                                           "pickup_code, state) VALUES (:c, :now, :now, 'cli', 'bench', 'BENCH001', "
                                           "'finished') RETURNING id"));
        handin.bind(QStringLiteral(":c"), customer->id).bind(QStringLiteral(":now"), now);
        auto handinId = handin.execReturningId();
        if (!handinId)
            return handinId.error();
        for (int a = 0; a < albums; ++a) {
            const QDate day = QDate(2026, 1, 1).addDays(a);
            SqlQuery album(db, QStringLiteral("INSERT INTO albums (owner_id, group_kind, title, group_date, created_at, "
                                              "first_handin_at, expires_on) VALUES (:o, 'date', :t, :t, :now, :now, :e) "
                                              "RETURNING id"));
            album.bind(QStringLiteral(":o"), customer->id).bind(QStringLiteral(":t"), toCatalogDate(day))
                .bind(QStringLiteral(":now"), now).bind(QStringLiteral(":e"), toCatalogDate(day.addDays(90)));
            auto albumId = album.execReturningId();
            if (!albumId)
                return albumId.error();
            for (int p = a * photos / albums; p < (a + 1) * photos / albums; ++p) {
                const QByteArray jpeg = thumbnailJpeg(p);
                const QString sha = QString::fromLatin1(QCryptographicHash::hash(QByteArray::number(p) + jpeg,
                                                                                   QCryptographicHash::Sha256).toHex());
                const QString path = lab.thumbnails().path(sha, Thumbnailer::Size::Grid);
                QDir().mkpath(QFileInfo(path).path());
                QFile file(path);
                if (!file.open(QIODevice::WriteOnly) || file.write(jpeg) != jpeg.size())
                    return Error::failure(QStringLiteral("Cannot write %1").arg(path));
                SqlQuery blob(db, QStringLiteral("INSERT INTO blobs (sha256, size, quick_hash, stored_at) "
                                                 "VALUES (:s, 4000000, :s, :now)"));
                blob.bind(QStringLiteral(":s"), sha).bind(QStringLiteral(":now"), now);
                SqlQuery photo(db, QStringLiteral(
                    "INSERT INTO photos (album_id, customer_id, handin_id, sha256, original_name, source_path, taken_at, "
                    "size, created_at) VALUES (:a, :c, :h, :s, :n, :n, :t, 4000000, :now)"));
                photo.bind(QStringLiteral(":a"), *albumId).bind(QStringLiteral(":c"), customer->id)
                    .bind(QStringLiteral(":h"), *handinId).bind(QStringLiteral(":s"), sha)
                    .bind(QStringLiteral(":n"), QStringLiteral("IMG_%1.JPG").arg(p, 5, 10, QLatin1Char('0')))
                    .bind(QStringLiteral(":t"), day.startOfDay().addSecs(p).toString(Qt::ISODate))
                    .bind(QStringLiteral(":now"), now);
                if (Status s = blob.exec(); !s)
                    return s;
                if (Status s = photo.exec(); !s)
                    return s;
            }
        }
        return Status::success();
    });
}

struct Run { double firstMs = 0; double screenMs = 0; double stallMs = 0; int rows = 0; };

// Waits in the event loop until the condition holds or the time is up.
bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

Run measure(CounterWindow &window, qint64 customerId)
{
    Run run;
    CustomerPanel *panel = window.customers();
    PhotoGridModel *grid = panel->grid();
    auto *view = window.findChild<QListView *>(QStringLiteral("photoGrid"));
    QElapsedTimer clock;
    clock.start();
    panel->showCustomer(customerId);
    waitFor([&] { return grid->loadedCount() > 0; }, 30000);
    run.firstMs = clock.nsecsElapsed() / 1e6;
    const int visible = std::max(1, (view->viewport()->width() / view->gridSize().width())
                                         * (view->viewport()->height() / view->gridSize().height()));
    waitFor([&] { return grid->loadedCount() >= std::min(visible, grid->rowCount()); }, 30000);
    run.screenMs = clock.nsecsElapsed() / 1e6;
    run.rows = grid->rowCount();

    // Scroll top to bottom a screen step per frame (60 per second), as a flick would;
    // the longest gap between two turns of the event loop is the worst stall.
    QScrollBar *bar = view->verticalScrollBar();
    // The grid lays itself out in batches: scroll once all rows have their place.
    int settled = 0;
    waitFor([&] {
        const int before = bar->maximum();
        QCoreApplication::processEvents();
        settled = (bar->maximum() == before && before > 0) ? settled + 1 : 0;
        return settled > 50;
    }, 30000);
    bar->setValue(0);
    const int step = std::max(1, view->viewport()->height() / 2);
    QTimer frame;
    frame.setInterval(16);
    QObject::connect(&frame, &QTimer::timeout, &window, [&] { bar->setValue(bar->value() + step); });
    frame.start();
    QElapsedTimer gap;
    gap.start();
    qint64 longest = 0;
    while (bar->value() < bar->maximum()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        longest = std::max(longest, gap.nsecsElapsed());
        gap.restart();
    }
    frame.stop();
    run.stallMs = longest / 1e6;
    return run;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption photosOption(QStringLiteral("photos"), QStringLiteral("Photos of the customer."),
                                          QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption albumsOption(QStringLiteral("albums"), QStringLiteral("Albums."), QStringLiteral("N"),
                                          QStringLiteral("50"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs."), QStringLiteral("N"),
                                        QStringLiteral("3"));
    parser.addOptions({ photosOption, albumsOption, runsOption });
    parser.addHelpOption();
    parser.process(app);
    const int photos = parser.value(photosOption).toInt();
    const int albums = parser.value(albumsOption).toInt();
    const int runs = parser.value(runsOption).toInt();

    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
        + QStringLiteral("/keepsake-bench/gui-%1-%2").arg(photos).arg(albums);
    // The cache is kept while the thumbnail cache's layout stays as it was made: "ready"
    // holds where a grid thumbnail goes (a moved cache would leave every thumbnail missing).
    const auto layoutOf = [&cache](const Lab &lab) {
        return QDir(cache).relativeFilePath(lab.thumbnails().path(QString(64, QLatin1Char('0')), Thumbnailer::Size::Grid))
            .toUtf8();
    };
    const auto readyLayout = [&cache] {
        QFile ready(cache + QStringLiteral("/ready"));
        return ready.open(QIODevice::ReadOnly) ? ready.readAll() : QByteArray();
    };
    QByteArray madeWith = readyLayout();
    const SystemClock clock;
    auto lab = Lab::open({ cache, QStringLiteral("sqlite:") + cache + QStringLiteral("/catalog.sqlite") }, clock);
    if (!lab) {
        std::fprintf(stderr, "%s\n", qPrintable(lab.error().message()));
        return 1;
    }
    const bool fresh = madeWith.isEmpty() || madeWith != layoutOf(**lab);
    if (fresh) {   // new, or made for another layout: start from nothing
        lab->reset();
        QDir(cache).removeRecursively();
        lab = Lab::open({ cache, QStringLiteral("sqlite:") + cache + QStringLiteral("/catalog.sqlite") }, clock);
        if (!lab) {
            std::fprintf(stderr, "%s\n", qPrintable(lab.error().message()));
            return 1;
        }
    }
    if (fresh) {
        QElapsedTimer made;
        made.start();
        if (Status s = generate(**lab, photos, albums); !s) {
            std::fprintf(stderr, "generating the catalog failed: %s\n", qPrintable(s.error().message()));
            return 1;
        }
        QFile ready(cache + QStringLiteral("/ready"));
        if (ready.open(QIODevice::WriteOnly))
            ready.write(layoutOf(**lab));
        std::printf("generated %d photos in %d albums in %.1f s\n", photos, albums, made.elapsed() / 1000.0);
    }
    const auto customer = Customers((*lab)->catalog()).byCode(QStringLiteral("BIG"));
    if (!customer)
        return 1;

    CounterWindow window(**lab);
    window.resize(1920, 1080);
    window.show();
    QList<double> first, screen, stall;
    int rows = 0;
    for (int i = 0; i < runs; ++i) {
        window.customers()->grid()->setPhotos({});   // nothing of the last run on screen
        const Run run = measure(window, customer->id);
        first << run.firstMs;
        screen << run.screenMs;
        stall << run.stallMs;
        rows = run.rows;
        std::printf("run %d: first thumbnail %.0f ms, first screen %.0f ms, longest stall while scrolling %.0f ms\n",
                    i + 1, run.firstMs, run.screenMs, run.stallMs);
    }
    const bool firstOk = median(first) <= 500;
    const bool stallOk = median(stall) <= 100;
    std::printf("\ncounter window, customer with %d photos in %d albums (%d rows in the grid), %d runs, %d cores\n",
                photos, albums, rows, runs, QThread::idealThreadCount());
    std::printf("| work | median | target | met |\n|---|---|---|---|\n");
    std::printf("| choose customer → first thumbnail shown (first run, pixmaps cold) | %.0f ms | ≤ 500 ms | %s |\n",
                first.first(), first.first() <= 500 ? "yes" : "no");
    std::printf("| choose customer → first thumbnail shown (median) | %.0f ms | ≤ 500 ms | %s |\n", median(first),
                firstOk ? "yes" : "no");
    std::printf("| choose customer → first screen of thumbnails | %.0f ms | — | |\n", median(screen));
    std::printf("| longest event-loop stall, scrolling the whole grid | %.0f ms | ≤ 100 ms | %s |\n", median(stall),
                stallOk ? "yes" : "no");
    return rows == photos ? 0 : 1;
}
