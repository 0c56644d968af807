// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsakectl as a script or cron job meets it: a real process, its exit codes, its
// JSON Lines (CLI.md).
#include "TestSupport.h"

#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <algorithm>

class TestCtl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void answersHelpAndVersion_data();
    void answersHelpAndVersion();
    void refusesBadUsage_data();
    void refusesBadUsage();
    void takesGlobalOptionsAnywhere();
    void takesTheDataFolderFromTheEnvironment();
    void writesJsonLinesForAHandIn();
    void saysWhenTheCardMayBeRemoved();
    void listsAlbumsAndPhotos();
    void setsAndClearsACaption();
    void reportsRejectsWithExitThree();
    void saysNothingOnStderrWhenAllIsWell();
    void checksTheStore();
    void keepsTheDataFolderPrivateWhateverTheUmask();
    void keepsAlbumTitlesOnOneLine();
    void survivesBeingKilledMidHandIn();
    void fullDiskMidHandInKeepsWhatWasStored();

private:
    struct Run { int code = -1; QByteArray out; QByteArray err; QList<QJsonObject> records; };
    Run ctl(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    QStringList lab() const { return { QStringLiteral("--data-dir"), m_dir->path(), QStringLiteral("--catalog"), m_catalog }; }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_catalog;
};

void TestCtl::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_catalog = Keepsake::Test::testCatalogUrl(m_dir->path());
    QCOMPARE(ctl(lab() + QStringList { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"),
                                       QStringLiteral("C1"), QStringLiteral("--name"), QStringLiteral("Anna Berg"),
                                       QStringLiteral("--email"), QStringLiteral("anna@example.org") }).code, 0);
}

void TestCtl::cleanup()
{
    m_dir.reset();
}

TestCtl::Run TestCtl::ctl(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("KEEPSAKECTL"), args);
    Run run;
    if (!process.waitForFinished(300000))
        return run;
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    for (const QByteArray &line : run.out.split('\n')) {
        if (line.startsWith('{'))
            run.records.append(QJsonDocument::fromJson(line).object());
    }
    return run;
}

void TestCtl::answersHelpAndVersion_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("overview") << QStringList { QStringLiteral("--help") } << "Commands:";
    QTest::newRow("version") << QStringList { QStringLiteral("--version") } << "keepsakectl";
    QTest::newRow("ingest help") << QStringList { QStringLiteral("ingest"), QStringLiteral("--help") } << "--no-thumbnails";
    QTest::newRow("ingest example") << QStringList { QStringLiteral("ingest"), QStringLiteral("--help") } << "Example:";
    QTest::newRow("customer add help") << QStringList { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--help") } << "--email";
    QTest::newRow("check help") << QStringList { QStringLiteral("check"), QStringLiteral("--help") } << "--repair";
}

void TestCtl::answersHelpAndVersion()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Run run = ctl(args);
    QCOMPARE(run.code, 0);
    QVERIFY2(QString::fromUtf8(run.out).contains(expected), run.out.constData());
}

void TestCtl::refusesBadUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") } << "frobnicate";
    QTest::newRow("unknown option") << QStringList { QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--bogus") } << "bogus";
    QTest::newRow("unknown customer") << QStringList { QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("Z9") } << "Z9";
    QTest::newRow("no customer") << QStringList { QStringLiteral("ingest"), QStringLiteral("/tmp") } << "--customer";
    QTest::newRow("missing card") << QStringList { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("/no/such/card") } << "/no/such/card";
    QTest::newRow("duplicate customer") << QStringList { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("c1"), QStringLiteral("--name"), QStringLiteral("X") } << "c1";
    QTest::newRow("unknown album") << QStringList { QStringLiteral("photos"), QStringLiteral("--album"), QStringLiteral("99999") } << "99999";
}

void TestCtl::refusesBadUsage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    const Run run = ctl(lab() + args);
    QCOMPARE(run.code, 2);
    QVERIFY2(QString::fromUtf8(run.err).contains(says, Qt::CaseInsensitive), run.err.constData());
}

void TestCtl::takesGlobalOptionsAnywhere()
{
    const Run before = ctl(lab() + QStringList { QStringLiteral("--json"), QStringLiteral("customer"), QStringLiteral("list") });
    const Run after = ctl(QStringList { QStringLiteral("customer"), QStringLiteral("list"), QStringLiteral("--json") } + lab());
    QCOMPARE(before.code, 0);
    QCOMPARE(after.code, 0);
    QCOMPARE(before.out, after.out);
    QCOMPARE(before.records.size(), 2);
    QCOMPARE(before.records.first().value(QStringLiteral("code")).toString(), QStringLiteral("C1"));
    QVERIFY(before.records.last().contains(QStringLiteral("summary")));
}

void TestCtl::takesTheDataFolderFromTheEnvironment()
{
    if (Keepsake::Test::usingPostgres())
        return;   // the environment names a SQLite data folder; the option run covers PostgreSQL
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("KEEPSAKE_DATA_DIR"), m_dir->path());
    const Run run = ctl({ QStringLiteral("customer"), QStringLiteral("show"), QStringLiteral("C1") }, env);
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.contains("Anna Berg"));
    // The option wins over the environment.
    QTemporaryDir other;
    const Run elsewhere = ctl({ QStringLiteral("--data-dir"), other.path(), QStringLiteral("customer"), QStringLiteral("show"), QStringLiteral("C1") }, env);
    QCOMPARE(elsewhere.code, 2);
}

void TestCtl::writesJsonLinesForAHandIn()
{
    const Run run = ctl(lab() + QStringList { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                              QStringLiteral("--json"), Keepsake::Test::corpusPath(QStringLiteral("real/png")) });
    QCOMPARE(run.code, 0);
    QVERIFY(run.records.size() >= 2);
    const QJsonObject summary = run.records.last().value(QStringLiteral("summary")).toObject();
    for (const char *key : { "new", "already_received", "new_version", "rejected", "bytes_stored", "seconds", "handin" })
        QVERIFY2(summary.contains(QLatin1String(key)), key);
    const QJsonObject first = run.records.first();
    for (const char *key : { "path", "outcome", "photo", "album", "matched", "reason" })
        QVERIFY2(first.contains(QLatin1String(key)), key);
    QVERIFY(!first.value(QStringLiteral("path")).toString().startsWith(QLatin1Char('/')));   // relative to the source
    QCOMPARE(summary.value(QStringLiteral("new")).toInt(), int(run.records.size() - 1));
    QVERIFY(run.err.isEmpty() || !run.err.contains('\r'));   // no progress bar when stderr is no terminal

    const Run again = ctl(lab() + QStringList { QStringLiteral("--json"), QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                                Keepsake::Test::corpusPath(QStringLiteral("real/png")) });
    QCOMPARE(again.code, 0);
    const QJsonObject matched = again.records.first().value(QStringLiteral("matched")).toObject();
    QCOMPARE(again.records.first().value(QStringLiteral("outcome")).toString(), QStringLiteral("already_received"));
    QVERIFY(matched.contains(QStringLiteral("photo")) && matched.contains(QStringLiteral("name")) && matched.contains(QStringLiteral("disc")));
}

// stdout holds only the records and the summary; the moment the card may leave is
// one JSON event on stderr, with the times in the summary. (Camera JPEGs: a PNG is
// decoded whole when checked, and its thumbnails come from that decode, before.)
void TestCtl::saysWhenTheCardMayBeRemoved()
{
    const Run run = ctl(lab() + QStringList { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                              QStringLiteral("--json"), Keepsake::Test::corpusPath(QStringLiteral("dups/exact")) });
    QCOMPARE(run.code, 0);
    const QJsonObject summary = run.records.last().value(QStringLiteral("summary")).toObject();
    for (const QJsonObject &record : run.records)
        QVERIFY(!record.contains(QStringLiteral("event")));
    QList<QJsonObject> events;
    for (const QByteArray &line : run.err.split('\n')) {
        if (line.startsWith('{'))
            events.append(QJsonDocument::fromJson(line).object());
    }
    QCOMPARE(events.size(), 1);
    const QJsonObject event = events.first();
    QCOMPARE(event.value(QStringLiteral("event")).toString(), QStringLiteral("card_may_be_removed"));
    QCOMPARE(event.value(QStringLiteral("handin")).toInteger(), summary.value(QStringLiteral("handin")).toInteger());
    QCOMPARE(event.value(QStringLiteral("stored")).toInt(), summary.value(QStringLiteral("new")).toInt());
    QCOMPARE(event.value(QStringLiteral("files")).toInt(), int(run.records.size() - 1));
    const double cardFree = summary.value(QStringLiteral("card_free_seconds")).toDouble();
    QVERIFY(cardFree > 0);
    QVERIFY(cardFree <= summary.value(QStringLiteral("seconds")).toDouble());
    QVERIFY(summary.value(QStringLiteral("thumbnail_seconds")).toDouble() > 0);   // thumbnails made after
}

void TestCtl::listsAlbumsAndPhotos()
{
    QCOMPARE(ctl(lab() + QStringList { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--album"),
                                       QStringLiteral("Holiday"), Keepsake::Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    const Run albums = ctl(lab() + QStringList { QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--json") });
    QCOMPARE(albums.code, 0);
    QCOMPARE(albums.records.size(), 2);
    const QJsonObject album = albums.records.first();
    QCOMPARE(album.value(QStringLiteral("title")).toString(), QStringLiteral("Holiday"));
    QCOMPARE(album.value(QStringLiteral("owner")).toString(), QStringLiteral("C1"));
    QCOMPARE(album.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    QVERIFY(album.value(QStringLiteral("reason")).toString().contains(QLatin1String("Standard 90 days")));
    for (const char *key : { "id", "expires", "photos", "bytes", "cover", "disc" })
        QVERIFY2(album.contains(QLatin1String(key)), key);

    const Run photos = ctl(lab() + QStringList { QStringLiteral("photos"), QStringLiteral("--album"), QStringLiteral("Holiday"),
                                                 QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--json") });
    QCOMPARE(photos.code, 0);
    QCOMPARE(photos.records.size() - 1, album.value(QStringLiteral("photos")).toInt());
    for (const char *key : { "id", "name", "album", "taken", "camera", "size", "sha256", "version_of" })
        QVERIFY2(photos.records.first().contains(QLatin1String(key)), key);
    QCOMPARE(photos.records.first().value(QStringLiteral("sha256")).toString().size(), 64);

    const Run byId = ctl(lab() + QStringList { QStringLiteral("photos"), QStringLiteral("--album"),
                                               QString::number(album.value(QStringLiteral("id")).toInt()) });
    QCOMPARE(byId.code, 0);
}

// photo caption (issue 17): set, shown by photos, cleared; a photo that is not there
// and a caption too long are usage errors that change nothing.
void TestCtl::setsAndClearsACaption()
{
    QCOMPARE(ctl(lab() + QStringList { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--album"),
                                       QStringLiteral("Holiday"), Keepsake::Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    const QStringList photos = lab() + QStringList { QStringLiteral("photos"), QStringLiteral("--album"), QStringLiteral("Holiday"),
                                                     QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--json") };
    const QString id = QString::number(ctl(photos).records.first().value(QStringLiteral("id")).toInteger());
    auto caption = [&](const QString &photo, const QString &text) {
        return ctl(lab() + QStringList { QStringLiteral("photo"), QStringLiteral("caption"), QStringLiteral("--photo"), photo,
                                         QStringLiteral("--text"), text });
    };
    QCOMPARE(caption(id, QStringLiteral("Oma im Garten,\n  Sommer")).code, 0);
    QCOMPARE(ctl(photos).records.first().value(QStringLiteral("caption")).toString(), QStringLiteral("Oma im Garten, Sommer"));
    QCOMPARE(caption(id, QStringLiteral("Oma im\nGarten")).code, 0);
    QCOMPARE(ctl(photos).records.first().value(QStringLiteral("caption")).toString(), QStringLiteral("Oma im Garten"));
    const Run tooLong = caption(id, QString(501, QLatin1Char('x')));
    QCOMPARE(tooLong.code, 2);
    QVERIFY2(tooLong.err.contains("at most 500"), tooLong.err.constData());
    QCOMPARE(caption(QStringLiteral("999999"), QStringLiteral("x")).code, 2);
    QCOMPARE(caption(QStringLiteral("IMG_1.JPG"), QStringLiteral("x")).code, 2);
    QCOMPARE(ctl(photos).records.first().value(QStringLiteral("caption")).toString(), QStringLiteral("Oma im Garten"));
    QCOMPARE(caption(id, QString()).code, 0);
    QVERIFY(ctl(photos).records.first().value(QStringLiteral("caption")).isNull());
}

void TestCtl::reportsRejectsWithExitThree()
{
    const Run run = ctl(lab() + QStringList { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                              Keepsake::Test::corpusPath(QStringLiteral("bad/zero_byte")) });
    QCOMPARE(run.code, 3);
    QVERIFY(run.out.contains("empty"));
}

// A command that goes well writes nothing to stderr, on an existing catalog too: the
// PostgreSQL server's notices ("relation already exists, skipping") once came through.
void TestCtl::saysNothingOnStderrWhenAllIsWell()
{
    const Run status = ctl(lab() + QStringList { QStringLiteral("status"), QStringLiteral("--json") });
    QCOMPARE(status.code, 0);
    QVERIFY2(status.err.isEmpty(), status.err.constData());
}

void TestCtl::checksTheStore()
{
    QCOMPARE(ctl(lab() + QStringList { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"),
                                       Keepsake::Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    QCOMPARE(ctl(lab() + QStringList { QStringLiteral("check") }).code, 0);
    QFile stray(m_dir->filePath(QStringLiteral("store/00/00/.incoming-stray")));
    QDir().mkpath(m_dir->filePath(QStringLiteral("store/00/00")));
    QVERIFY(stray.open(QIODevice::WriteOnly));
    stray.close();
    const Run found = ctl(lab() + QStringList { QStringLiteral("check"), QStringLiteral("--json") });
    QCOMPARE(found.code, 3);
    QCOMPARE(found.records.first().value(QStringLiteral("problem")).toString(), QStringLiteral("unreferenced"));
    QCOMPARE(ctl(lab() + QStringList { QStringLiteral("check"), QStringLiteral("--repair") }).code, 0);
    QVERIFY(!stray.exists());
    QCOMPARE(ctl(lab() + QStringList { QStringLiteral("check") }).code, 0);
    const Run status = ctl(lab() + QStringList { QStringLiteral("status"), QStringLiteral("--json") });
    QCOMPARE(status.code, 0);
    QCOMPARE(status.records.last().value(QStringLiteral("summary")).toObject().value(QStringLiteral("customers")).toInt(), 1);
}

void TestCtl::keepsTheDataFolderPrivateWhateverTheUmask()
{
    const QString dataDir = m_dir->filePath(QStringLiteral("new-lab"));
    const QStringList lab { QStringLiteral("--data-dir"), dataDir };   // the embedded catalog in it
    const mode_t before = ::umask(022);
    const Run added = ctl(lab + QStringList { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"),
                                              QStringLiteral("C1"), QStringLiteral("--name"), QStringLiteral("Anna Berg"),
                                              QStringLiteral("--email"), QStringLiteral("anna@example.org") });
    ::umask(before);
    QCOMPARE(added.code, 0);
    const auto mode = [](const QString &path) {
        struct stat status {};
        return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? int(status.st_mode & 07777) : -1;
    };
    const QString catalog = QDir(dataDir).filePath(QStringLiteral("catalog.sqlite"));
    QCOMPARE(mode(dataDir), 0700);
    QCOMPARE(mode(catalog), 0600);

    const Run quiet = ctl(lab + QStringList { QStringLiteral("check"), QStringLiteral("--json") });
    QCOMPARE(quiet.code, 0);
    QCOMPARE(quiet.records.last().value(QStringLiteral("summary")).toObject().value(QStringLiteral("too_open")).toInt(), 0);

    QVERIFY(::chmod(QFile::encodeName(dataDir).constData(), 0755) == 0);
    QVERIFY(::chmod(QFile::encodeName(catalog).constData(), 0644) == 0);
    const Run warned = ctl(lab + QStringList { QStringLiteral("check"), QStringLiteral("--json") });
    QCOMPARE(warned.code, 0);   // a warning: the store and the catalog still agree
    QMap<QString, QString> modes;
    for (const QJsonObject &record : warned.records) {
        if (record.value(QStringLiteral("problem")).toString() == QStringLiteral("too_open"))
            modes.insert(record.value(QStringLiteral("path")).toString(), record.value(QStringLiteral("mode")).toString());
    }
    QCOMPARE(modes.value(dataDir), QStringLiteral("755"));
    QCOMPARE(modes.value(catalog), QStringLiteral("644"));
    const Run text = ctl(lab + QStringList { QStringLiteral("check") });
    QVERIFY2(text.out.contains("chmod 700 " + QFile::encodeName(dataDir)), text.out.constData());
}

void TestCtl::keepsAlbumTitlesOnOneLine()
{
    // A title goes into mail subjects: a line break in it would start a header of its own.
    QCOMPARE(ctl(lab() + QStringList { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--album"),
                                       QStringLiteral("Holiday\r\nBcc: all@example.org"),
                                       Keepsake::Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    const Run albums = ctl(lab() + QStringList { QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--json") });
    QCOMPARE(albums.code, 0);
    QCOMPARE(albums.records.first().value(QStringLiteral("title")).toString(), QStringLiteral("Holiday Bcc: all@example.org"));
}

void TestCtl::survivesBeingKilledMidHandIn()
{
    // A real crash: the process is killed as soon as its first batch is committed.
    QProcess process;
    process.start(qEnvironmentVariable("KEEPSAKECTL"),
                  lab() + QStringList { QStringLiteral("--json"), QStringLiteral("ingest"), QStringLiteral("--customer"),
                                        QStringLiteral("C1"), QStringLiteral("--no-thumbnails"),
                                        Keepsake::Test::corpusPath(QStringLiteral("real")) });
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.bytesAvailable() > 0 || process.state() == QProcess::NotRunning, 120000);
    process.kill();
    process.waitForFinished();
    // The next start marks the killed hand-in interrupted; status shows it.
    const Run status = ctl(lab() + QStringList { QStringLiteral("--json"), QStringLiteral("status") });
    QCOMPARE(status.code, 0);
    QCOMPARE(status.records.last().value(QStringLiteral("summary")).toObject().value(QStringLiteral("handins_interrupted")).toInt(), 1);
    // Whatever was committed is whole; the rest is absent: the store check agrees ...
    const Run check = ctl(lab() + QStringList { QStringLiteral("check"), QStringLiteral("--repair"), QStringLiteral("--json") });
    QCOMPARE(check.code, 0);
    const QJsonObject summary = check.records.last().value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("missing")).toInt(), 0);
    QCOMPARE(summary.value(QStringLiteral("damaged")).toInt(), 0);
    // ... and running the hand-in again finishes the job.
    const Run again = ctl(lab() + QStringList { QStringLiteral("--json"), QStringLiteral("ingest"), QStringLiteral("--customer"),
                                                QStringLiteral("C1"), Keepsake::Test::corpusPath(QStringLiteral("real")) });
    QVERIFY(again.code == 0 || again.code == 3);
    const Run albums = ctl(lab() + QStringList { QStringLiteral("--json"), QStringLiteral("albums"), QStringLiteral("--customer"), QStringLiteral("C1") });
    int stored = 0;
    for (const QJsonObject &album : albums.records)
        stored += album.value(QStringLiteral("photos")).toInt();
    const QJsonObject again2 = again.records.last().value(QStringLiteral("summary")).toObject();
    const int total = int(Keepsake::Test::corpusFiles(QStringLiteral("real")).size());
    QCOMPARE(again2.value(QStringLiteral("new")).toInt() + again2.value(QStringLiteral("new_version")).toInt()
                 + again2.value(QStringLiteral("already_received")).toInt() + again2.value(QStringLiteral("rejected")).toInt(), total);
    QCOMPARE(stored, total - again2.value(QStringLiteral("rejected")).toInt());
}


// The data folder on a small tmpfs (in a mount namespace of the test's own, so nothing
// outside sees it) fills during a hand-in: 64 small photos fit (one batch), the large
// ones after them do not. The hand-in ends with exit 1 and says how many photos were
// stored; those stay, catalogued and intact, and the store checks clean.
void TestCtl::fullDiskMidHandInKeepsWhatWasStored()
{
    const QString card = m_dir->filePath(QStringLiteral("card"));
    QDir().mkpath(card);
    qint64 small = 0;
    for (int i = 0; i < 64; ++i) {
        QImage image(32, 32, QImage::Format_RGB32);
        image.fill(QColor::fromRgb(i * 4, 255 - i * 4, (i * 37) % 256));
        const QString path = QDir(card).filePath(QStringLiteral("a%1.png").arg(i, 3, 10, QLatin1Char('0')));
        QVERIFY(image.save(path, "PNG"));
        small += QFileInfo(path).size();
    }
    QStringList large = Keepsake::Test::corpusFiles(QStringLiteral("real/jpeg"));
    std::sort(large.begin(), large.end(), [](const QString &a, const QString &b) {
        return QFileInfo(Keepsake::Test::corpusPath(a)).size() > QFileInfo(Keepsake::Test::corpusPath(b)).size();
    });
    for (int i = 0; i < 8; ++i)
        QVERIFY(QFile::copy(Keepsake::Test::corpusPath(large.at(i)), QDir(card).filePath(QStringLiteral("z%1.jpg").arg(i))));

    const QString data = m_dir->filePath(QStringLiteral("small-disk"));
    QDir().mkpath(data);
    const QString catalog = m_catalog.startsWith(QLatin1String("sqlite:")) ? QStringLiteral("sqlite:") + m_dir->filePath(QStringLiteral("disk-test.sqlite"))
                                                                            : m_catalog;
    const QString ctlPath = qEnvironmentVariable("KEEPSAKECTL");
    auto quoted = [](const QString &text) { return QLatin1Char('\'') + text + QLatin1Char('\''); };
    const QString lab = QStringLiteral("%1 --data-dir %2 --catalog %3").arg(quoted(ctlPath), quoted(data), quoted(catalog));
    // Room for the small photos and the data folder's own files, not for a large photo.
    const qint64 room = (small + (1 << 20)) / 4096 * 4096;
    const QString script = QStringLiteral(
        "set -u; mount -t tmpfs -o size=%1 keepsake-test %2 || exit 90\n"
        "%3 customer add --code DISK1 --name Anna >/dev/null || exit 91\n"
        "%3 --json ingest --customer DISK1 --no-thumbnails %4 >/dev/null; echo \"INGEST_EXIT=$?\"\n"
        "%3 check >/dev/null 2>&1; echo \"CHECK_EXIT=$?\"\n"
        "%3 --json albums --customer DISK1 | sed 's/^/ALBUM /'\n")
                               .arg(room).arg(quoted(data), lab, quoted(card));
    QProcess shell;
    shell.setProcessChannelMode(QProcess::MergedChannels);
    shell.start(QStringLiteral("unshare"), { QStringLiteral("--mount"), QStringLiteral("--propagation"), QStringLiteral("private"),
                                             QStringLiteral("sh"), QStringLiteral("-c"), script });
    QVERIFY2(shell.waitForFinished(300000), "the hand-in onto a small disk did not finish");
    const QString out = QString::fromUtf8(shell.readAll());
    QVERIFY2(shell.exitCode() != 90, qPrintable(QStringLiteral("cannot mount a tmpfs (needs root): ") + out));
    QVERIFY2(shell.exitCode() != 91, qPrintable(QStringLiteral("customer add failed: ") + out));
    QVERIFY2(out.contains(QLatin1String("INGEST_EXIT=1")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("64 photos of it were stored before")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("CHECK_EXIT=0")), qPrintable(out));
    int catalogued = 0;
    for (const QString &line : out.split(QLatin1Char('\n')))
        if (line.startsWith(QLatin1String("ALBUM {")))
            catalogued += QJsonDocument::fromJson(line.mid(6).toUtf8()).object().value(QStringLiteral("photos")).toInt();
    QCOMPARE(catalogued, 64);
}

QTEST_GUILESS_MAIN(TestCtl)
#include "tst_ctl.moc"
