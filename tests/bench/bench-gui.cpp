// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench-gui: the counter window on a catalog of 1,000,000 photos, opening a customer
// who has 10,000 of them in 50 albums. Every run is a fresh process (this program
// started again with --measure-once) with cold caches: before it, the catalog file
// and the customer's thumbnail files are dropped from the page cache
// (posix_fadvise DONTNEED, after fdatasync). A run types the customer's code into the
// search box and presses Enter, as the clerk does, and measures
//   - the time from Enter to the first screen of thumbnails painted (≤ 0.5 s): the
//     first paint of the grid's viewport at which every photo it shows has its
//     thumbnail, up to the end of that paint;
//   - the worst frame from Enter until the grid has been scrolled to its end (≤ 100 ms):
//     the longest gap between two beats of a 4 ms timer on the window's thread. The
//     grid is scrolled as a user would: a page at a time (the scroll bar's page step,
//     as Page Down or a click in the trough does), every 33 ms (a key's auto-repeat),
//     the event loop running between the steps, until the last photo is on screen
//     with its thumbnail. For the worst frame, the run also says how much of it the
//     window's thread ran (CLOCK_THREAD_CPUTIME_ID) and how long it was ready but had
//     no core (/proc/thread-self/schedstat): a busy machine against Keepsake's own work.
// The catalog (python3 bench-expiry-catalog.py --big) and the customer's 256-px grid
// thumbnails (real JPEGs at Thumbnailer's paths) are made once into
// ~/.cache/keepsake-bench/gui-TOTAL-N-A. Medians of the runs and the worst are shown;
// --rows FILE appends the headline rows as TSV (work, keepsake s, peer s, ratio, goal,
// met). Exit 1 on a wrong outcome (a run that fails, a grid without every photo);
// a missed goal shows as "no".
//
//   bench-gui [--photos 10000] [--albums 50] [--catalog-photos 1000000]
//             [--customers 20000] [--runs 3] [--rows FILE] [--generator PATH] [--inject-stall MS]
#include "bench-gui-catalog.h"

#include "base/Clock.h"
#include "common/PhotoGridModel.h"
#include "counter/CounterWindow.h"
#include "counter/CustomerPanel.h"
#include "lab/Lab.h"
#include "metadata/Thumbnailer.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QScrollBar>
#include <QSet>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <sys/mman.h>
#include <time.h>

#include <algorithm>
#include <cstdio>

using namespace Keepsake;

namespace {

using namespace BenchGui;

#ifndef KEEPSAKE_BENCH_DIR
#define KEEPSAKE_BENCH_DIR "tests/bench"
#endif

int fail(const QString &text)
{
    std::fprintf(stderr, "bench-gui: %s\n", qPrintable(text));
    return 1;
}

// ---- one run, in its own process ------------------------------------------------------

struct RunFigures
{
    double firstScreenMs = -1;   // Enter → first screen of thumbnails painted
    double worstFrameMs = 0;     // longest gap between beats, Enter → scrolled to the end
    double worstAtMs = 0;        // when that gap began
    double worstCpuMs = 0;       // how much of it the window's thread ran (the rest: waiting for a core or the disk)
    double worstQueuedMs = 0;    // how much of it the thread was ready to run but had no core (schedstat)
    double busiestMs = 0;        // the most the window's thread ran between two beats
    double endMs = -1;           // Enter → the last photo on screen with its thumbnail
    int rows = 0;
    int tiles = 0;               // photos on the first screen
    QSize viewport;
    int steps = 0;
};

// Drives the counter window through one opening and scroll, in its event loop.
class CounterRun : public QObject
{
public:
    CounterRun(CounterWindow &window, int expectedRows, int stallMs)
        : m_panel(window.customers()), m_model(window.customers()->grid()),
          m_view(window.findChild<QListView *>(QStringLiteral("photoGrid"))),
          m_search(window.findChild<QLineEdit *>(QStringLiteral("customerSearch"))), m_expected(expectedRows), m_stallMs(stallMs)
    {
        m_beat.setTimerType(Qt::PreciseTimer);
        m_beat.setInterval(4);
        connect(&m_beat, &QTimer::timeout, this, &CounterRun::beat);
        m_step.setTimerType(Qt::PreciseTimer);
        m_step.setInterval(33);
        connect(&m_step, &QTimer::timeout, this, &CounterRun::step);
        m_view->viewport()->installEventFilter(this);
    }

    std::optional<RunFigures> run(const QString &code)
    {
        m_search->setFocus();
        m_search->setText(code);
        QTimer::singleShot(0, this, [this] { pressEnter(); });
        QTimer::singleShot(120000, &m_loop, [this] { m_loop.exit(1); });
        if (m_loop.exec() != 0)
            return std::nullopt;
        m_figures.rows = m_model->rowCount();
        return m_figures;
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_painted && screenShown() > 0)
            m_painted = true, QTimer::singleShot(0, this, [this] { painted(); });   // after this paint
        return QObject::eventFilter(watched, event);
    }

private:
    double now() const { return m_clock.nsecsElapsed() / 1e6; }

    void pressEnter()
    {
        m_clock.start();
        m_lastBeat = 0;
        m_lastCpu = threadCpuMs();
        m_lastQueued = queuedMs();
        m_beat.start();
        QKeyEvent press(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_Return, Qt::NoModifier);
        QCoreApplication::sendEvent(m_search, &press);
        QCoreApplication::sendEvent(m_search, &release);
    }

    static double threadCpuMs()
    {
        timespec t {};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    }

    // The time this thread has waited, ready to run, for a core (the kernel's schedstat).
    static double queuedMs()
    {
        QFile stat(QStringLiteral("/proc/thread-self/schedstat"));
        if (!stat.open(QIODevice::ReadOnly))
            return 0;
        const QList<QByteArray> fields = stat.readAll().split(' ');
        return fields.size() > 1 ? fields[1].toDouble() / 1e6 : 0;
    }

    void beat()
    {
        const double at = now();
        const double cpu = threadCpuMs();
        const double queued = queuedMs();
        if (at - m_lastBeat > m_figures.worstFrameMs) {
            m_figures.worstFrameMs = at - m_lastBeat;
            m_figures.worstAtMs = m_lastBeat;
            m_figures.worstCpuMs = cpu - m_lastCpu;
            m_figures.worstQueuedMs = queued - m_lastQueued;
        }
        m_figures.busiestMs = std::max(m_figures.busiestMs, cpu - m_lastCpu);
        m_lastBeat = at;
        m_lastCpu = cpu;
        m_lastQueued = queued;
    }

    // Every photo the viewport shows has its thumbnail (the customer's grid, not yet
    // another's). Sampled at half a grid cell, so no tile is missed.
    int screenShown() const
    {
        if (m_model->rowCount() != m_expected || m_expected == 0)
            return 0;
        const QSize cell = m_view->gridSize();
        const QRect area = m_view->viewport()->rect();
        QSet<int> shown;
        for (int y = 1; y < area.height(); y += std::max(1, cell.height() / 2)) {
            for (int x = 1; x < area.width(); x += std::max(1, cell.width() / 2)) {
                const QModelIndex index = m_view->indexAt(QPoint(x, y));
                if (!index.isValid())
                    continue;
                if (!index.data(PhotoGridModel::LoadedRole).toBool())
                    return 0;
                shown.insert(index.row());
            }
        }
        return int(shown.size());
    }

    void painted()
    {
        if (m_figures.firstScreenMs < 0) {
            m_figures.firstScreenMs = now();
            m_figures.tiles = screenShown();
            m_figures.viewport = m_view->viewport()->size();
            m_painted = false;   // from now on: the screen at the end
            m_step.start();
            return;
        }
        if (m_atEnd) {
            m_figures.endMs = now();
            beat();
            m_loop.exit(0);
        } else {
            m_painted = false;
        }
    }

    void step()
    {
        QScrollBar *bar = m_view->verticalScrollBar();
        // The view shows the grid through a proxy (the captions): its own index, not the grid's.
        const QAbstractItemModel *shown = m_view->model();
        const QModelIndex last = shown->index(shown->rowCount() - 1, 0);
        if (bar->value() >= bar->maximum() && m_view->visualRect(last).intersects(m_view->viewport()->rect())) {
            m_step.stop();
            m_atEnd = true;
            m_painted = false;
            m_view->viewport()->update();   // a paint that tells whether the last screen is complete
            return;
        }
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        if (++m_figures.steps == 3 && m_stallMs > 0) {   // --inject-stall: the measurement must see it
            QElapsedTimer busy;
            busy.start();
            while (busy.elapsed() < m_stallMs) { }
        }
    }

    CustomerPanel *m_panel;
    PhotoGridModel *m_model;
    QListView *m_view;
    QLineEdit *m_search;
    const int m_expected;
    const int m_stallMs;
    QEventLoop m_loop;
    QTimer m_beat;
    QTimer m_step;
    QElapsedTimer m_clock;
    double m_lastBeat = 0;
    double m_lastCpu = 0;
    double m_lastQueued = 0;
    bool m_painted = false;
    bool m_atEnd = false;
    RunFigures m_figures;
};

// Runs the event loop until the condition holds (or the time is up).
bool settle(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

int measureOnce(const Options &o, int stallMs)
{
    const SystemClock clock;
    auto lab = openLab(o.cache, clock);
    if (!lab)
        return fail(lab.error().message());
    CounterWindow window(**lab);
    window.resize(1920, 1080);
    window.show();
    // The window opens on the first customer of the list: that read ends first.
    settle([&window] { return !window.customers()->isLoading(); }, 60000);
    QElapsedTimer idle;
    idle.start();
    settle([&idle] { return idle.elapsed() > 500; }, 1000);
    CounterRun run(window, o.photos, stallMs);
    const std::optional<RunFigures> f = run.run(BigCode);
    if (!f)
        return fail(QStringLiteral("the run did not reach the end of the grid within 120 s"));
    const QJsonObject result { { QStringLiteral("first_screen_ms"), f->firstScreenMs },
                               { QStringLiteral("worst_frame_ms"), f->worstFrameMs },
                               { QStringLiteral("worst_at_ms"), f->worstAtMs },
                               { QStringLiteral("worst_cpu_ms"), f->worstCpuMs },
                               { QStringLiteral("worst_queued_ms"), f->worstQueuedMs },
                               { QStringLiteral("busiest_ms"), f->busiestMs },
                               { QStringLiteral("end_ms"), f->endMs },
                               { QStringLiteral("rows"), f->rows },
                               { QStringLiteral("tiles"), f->tiles },
                               { QStringLiteral("viewport"), QStringLiteral("%1×%2").arg(f->viewport.width())
                                                                 .arg(f->viewport.height()) },
                               { QStringLiteral("steps"), f->steps } };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return f->rows == o.photos ? 0 : fail(QStringLiteral("the grid has %1 photos, the customer %2").arg(f->rows).arg(o.photos));
}

// ---- the driver -------------------------------------------------------------------------

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    if (values.isEmpty())
        return 0;
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double worst(const QList<double> &values)
{
    return values.isEmpty() ? 0 : *std::max_element(values.begin(), values.end());
}

QStringList coldFiles(const Options &o, const QList<PhotoRecord> &photos, const Lab &lab)
{
    QStringList files;
    for (const char *suffix : { "", "-wal", "-shm" })
        files << o.cache + QStringLiteral("/catalog.sqlite") + QLatin1String(suffix);
    for (const PhotoRecord &photo : photos)
        files << lab.thumbnails().path(photo.sha256, Thumbnailer::Size::Grid);
    return files;
}

struct Runs
{
    QList<double> first, frame, busiest, end, process;
    QList<QJsonObject> each;
};

// One fresh process per run, caches dropped before each.
std::optional<Runs> runAll(const Options &o, const QStringList &files, int stallMs)
{
    Runs runs;
    for (int i = 0; i < o.runs; ++i) {
        const Residency left = dropFromPageCache(files);
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer wall;
        wall.start();
        child.start(QCoreApplication::applicationFilePath(),
                    { QStringLiteral("--measure-once"), QStringLiteral("--cache"), o.cache,
                      QStringLiteral("--photos"), QString::number(o.photos),
                      QStringLiteral("--inject-stall"), QString::number(stallMs) });
        if (!child.waitForFinished(300000) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
            return std::nullopt;
        const double processMs = wall.nsecsElapsed() / 1e6;
        const QList<QByteArray> lines = child.readAllStandardOutput().trimmed().split('\n');
        const QJsonObject r = QJsonDocument::fromJson(lines.last()).object();
        runs.first << r.value(QStringLiteral("first_screen_ms")).toDouble();
        runs.frame << r.value(QStringLiteral("worst_frame_ms")).toDouble();
        runs.end << r.value(QStringLiteral("end_ms")).toDouble();
        runs.busiest << r.value(QStringLiteral("busiest_ms")).toDouble();
        runs.process << processMs;
        runs.each << r;
        std::printf("run %d (fresh process, %.1f of %.1f MB of its files in the page cache after dropping): first screen "
                    "%.0f ms (%d photos in a %s viewport), worst frame %.0f ms (at %.0f ms; the window's thread ran %.0f ms "
                    "of it and waited %.0f ms for a core; at most %.0f ms between two beats), last photo shown at %.0f ms after %d page steps; "
                    "process %.1f s\n",
                    i + 1, left.resident / 1e6, left.total / 1e6, runs.first.last(), r.value(QStringLiteral("tiles")).toInt(),
                    qPrintable(r.value(QStringLiteral("viewport")).toString()), runs.frame.last(),
                    r.value(QStringLiteral("worst_at_ms")).toDouble(), r.value(QStringLiteral("worst_cpu_ms")).toDouble(),
                    r.value(QStringLiteral("worst_queued_ms")).toDouble(),
                    r.value(QStringLiteral("busiest_ms")).toDouble(), runs.end.last(),
                    r.value(QStringLiteral("steps")).toInt(), processMs / 1000);
        std::fflush(stdout);
    }
    return runs;
}

QByteArray loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().split(' ').mid(0, 3).join(' ') : QByteArray("?");
}

QString number(double seconds)
{
    return QString::number(seconds, 'f', 3);
}

void report(const Options &o, const Runs &runs)
{
    const double first = median(runs.first), frame = median(runs.frame);
    const bool firstMet = first <= 500, frameMet = frame <= 100;
    std::printf("\ncounter window, 1920×1080 offscreen; catalog of %d photos, customer %s with %d photos in %d albums; "
                "%d runs, each a fresh process with the catalog and thumbnails dropped from the page cache; "
                "%d cores; load %s\n",
                o.catalogPhotos, qPrintable(BigCode), o.photos, o.albums, o.runs, QThread::idealThreadCount(),
                loadAverage().constData());
    std::printf("| work | median | worst | goal | met |\n|---|---|---|---|---|\n");
    std::printf("| Enter on the customer's code → first screen of thumbnails painted | %.0f ms | %.0f ms | ≤ 500 ms | %s |\n",
                first, worst(runs.first), firstMet ? "yes" : "no");
    std::printf("| worst frame, Enter → grid scrolled to its end a page at a time | %.0f ms | %.0f ms | ≤ 100 ms | %s |\n",
                frame, worst(runs.frame), frameMet ? "yes" : "no");
    std::printf("| the most the window's thread ran between two beats (CPU) | %.0f ms | %.0f ms | — | |\n",
                median(runs.busiest), worst(runs.busiest));
    std::printf("| Enter → last photo on screen with its thumbnail (scrolling) | %.0f ms | %.0f ms | — | |\n",
                median(runs.end), worst(runs.end));
    std::printf("| whole process (start, window, run, exit) | %.1f s | %.1f s | — | |\n", median(runs.process) / 1000,
                worst(runs.process) / 1000);
    if (o.rows.isEmpty())
        return;
    QFile rows(o.rows);
    if (!rows.open(QIODevice::Append | QIODevice::Text)) {
        std::fprintf(stderr, "bench-gui: cannot append to %s\n", qPrintable(o.rows));
        return;
    }
    const auto row = [&rows](const QString &work, double seconds, const QString &goal, bool met) {
        rows.write(QStringList({ work, number(seconds), QStringLiteral("-"), QStringLiteral("-"), goal,
                                 met ? QStringLiteral("yes") : QStringLiteral("no") })
                       .join(QLatin1Char('\t')).toUtf8() + '\n');
    };
    row(QStringLiteral("counter: open a customer of %1 photos (of %2), cold -> first screen of thumbnails")
            .arg(o.photos).arg(o.catalogPhotos), first / 1000, QStringLiteral("<= 0.5 s"), firstMet);
    row(QStringLiteral("counter: worst frame, opening that customer and scrolling to the end"), frame / 1000,
        QStringLiteral("<= 0.1 s"), frameMet);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const auto option = [&parser](const char *name, const char *help, const QString &value = {}) {
        QCommandLineOption o(QLatin1String(name), QLatin1String(help), value.isNull() ? QString() : QStringLiteral("V"),
                             value);
        parser.addOption(o);
        return o;
    };
    const auto photos = option("photos", "Photos of the measured customer.", QStringLiteral("10000"));
    const auto albums = option("albums", "Albums of the measured customer.", QStringLiteral("50"));
    const auto total = option("catalog-photos", "Photos in the catalog, all customers.", QStringLiteral("1000000"));
    const auto customers = option("customers", "Other customers.", QStringLiteral("20000"));
    const auto runs = option("runs", "Runs, each a fresh process.", QStringLiteral("3"));
    const auto rows = option("rows", "Append the headline rows to this file (TSV).", QString(QLatin1String("")));
    const auto generator = option("generator", "The catalog generator (bench-expiry-catalog.py).",
                                  QStringLiteral(KEEPSAKE_BENCH_DIR "/bench-expiry-catalog.py"));
    const auto cache = option("cache", "The catalog's folder (default: in the cache).", QString(QLatin1String("")));
    const auto once = option("measure-once", "One run in this process (the driver starts these).");
    const auto stall = option("inject-stall", "Block the window's thread this long at the 3rd page step "
                                              "(a check that the measurement sees a stall).", QStringLiteral("0"));
    parser.addHelpOption();
    parser.process(app);
    Options o { parser.value(photos).toInt(), parser.value(albums).toInt(), parser.value(total).toInt(),
                parser.value(customers).toInt(), parser.value(runs).toInt(), parser.value(rows),
                parser.value(generator), parser.value(cache) };
    if (o.cache.isEmpty())
        o.cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
            + QStringLiteral("/keepsake-bench/gui-%1-%2-%3").arg(o.catalogPhotos).arg(o.photos).arg(o.albums);
    if (parser.isSet(once))
        return measureOnce(o, parser.value(stall).toInt());

    const SystemClock clock;
    if (Status s = prepare(o, clock); !s)
        return fail(QStringLiteral("preparing the catalog failed: %1").arg(s.error().message()));
    QStringList files;
    {
        auto lab = openLab(o.cache, clock);
        if (!lab)
            return fail(lab.error().message());
        const Result<QList<PhotoRecord>> list = customerPhotos(**lab);
        if (!list)
            return fail(list.error().message());
        if (list->size() != o.photos)
            return fail(QStringLiteral("the catalog's customer has %1 photos, not %2").arg(list->size()).arg(o.photos));
        files = coldFiles(o, *list, **lab);
    }
    const std::optional<Runs> all = runAll(o, files, parser.value(stall).toInt());
    if (!all)
        return fail(QStringLiteral("a run failed"));
    report(o, *all);
    return 0;
}
