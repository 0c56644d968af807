// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The device's thumbnail maker (net/ThumbnailMaker): what a device or a terminal asks
// for goes ahead of the thumbnails of files that have just arrived, and those wait
// until files stop arriving, so that decoding them does not slow the receiving down.
#include "TestSupport.h"

#include "base/Clock.h"
#include "lab/Lab.h"
#include "metadata/Thumbnailer.h"
#include "net/ThumbnailMaker.h"
#include "store/BlobStore.h"
#include "store/Sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Keepsake;

namespace {

// Never quiet while a test runs: the arrivals' thumbnails wait.
constexpr int NeverQuietMs = 3'600'000;

} // namespace

class TestThumbnailMaker : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_lab = Test::labWithCustomerC1(m_dir->path(), Test::testCatalogUrl(m_dir->path()), m_clock);
        QVERIFY(m_lab);
        m_files.clear();
        QStringList jpegs;
        for (const QJsonObject &record : Test::corpusTruth()) {
            const QString path = record.value(QStringLiteral("path")).toString();
            if (path.startsWith(QLatin1String("real/")) && record.value(QStringLiteral("decodable")).toBool()
                && record.value(QStringLiteral("file_type")).toString() == QLatin1String("JPEG"))
                jpegs.append(Test::corpusPath(path));
        }
        QVERIFY(jpegs.size() >= 3);
        for (const QString &jpeg : jpegs.first(3)) {
            const Result<QString> sha = Sha256::ofFile(jpeg);
            QVERIFY(sha);
            const QString incoming = m_lab->store().incomingPath(*sha);
            QVERIFY(QDir().mkpath(QFileInfo(incoming).path()));
            QVERIFY(QFile::copy(jpeg, incoming));
            QVERIFY(m_lab->store().adopt(*sha).ok());
            m_files.append(*sha);
        }
    }

    void cleanup()
    {
        m_lab.reset();
        m_dir.reset();
    }

    // A thumbnail asked for is made while the arrivals' wait; one of those asked for
    // while waiting goes ahead of the others.
    void askedForGoesAheadOfArrivals()
    {
        const Thumbnailer &made = m_lab->thumbnails();
        ThumbnailMaker maker(*m_lab, NeverQuietMs);
        maker.makeWhenQuiet(m_files.at(0));
        maker.makeWhenQuiet(m_files.at(1));
        maker.make(m_files.at(2));
        QTRY_VERIFY(made.has(m_files.at(2)));
        QVERIFY(!made.has(m_files.at(0)));
        QVERIFY(!made.has(m_files.at(1)));
        QVERIFY(!maker.isIdle());

        maker.make(m_files.at(1));
        QTRY_VERIFY(made.has(m_files.at(1)));
        QVERIFY(!made.has(m_files.at(0)));
        QVERIFY(!maker.isIdle());
    }

    // Once files stop arriving, their thumbnails are made, each once.
    void arrivalsAreMadeOnceQuiet()
    {
        ThumbnailMaker maker(*m_lab, 0);
        for (const QString &sha : std::as_const(m_files)) {
            maker.makeWhenQuiet(sha);
            maker.makeWhenQuiet(sha);
        }
        QTRY_VERIFY(maker.isIdle());
        for (const QString &sha : std::as_const(m_files))
            QVERIFY2(m_lab->thumbnails().has(sha), qPrintable(sha));
    }

    // Stopping drops what waits for quiet, and the maker's thread, waiting for it,
    // ends: the destructor returns (it would wait an hour otherwise).
    void stopEndsTheWaitForQuiet()
    {
        {
            ThumbnailMaker maker(*m_lab, NeverQuietMs);
            maker.makeWhenQuiet(m_files.at(0));
            maker.stop();
            QVERIFY(maker.isIdle());
            maker.make(m_files.at(1));   // stopped: nothing more is taken
            QVERIFY(maker.isIdle());
        }
        QVERIFY(!m_lab->thumbnails().has(m_files.at(0)));
        QVERIFY(!m_lab->thumbnails().has(m_files.at(1)));
    }

private:
    ManualClock m_clock { QDateTime(QDate(2026, 12, 8), QTime(10, 0), QTimeZone::utc()) };
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Lab> m_lab;
    QStringList m_files;
};

QTEST_GUILESS_MAIN(TestThumbnailMaker)
#include "tst_thumbnailmaker.moc"
