// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintTestLab.h"

#include "base/JobRunner.h"
#include "catalog/AlbumChoices.h"
#include "catalog/SqlQuery.h"
#include "commands/Command.h"
#include "print/DiscPrints.h"
#include "print/IndexSheet.h"
#include "print/PrintJobs.h"
#include "print/PrintLanguage.h"
#include "print/PrintOutput.h"

#include <QPdfWriter>
#include <QSemaphore>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

// A synthetic sheet of 'count' photos whose thumbnails are made here: for page counts
// and sizes that do not depend on the corpus.
IndexSheetContent syntheticContent(int count)
{
    IndexSheetContent content;
    content.labName = QStringLiteral("Test Lab");
    content.customerName = QStringLiteral("Иван Петров");
    content.customerCode = QStringLiteral("K-7");
    content.albumTitles = { QStringLiteral("Garden party") };
    content.totalPhotos = count;
    for (int i = 0; i < count; ++i)
        content.entries.append({ i + 1, i + 1, QStringLiteral("IMG_%1.JPG").arg(i + 1, 4, 10, QLatin1Char('0')),
                                 QStringLiteral("2026-06-01T10:00:00"), QString(), i == 0 });
    return content;
}

QImage syntheticThumbnail(const IndexEntry &entry)
{
    QImage image(160, 120, QImage::Format_RGB32);
    image.fill(QColor::fromHsv(int(entry.frame * 37) % 360, 200, 200));
    return image;
}

} // namespace

class TestPrintSheet : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        for (const char *tool : { "pdfinfo", "pdfimages", "pdffonts", "pdftotext", "pdftoppm" })
            QVERIFY2(haveTool(QString::fromLatin1(tool)), qPrintable(QStringLiteral("%1 is missing: install poppler-utils").arg(QLatin1String(tool))));
        QVERIFY(m_lab.open(QStringLiteral("山田 花子"), QStringLiteral("ja"), 9));
        QCOMPARE(m_lab.photos.size(), 9);
    }

    // The album's sheet read back with poppler: pages, A4, one image per photo (the
    // cover marked, not repeated), fonts embedded, the header's words.
    void albumSheet()
    {
        const QString pdf = m_lab.file(QStringLiteral("album.pdf"));
        const PrintJobs jobs(*m_lab.lab);
        auto done = jobs.indexOfAlbums({ m_lab.album.id }, std::nullopt, PaperFormat(), 0, { pdf, {} });
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message()));
        QCOMPARE(done->photos, 9);
        QCOMPARE(pdfInfo(pdf, QStringLiteral("Pages")), QStringLiteral("1"));
        QVERIFY(pdfInfo(pdf, QStringLiteral("Page size")).startsWith(QLatin1String("595 x 842 pts")));
        QCOMPARE(pdfImageCount(pdf), 9);
        bool embedded = false;
        QVERIFY(embeddedFontCount(pdf, &embedded) > 0);
        QVERIFY(embedded);
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("山田 花子")), qPrintable(text));
        // The customer's language (Japanese) prints the header.
        QVERIFY2(text.contains(QStringLiteral("まだディスクに記録されていません")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Holiday")));
        QVERIFY(text.contains(QStringLiteral("C1")));
        QVERIFY(text.contains(m_lab.photos.first().name.left(8)));
        QVERIFY(text.contains(QStringLiteral("1 / 1 ページ")));
        QVERIFY(text.contains(QStringLiteral("表紙")));
        QVERIFY(!text.contains(QStringLiteral("選択")));
    }

    // Thumbnails are where the grid puts them, and the rest of the page is blank.
    void thumbnailsAreDrawn()
    {
        const QString pdf = m_lab.file(QStringLiteral("album.pdf"));
        QVERIFY(QFile::exists(pdf));
        const QImage page = renderPage(pdf, 1, 50, m_lab.dir.path());
        QVERIFY(!page.isNull());
        const double dpmm = 50 / 25.4;
        // A4 portrait, 10 mm margins, 5 columns of 36.4 mm with 2 mm gaps: the first
        // row of thumbnails lies between about 25 and 50 mm from the top.
        int drawn = 0;
        for (int column = 0; column < 5; ++column) {
            const double left = 10 + column * 38.4;
            const QRect cell(int((left + 6) * dpmm), int(30 * dpmm), int(24 * dpmm), int(14 * dpmm));
            if (pictureShare(page, cell) > 0.3)
                ++drawn;
        }
        QCOMPARE(drawn, 5);
        // 9 photos fill two rows; below them the page is white.
        const QRect empty(int(12 * dpmm), int(120 * dpmm), int(185 * dpmm), int(160 * dpmm));
        QCOMPARE(greySpread(page, empty), 0.0);
    }

    void selection()
    {
        const AlbumChoices choices(m_lab.lab->catalog(), Actor::system(QStringLiteral("test")));
        const QList<qint64> chosen { m_lab.photos.at(2).id, m_lab.photos.at(5).id, m_lab.photos.at(7).id };
        QVERIFY(choices.setSelection(m_lab.album.id, chosen, m_lab.clock.now()));
        const PrintJobs jobs(*m_lab.lab);
        const QString stored = m_lab.file(QStringLiteral("stored.pdf"));
        auto done = jobs.indexOfAlbums({ m_lab.album.id }, std::nullopt, PaperFormat(), 0, { stored, {} });
        QVERIFY(done);
        QVERIFY(done->selection);
        QCOMPARE(pdfImageCount(stored), 3);
        const QString text = pdfText(stored);
        QVERIFY2(text.contains(QStringLiteral("選択: 9 枚中 3 枚")), qPrintable(text));
        QVERIFY(text.contains(m_lab.photos.at(5).name.left(8)));
        // A selection named at print time wins; a name works as well as an ID.
        const QString named = m_lab.file(QStringLiteral("named.pdf"));
        done = jobs.indexOfAlbums({ m_lab.album.id }, QStringList { m_lab.photos.at(0).name, QString::number(m_lab.photos.at(1).id) },
                                  PaperFormat(), 0, { named, {} });
        QVERIFY(done);
        QCOMPARE(pdfImageCount(named), 2);
        // An empty selection prints all again.
        QVERIFY(choices.setSelection(m_lab.album.id, {}, m_lab.clock.now()));
        const auto none = choices.selection(m_lab.album.id);
        QVERIFY(none && none->isEmpty());
        // A photo of no album of the sheet is refused, naming it.
        done = jobs.indexOfAlbums({ m_lab.album.id }, QStringList { QStringLiteral("NOPE.JPG") }, PaperFormat(), 0,
                                  { m_lab.file(QStringLiteral("nope.pdf")), {} });
        QVERIFY(!done);
        QVERIFY(done.error().message().contains(QStringLiteral("NOPE.JPG")));
        QVERIFY(!QFile::exists(m_lab.file(QStringLiteral("nope.pdf"))));
    }

    void papers_data()
    {
        QTest::addColumn<QString>("paper");
        QTest::addColumn<bool>("landscape");
        QTest::addColumn<int>("columns");
        QTest::addColumn<QString>("pageSize");
        QTest::addColumn<int>("perPage");
        QTest::newRow("A4 portrait, 35 a page") << QStringLiteral("a4") << false << 0 << QStringLiteral("595 x 842") << 35;
        QTest::newRow("A4 landscape") << QStringLiteral("a4") << true << 0 << QStringLiteral("842 x 595") << 28;
        QTest::newRow("Letter") << QStringLiteral("letter") << false << 0 << QStringLiteral("612 x 792") << 30;
        QTest::newRow("10x15 landscape") << QStringLiteral("10x15") << true << 0 << QStringLiteral("425 x 283") << 32;
        QTest::newRow("4x6 portrait, 4 columns") << QStringLiteral("4x6") << false << 4 << QStringLiteral("288 x 432") << 24;
    }

    // Page size and count as poppler reads them, for every paper of the lab.
    void papers()
    {
        QFETCH(QString, paper);
        QFETCH(bool, landscape);
        QFETCH(int, columns);
        QFETCH(QString, pageSize);
        QFETCH(int, perPage);
        const PrintLanguage language(QStringLiteral("ru"));
        const PaperFormat format(*PaperFormat::parse(paper), landscape ? QPageLayout::Landscape : QPageLayout::Portrait);
        const int photos = 2 * perPage + 1;
        const IndexSheet sheet(syntheticContent(photos), format, columns, language);
        const QString pdf = m_lab.file(QStringLiteral("paper-%1.pdf").arg(QString::fromUtf8(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('_')));
        const Status status = PrintOutput::writePdf(pdf, sheet.pageLayout(), QStringLiteral("papers"), [&](QPdfWriter &writer) {
            return sheet.render(writer, syntheticThumbnail);
        });
        QVERIFY2(status, qPrintable(status ? QString() : status.error().message()));
        QVERIFY2(pdfInfo(pdf, QStringLiteral("Page size")).startsWith(pageSize), qPrintable(pdfInfo(pdf, QStringLiteral("Page size"))));
        QCOMPARE(pdfInfo(pdf, QStringLiteral("Pages")), QStringLiteral("3"));
        QCOMPARE(pdfImageCount(pdf), photos);
        const QString text = pdfText(pdf);
        QVERIFY(text.contains(QStringLiteral("Иван Петров")));
        QVERIFY(text.contains(QStringLiteral("Page 3 of 3")));
    }

    // A long sheet reports progress photo by photo and stops when cancelled, leaving
    // no file behind.
    void progressAndCancel()
    {
        const PrintLanguage language;
        const IndexSheet sheet(syntheticContent(120), PaperFormat(), 0, language);
        QList<int> reported;
        const QString whole = m_lab.file(QStringLiteral("long.pdf"));
        Status status = PrintOutput::writePdf(whole, sheet.pageLayout(), QStringLiteral("long"), [&](QPdfWriter &writer) {
            return sheet.render(writer, syntheticThumbnail, nullptr, [&](int done, int total) {
                QCOMPARE(total, 120);
                reported.append(done);
            });
        });
        QVERIFY(status);
        QCOMPARE(reported.size(), 120);
        QCOMPARE(reported.last(), 120);
        QVERIFY(std::is_sorted(reported.cbegin(), reported.cend()));

        CancelToken cancel;
        int drawn = 0;
        const QString cancelled = m_lab.file(QStringLiteral("cancelled.pdf"));
        status = PrintOutput::writePdf(cancelled, sheet.pageLayout(), QStringLiteral("cancelled"), [&](QPdfWriter &writer) {
            return sheet.render(writer, syntheticThumbnail, &cancel, [&](int done, int) {
                drawn = done;
                if (done == 40)
                    cancel.cancel();
            });
        });
        QVERIFY(!status);
        QCOMPARE(status.error().kind(), Error::Kind::Cancelled);
        QCOMPARE(drawn, 40);
        QVERIFY(!QFile::exists(cancelled));
        QCOMPARE(QDir(m_lab.dir.path()).entryList({ QStringLiteral(".cancelled.pdf*") }, QDir::Hidden | QDir::Files).size(), 0);
    }

    // The window's way: on a JobRunner, with progress on this thread, and cancellable.
    void jobOffTheGuiThread()
    {
        const Lab &lab = *m_lab.lab;
        const qint64 album = m_lab.album.id;
        const auto indexPrint = [&lab, album](const QString &pdf) {
            return [&lab, album, pdf](JobControl &control) {
                return PrintJobs(lab).indexOfAlbums({ album }, std::nullopt, PaperFormat(), 0, { pdf, {} },
                                                    &control.cancelToken(),
                                                    [&control](int done, int total) { control.setProgress(done, total); });
            };
        };
        JobRunner runner;
        QSignalSpy progress(&runner, &JobRunner::progress);
        QSignalSpy finished(&runner, &JobRunner::finished);
        std::optional<Result<PrintJobs::Done>> printed;
        const QString pdf = m_lab.file(QStringLiteral("job.pdf"));
        QVERIFY(runner.start(indexPrint(pdf), [&](const Result<PrintJobs::Done> &done) { printed = done; }));
        QVERIFY(finished.wait(30000));
        QVERIFY(printed.has_value() && *printed);
        QCOMPARE(progress.size(), int(m_lab.photos.size()));
        QCOMPARE(progress.last().at(0).toLongLong(), qint64(m_lab.photos.size()));
        QCOMPARE((*printed)->photos, int(m_lab.photos.size()));
        QCOMPARE(pdfImageCount(pdf), int(m_lab.photos.size()));

        // Cancelled by the window on the first progress report (the work waits for
        // it): fails as cancelled, and leaves no file.
        const QString stopped = m_lab.file(QStringLiteral("job-cancelled.pdf"));
        QSemaphore windowCancelled;
        connect(&runner, &JobRunner::progress, &runner, [&runner, &windowCancelled] {
            runner.cancel();
            windowCancelled.release();
        });
        std::optional<Result<PrintJobs::Done>> cancelled;
        QVERIFY(runner.start(
            [&windowCancelled, print = indexPrint(stopped)](JobControl &control) {
                control.setProgress(0, 1);
                windowCancelled.acquire();
                return print(control);
            },
            [&](const Result<PrintJobs::Done> &done) { cancelled = done; }));
        QVERIFY(finished.wait(30000));
        QVERIFY(finished.last().at(0).toBool());
        QVERIFY(cancelled.has_value() && !*cancelled);
        QCOMPARE(cancelled->error().kind(), Error::Kind::Cancelled);
        QVERIFY(!QFile::exists(stopped));
    }

    // After a recording (rows set up directly, as the disc work writes them): the
    // index sheet names the disc and the files on it, the receipt carries the disc
    // order's pickup code, both as PDFs in DIR/prints/<disc>/.
    void discPrints()
    {
        const QString disc = QStringLiteral("KS-TEST-20261120-001");
        const Status recorded = m_lab.lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
            SqlQuery addDisc(db, QStringLiteral("INSERT INTO discs (id, customer_id, media, created_at) VALUES (:id, :c, 'dvd', :t)"));
            addDisc.bind(QStringLiteral(":id"), disc).bind(QStringLiteral(":c"), m_lab.customer.id)
                .bind(QStringLiteral(":t"), QStringLiteral("2026-11-20T10:00:00Z"));
            if (Status s = addDisc.exec(); !s)
                return s;
            SqlQuery session(db, QStringLiteral("INSERT INTO disc_sessions (disc_id, number, recorded_at, verified_at) "
                                                "VALUES (:d, 1, :t, :t2) RETURNING id"));
            session.bind(QStringLiteral(":d"), disc).bind(QStringLiteral(":t"), QStringLiteral("2026-11-20T10:05:00Z"))
                .bind(QStringLiteral(":t2"), QStringLiteral("2026-11-20T10:09:00Z"));
            const Result<qint64> sessionId = session.execReturningId();
            if (!sessionId)
                return sessionId.error();
            for (qsizetype i = 0; i < m_lab.photos.size(); ++i) {
                SqlQuery photo(db, QStringLiteral("INSERT INTO disc_photos (session_id, photo_id, path) VALUES (:s, :p, :path)"));
                photo.bind(QStringLiteral(":s"), *sessionId).bind(QStringLiteral(":p"), m_lab.photos.at(i).id)
                    .bind(QStringLiteral(":path"), QStringLiteral("2026-11-20 Holiday/DISC_%1.JPG").arg(i + 1, 3, 10, QLatin1Char('0')));
                if (Status s = photo.exec(); !s)
                    return s;
            }
            return Status::success();
        });
        QVERIFY(recorded);
        const auto produced = DiscPrints::produce(*m_lab.lab, disc, 1, {});
        QVERIFY2(produced, qPrintable(produced ? QString() : produced.error().message()));
        QCOMPARE(produced->files.size(), 2);
        const QString folder = m_lab.lab->path(QStringLiteral("prints/") + disc);
        for (const QString &file : produced->files)
            QVERIFY2(file.startsWith(folder) && QFile::exists(file), qPrintable(file));
        const QString index = produced->files.at(0);
        QCOMPARE(pdfImageCount(index), int(m_lab.photos.size()));
        const QString text = pdfText(index);
        QVERIFY2(text.contains(disc), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("DISC_001.JPG")));
        QVERIFY(!text.contains(QStringLiteral("まだディスクに記録されていません")));
        const QString receipt = pdfText(produced->files.at(1));
        SqlQuery code(m_lab.lab->catalog().db(), QStringLiteral("SELECT pickup_code FROM disc_sessions WHERE disc_id = :d"));
        code.bind(QStringLiteral(":d"), disc);
        QVERIFY(code.exec());
        QVERIFY(code.next());
        QCOMPARE(code.text(0).size(), 8);
        QVERIFY(receipt.contains(code.text(0).left(4) + QLatin1Char('-') + code.text(0).mid(4)));
        // keepsakectl prints the disc's sheet and receipt for its customer only.
        QCOMPARE(ctl({ QStringLiteral("print"), QStringLiteral("index"), QStringLiteral("--customer"), QStringLiteral("C1"),
                       QStringLiteral("--disc"), disc, QStringLiteral("--pdf"), m_lab.file(QStringLiteral("ctl-disc.pdf")) }),
                 int(ExitDone));
        QCOMPARE(pdfImageCount(m_lab.file(QStringLiteral("ctl-disc.pdf"))), int(m_lab.photos.size()));
        QVERIFY(Customers(m_lab.lab->catalog()).add({ QStringLiteral("C2"), QStringLiteral("Other"), {}, {}, {}, {} }, m_lab.clock.now()));
        QCOMPARE(ctl({ QStringLiteral("print"), QStringLiteral("receipt"), QStringLiteral("--customer"), QStringLiteral("C2"),
                       QStringLiteral("--disc"), disc, QStringLiteral("--pdf"), m_lab.file(QStringLiteral("other.pdf")) }),
                 int(ExitRefused));
        QVERIFY(!QFile::exists(m_lab.file(QStringLiteral("other.pdf"))));
        QCOMPARE(ctl({ QStringLiteral("print"), QStringLiteral("receipt"), QStringLiteral("--customer"), QStringLiteral("C1"),
                       QStringLiteral("--disc"), QStringLiteral("KS-NONE"), QStringLiteral("--pdf"), m_lab.file(QStringLiteral("none.pdf")) }),
                 int(ExitUsage));
        // An album's sheet now names the disc too.
        const QString album = m_lab.file(QStringLiteral("recorded.pdf"));
        QVERIFY(PrintJobs(*m_lab.lab).indexOfAlbums({ m_lab.album.id }, std::nullopt, PaperFormat(), 0, { album, {} }));
        QVERIFY(pdfText(album).contains(disc));
    }

private:
    int ctl(const QStringList &args)
    {
        CancelToken cancel;
        return runKeepsakectl(QStringList { QStringLiteral("keepsakectl"), QStringLiteral("--quiet"), QStringLiteral("--data-dir"),
                                            m_lab.lab->dataDir(), QStringLiteral("--catalog"), m_lab.catalogUrl }
                                  + args,
                              m_lab.clock, cancel);
    }

    PrintLab m_lab;
};

QTEST_MAIN(TestPrintSheet)
#include "tst_printsheet.moc"
