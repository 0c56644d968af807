// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The device's side of a hand-in over the network (HandinReception), without the
// network: the files are stored as they arrive, in the order they were offered, so
// that little is left when the client says it is done; a cancel keeps what was stored
// and says so, as a local hand-in does; a spool the store cannot link is copied.
#include "TestSupport.h"

#include "base/Actor.h"
#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "ingest/FileInspector.h"
#include "ingest/IngestFeed.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"
#include "metadata/ImageDecoder.h"
#include "metadata/MetadataReader.h"
#include "net/HandinReception.h"
#include "store/BlobStore.h"
#include "store/Sha256.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Keepsake;

namespace {

constexpr int WaitMs = 20000;

struct CardFile
{
    QString path;
    QByteArray bytes;
    QString sha256;
};

CardFile cardFile(const QString &corpusFile, const QString &path)
{
    QFile file(Test::corpusPath(corpusFile));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    CardFile card { path, file.readAll(), QString() };
    card.sha256 = Sha256::of(card.bytes);
    return card;
}

QJsonObject offered(const CardFile &file)
{
    return { { QStringLiteral("path"), file.path }, { QStringLiteral("size"), file.bytes.size() },
             { QStringLiteral("sha256"), file.sha256 } };
}

} // namespace

class TestHandinReception : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void storesEachFileAsItArrives();
    void cancelKeepsWhatWasStored();
    void spoolOnAnotherFileSystemIsCopied();

private:
    // Opens a hand-in for c1 and offers the files; each is to be sent.
    QString openWith(HandinReception &reception, const QList<CardFile> &files);
    QJsonObject state(HandinReception &reception, const QString &id);
    // The file whole, in one piece, as a client sends a photo.
    bool send(HandinReception &reception, const QString &id, const CardFile &file);
    qint64 photos() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock { QDateTime(QDate(2026, 10, 7), QTime(10, 0), QTimeZone::utc()) };
    std::unique_ptr<Lab> m_lab;
    QList<CardFile> m_card;
};

void TestHandinReception::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_lab = Test::labWithCustomerC1(m_dir->path(), Test::testCatalogUrl(m_dir->path()), m_clock);
    QVERIFY(m_lab);
    m_card = { cardFile(QStringLiteral("real/jpeg/Apple_iPhone_4.jpg"), QStringLiteral("DCIM/A.JPG")),
               cardFile(QStringLiteral("real/jpeg/Apple_iPhone_SE_IMG_4120.JPG"), QStringLiteral("DCIM/B.JPG")) };
    for (const CardFile &file : std::as_const(m_card))
        QVERIFY2(!file.bytes.isEmpty(), qPrintable(file.path));
}

void TestHandinReception::cleanup()
{
    m_lab.reset();
    m_dir.reset();
}

QString TestHandinReception::openWith(HandinReception &reception, const QList<CardFile> &files)
{
    HandinReception::Opening opening;
    opening.customerCode = QStringLiteral("c1");
    opening.thumbnails = false;
    opening.actor = Actor::system(QStringLiteral("test"));
    opening.owner = QStringLiteral("terminal 1");
    const Result<QString> id = reception.open(opening);
    if (!id)
        return {};
    QJsonArray offers;
    for (const CardFile &file : files)
        offers.append(offered(file));
    const Result<QJsonArray> answers = reception.offer(*id, opening.owner, offers);
    if (!answers || answers->size() != files.size())
        return {};
    for (const QJsonValue &answer : *answers) {
        if (answer.toObject().value(QStringLiteral("answer")).toString() != QLatin1String("send"))
            return {};
    }
    return *id;
}

QJsonObject TestHandinReception::state(HandinReception &reception, const QString &id)
{
    const Result<QJsonObject> state = reception.state(id, QStringLiteral("terminal 1"), 0);
    return state ? *state : QJsonObject();
}

bool TestHandinReception::send(HandinReception &reception, const QString &id, const CardFile &file)
{
    return reception.receiveNow(id, QStringLiteral("terminal 1"), file.path, 0, file.bytes, file.sha256).ok();
}

qint64 TestHandinReception::photos() const
{
    return Test::countOf(m_lab->catalog(), QStringLiteral("SELECT count(*) FROM photos"));
}

// The first file is stored, and its record there to read, while the second has not
// been sent yet; the client's "done" only ends the hand-in.
void TestHandinReception::storesEachFileAsItArrives()
{
    HandinReception reception(*m_lab);
    const QString id = openWith(reception, m_card);
    QVERIFY(!id.isEmpty());
    QVERIFY(send(reception, id, m_card.at(0)));

    QTRY_COMPARE_WITH_TIMEOUT(state(reception, id).value(QStringLiteral("records")).toArray().size(), 1, WaitMs);
    const QJsonObject record = state(reception, id).value(QStringLiteral("records")).toArray().first().toObject();
    QCOMPARE(record.value(QStringLiteral("path")).toString(), m_card.at(0).path);
    QCOMPARE(record.value(QStringLiteral("outcome")).toString(), QStringLiteral("new"));
    QCOMPARE(photos(), 1);
    QCOMPARE(state(reception, id).value(QStringLiteral("state")).toString(), QStringLiteral("receiving"));

    QVERIFY(send(reception, id, m_card.at(1)));
    QVERIFY(reception.finish(id, QStringLiteral("terminal 1")));
    QTRY_COMPARE_WITH_TIMEOUT(state(reception, id).value(QStringLiteral("state")).toString(), QStringLiteral("done"), WaitMs);
    const QJsonObject done = state(reception, id);
    QCOMPARE(done.value(QStringLiteral("records")).toArray().size(), 2);
    QCOMPARE(done.value(QStringLiteral("summary")).toObject().value(QStringLiteral("new")).toInt(), 2);
    QCOMPARE(photos(), 2);
    QTRY_VERIFY(!QFileInfo::exists(m_lab->path(QStringLiteral("spool/handins/") + id)));   // gone after
}

// A cancel after the first file keeps it, as a local hand-in keeps what it stored,
// and the hand-in says so; the file that never came is not waited for.
void TestHandinReception::cancelKeepsWhatWasStored()
{
    HandinReception reception(*m_lab);
    const QString id = openWith(reception, m_card);
    QVERIFY(!id.isEmpty());
    QVERIFY(send(reception, id, m_card.at(0)));
    QTRY_COMPARE_WITH_TIMEOUT(photos(), 1, WaitMs);

    QVERIFY(reception.cancel(id, QStringLiteral("terminal 1")));
    QTRY_COMPARE_WITH_TIMEOUT(state(reception, id).value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"),
                              WaitMs);
    const QJsonObject summary = state(reception, id).value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("new")).toInt(), 1);
    QCOMPARE(summary.value(QStringLiteral("cancelled")).toBool(), true);
    QCOMPARE(photos(), 1);
    QCOMPARE(Test::countOf(m_lab->catalog(), QStringLiteral("SELECT count(*) FROM handins WHERE state = 'cancelled'")), 1);
    QVERIFY(!send(reception, id, m_card.at(1)));
}

// A spool the store cannot hard-link (on another file system; /dev/shm here) is read
// and copied instead (HandinWriter::addFromSource), for a file looked at on arrival
// and so never read whole before.
void TestHandinReception::spoolOnAnotherFileSystemIsCopied()
{
    QTemporaryDir spool(QStringLiteral("/dev/shm/keepsake-spool-XXXXXX"));
    QVERIFY(spool.isValid());
    struct stat spoolStat {};
    struct stat dataStat {};
    QVERIFY(::stat(QFile::encodeName(spool.path()).constData(), &spoolStat) == 0);
    QVERIFY(::stat(QFile::encodeName(m_dir->path()).constData(), &dataStat) == 0);
    QVERIFY2(spoolStat.st_dev != dataStat.st_dev, "the spool must lie on another file system than the store");
    const CardFile &card = m_card.at(0);
    QFile spooled(spool.filePath(QStringLiteral("A.JPG")));
    QVERIFY(spooled.open(QIODevice::WriteOnly) && spooled.write(card.bytes) == card.bytes.size());
    spooled.close();

    const CustomerIndex index;
    const MetadataReader metadata;
    const ImageDecoder decoder;
    FileBytesPool buffers { 0 };
    const FileInspector inspector(index, metadata, decoder, buffers, false, true);
    auto feed = std::make_shared<IngestFeed>();
    feed->add({ CardEntry { spooled.fileName(), QStringLiteral("A.JPG"), spool.path(), card.bytes.size(), QString() },
                std::nullopt, card.sha256, inspector.inspectArrived(QStringLiteral("A.JPG"), card.bytes, card.sha256) });
    feed->close();
    IngestOptions options;
    options.customerCode = QStringLiteral("c1");
    options.thumbnails = false;
    options.sources = { spool.path() };   // named in the hand-in's record, as a reception names its spool
    options.sourcesAreSpool = true;
    options.feed = feed;
    IngestJob job(*m_lab, options);
    const Result<IngestSummary> summary = job.run();
    QVERIFY2(summary, summary ? "" : qPrintable(summary.error().message()));
    QCOMPARE(summary->added, 1);
    QFile stored(m_lab->store().pathFor(card.sha256));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(Sha256::of(stored.readAll()), card.sha256);
    QCOMPARE(QFileInfo(stored.fileName()).size(), card.bytes.size());
    QVERIFY(QFile::exists(spooled.fileName()));   // the spool is its owner's to remove
}

QTEST_GUILESS_MAIN(TestHandinReception)
#include "tst_handinreception.moc"
