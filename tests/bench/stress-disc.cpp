// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// stress-disc: stages and burns the corpus' HEIF, RAW and TIFF photos many times in one
// process, the disc's photos staged on a pool of many threads (more than the cores),
// while other threads of the same process read metadata and make thumbnails of the
// same files, as the counter does when a hand-in runs beside a burn. Each run writes a
// stdio: image, verifies it (every file's MD5 against the manifest's, made from bytes
// checked against their SHA-256) and records it; the albums are then set back to
// expired for the next run. At the end the store is checked: no stored byte changed.
//
// Not a test in CI (label "stress"): run it under the sanitizer builds with
// tests/sanitizers/stress.sh, which also counts crashes and sanitizer reports.
//
//   stress-disc --ctl KEEPSAKECTL --corpus DIR [--runs 200] [--threads 8]
#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "disc/BurnJob.h"
#include "lab/Lab.h"
#include "metadata/MetadataReader.h"
#include "metadata/Thumbnailer.h"
#include "store/BlobStore.h"
#include "lab/StoreCheck.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <cstdio>

using namespace Keepsake;

namespace {

struct Options
{
    QString ctl;
    QString corpus;
    int runs = 200;
    int threads = 8;
};

bool runCtl(const Options &options, const QString &data, const QStringList &args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(options.ctl, QStringList { QStringLiteral("--data-dir"), data, QStringLiteral("--quiet") } + args);
    if (!process.waitForStarted() || !process.waitForFinished(600000) || process.exitStatus() != QProcess::NormalExit) {
        std::fprintf(stderr, "keepsakectl %s did not finish\n", qPrintable(args.join(QLatin1Char(' '))));
        return false;
    }
    return process.exitCode() == 0 || process.exitCode() == 3;   // 3: some files rejected, by design
}

// The corpus' HEIF, RAW and TIFF photos, handed in for customer C1.
bool prepareLab(const Options &options, const QString &data)
{
    QStringList ingest { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                         QStringLiteral("--album"), QStringLiteral("Stress") };
    for (const char *folder : { "real/heif", "real/raw", "real/tiff" })
        ingest << QDir(options.corpus).filePath(QLatin1String(folder));
    return runCtl(options, data, { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"),
                                   QStringLiteral("C1"), QStringLiteral("--name"), QStringLiteral("Stress") })
        && runCtl(options, data, ingest);
}

bool expireAll(const Lab &lab)
{
    SqlQuery update(lab.catalog().db(), QStringLiteral("UPDATE albums SET state = 'expired'"));
    return update.exec().ok();
}

// Reads metadata and makes thumbnails of the stored photos until told to stop: exiv2,
// libheif, LibRaw and Qt's image plugins busy on other threads while the disc is staged.
class Neighbour : public QThread
{
public:
    Neighbour(const Lab &lab, QStringList shas) : m_lab(lab), m_shas(std::move(shas)) { }
    void stop() { m_stop.store(true); }
    int rounds() const { return m_rounds.load(); }

protected:
    void run() override
    {
        QTemporaryDir cache;
        const Thumbnailer scratch(cache.path());
        while (!m_stop.load()) {
            for (const QString &sha : std::as_const(m_shas)) {
                const QString stored = m_lab.store().pathFor(sha);
                (void)MetadataReader().readFile(stored);
                (void)scratch.make(sha, stored);
                QFile::remove(scratch.path(sha, Thumbnailer::Size::Grid));
                QFile::remove(scratch.path(sha, Thumbnailer::Size::Print));
            }
            m_rounds.fetch_add(1);
        }
    }

private:
    const Lab &m_lab;
    QStringList m_shas;
    std::atomic<bool> m_stop { false };
    std::atomic<int> m_rounds { 0 };
};

QStringList storedHashes(const Lab &lab)
{
    SqlQuery query(lab.catalog().db(), QStringLiteral("SELECT sha256 FROM photos ORDER BY id"));
    QStringList shas;
    if (query.exec().ok())
        while (query.next())
            shas << query.text(0);
    return shas;
}

int stress(const Options &options)
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    if (!prepareLab(options, data))
        return 1;
    SystemClock clock;
    auto opened = Lab::open(LabLocation::resolve(data, {}), clock);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
        return 1;
    }
    const Lab &lab = **opened;
    const QStringList shas = storedHashes(lab);
    Neighbour readers(lab, shas), thumbnailers(lab, shas);
    readers.start();
    thumbnailers.start();
    int burned = 0, failed = 0, verifiedFiles = 0;
    QElapsedTimer clockTime;
    clockTime.start();
    for (int run = 1; run <= options.runs; ++run) {
        const QString iso = dir.filePath(QStringLiteral("run.iso"));
        QFile::remove(iso);
        if (!expireAll(lab)) {
            ++failed;
            continue;
        }
        BurnOptions burn { QStringLiteral("C1"), {}, QStringLiteral("stdio:") + iso, {}, 0, false,
                           dir.filePath(QStringLiteral("prints")), QStringLiteral("stress"), options.threads };
        BurnJob job(lab, burn);
        const Result<BurnSummary> result = job.run();
        if (!result || result->recordedAlbums.isEmpty()) {
            ++failed;
            std::fprintf(stderr, "run %d: %s\n", run, result ? "nothing recorded" : qPrintable(result.error().message()));
        } else {
            ++burned;
            verifiedFiles += result->filesVerified;
        }
        if (run % 20 == 0)
            std::fprintf(stderr, "%d runs, %.0f s\n", run, clockTime.elapsed() / 1000.0);
    }
    readers.stop();
    thumbnailers.stop();
    readers.wait();
    thumbnailers.wait();
    const Result<StoreCheck::Report> checked = StoreCheck(lab.catalog(), lab.store()).run(CancelToken(), {});
    const qsizetype changed = checked ? checked->damaged.size() + checked->missing.size() : -1;
    std::printf("| runs | burned and verified | failed | files verified | stored photos changed | "
                "neighbour rounds | staging threads | seconds |\n|---|---|---|---|---|---|---|---|\n");
    std::printf("| %d | %d | %d | %d | %lld | %d | %d | %.0f |\n", options.runs, burned, failed, verifiedFiles,
                static_cast<long long>(changed), readers.rounds() + thumbnailers.rounds(), options.threads,
                clockTime.elapsed() / 1000.0);
    return failed == 0 && changed == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);   // the prints after a burn draw text
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Stages and burns the same photos many times beside metadata readers."));
    parser.addHelpOption();
    const QCommandLineOption ctl(QStringLiteral("ctl"), QStringLiteral("The keepsakectl to prepare the lab with."), QStringLiteral("PATH"));
    const QCommandLineOption corpus(QStringLiteral("corpus"), QStringLiteral("The shared photo corpus."), QStringLiteral("DIR"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Burns to make."), QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Photos staged at once."), QStringLiteral("N"),
                                     QStringLiteral("8"));
    parser.addOptions({ ctl, corpus, runs, threads });
    parser.process(app);
    const Options options { parser.value(ctl), parser.value(corpus), parser.value(runs).toInt(), parser.value(threads).toInt() };
    if (options.ctl.isEmpty() || options.corpus.isEmpty() || options.runs <= 0 || options.threads <= 0) {
        std::fprintf(stderr, "stress-disc: --ctl, --corpus and positive --runs and --threads are needed\n");
        return 2;
    }
    return stress(options);
}
