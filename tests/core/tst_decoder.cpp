// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "metadata/ImageDecoder.h"

#include "TestConfig.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QtConcurrent>
#include <QtTest>

using namespace Keepsake;

namespace {

constexpr int MaxEdge = 512;

ImageFormat formatOf(const QString &fileType)
{
    if (fileType == QLatin1String("JPEG"))
        return ImageFormat::Jpeg;
    if (fileType == QLatin1String("PNG"))
        return ImageFormat::Png;
    if (fileType == QLatin1String("TIFF"))
        return ImageFormat::Tiff;
    if (fileType == QLatin1String("HEIC") || fileType == QLatin1String("HEIF"))
        return ImageFormat::Heif;
    return ImageFormat::Raw;
}

// The picture as a viewer shows it before EXIF orientation: for HEIF after irot.
QSize truthSize(const QJsonObject &truth)
{
    QSize size(truth.value(QStringLiteral("ImageWidth")).toInt(),
               truth.value(QStringLiteral("ImageHeight")).toInt());
    const int rotation = truth.value(QStringLiteral("heif_rotation_deg")).toInt();
    if (rotation == 90 || rotation == 270)
        size.transpose();
    return size;
}

// truth.jsonl knows of the file only that LibRaw identifies it, not whether a picture decodes.
bool identifiedOnly(const QJsonObject &truth)
{
    return truth.value(QStringLiteral("decode_method")).toString().contains(QLatin1String("identification only"));
}

QByteArray corpusBytes(const QString &relative, qsizetype length = -1)
{
    QFile file(Test::corpusPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return length < 0 ? file.readAll() : file.read(length);
}

const QString CanonDng = QStringLiteral("real/raw/Canon_EOS_6D.dng");

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestDecoder : public QObject
{
    Q_OBJECT

private slots:
    void realFiles_data()
    {
        QTest::addColumn<QJsonObject>("truth");
        const auto records = Test::corpusTruth();
        for (const QJsonObject &record : records) {
            const QString path = record.value(QStringLiteral("path")).toString();
            if (path.startsWith(QLatin1String("real/")))
                QTest::newRow(qPrintable(path)) << record;
        }
    }

    void realFiles()
    {
        QFETCH(QJsonObject, truth);
        const QString path = Test::corpusPath(truth.value(QStringLiteral("path")).toString());
        const DecodedImage decoded = ImageDecoder().decodeFile(path, MaxEdge);
        if (!truth.value(QStringLiteral("decodable")).toBool()) {
            QVERIFY(!decoded.accepted);
            QVERIFY(!decoded.reason.isEmpty());
            QVERIFY(decoded.picture.isNull());
            return;
        }
        const ImageFormat format = formatOf(truth.value(QStringLiteral("file_type")).toString());
        QVERIFY2(decoded.accepted || identifiedOnly(truth), qPrintable(decoded.reason));
        QCOMPARE(decoded.format, format);
        QVERIFY(!decoded.mimeType.isEmpty());
        if (format == ImageFormat::Raw) {
            // The corpus's RAWs are mostly stubs: truth.jsonl only had LibRaw identify them.
            // A RAW is accepted when its preview or raw data decodes (issue 12, item 7).
            if (!decoded.accepted && identifiedOnly(truth)) {
                QVERIFY2(decoded.reason.contains(QLatin1String("incomplete")), qPrintable(decoded.reason));
                return;
            }
            QVERIFY2(decoded.accepted, qPrintable(decoded.reason));
            QVERIFY(!decoded.fullSize.isEmpty());
            QVERIFY(decoded.mimeType.startsWith(QLatin1String("image/x-")));
            if (!decoded.picture.isNull())
                QVERIFY(qMax(decoded.picture.width(), decoded.picture.height()) <= MaxEdge);
            return;
        }
        QCOMPARE(decoded.mimeType, truth.value(QStringLiteral("mime")).toString());
        const QSize full = truthSize(truth);
        QCOMPARE(decoded.fullSize, full);
        QCOMPARE(decoded.transformsApplied, format == ImageFormat::Heif);
        QVERIFY(!decoded.picture.isNull());
        const int longEdge = qMax(decoded.picture.width(), decoded.picture.height());
        QCOMPARE(longEdge, qMin(MaxEdge, qMax(full.width(), full.height())));
        // Same shape: the scaled short edge is within a pixel of the exact one.
        const double exactShort = double(qMin(full.width(), full.height())) * longEdge
            / qMax(full.width(), full.height());
        QVERIFY(qAbs(qMin(decoded.picture.width(), decoded.picture.height()) - exactShort) <= 1.0);
        QCOMPARE(decoded.picture.width() >= decoded.picture.height(), full.width() >= full.height());
    }

    void rawPreviewIsRead()
    {
        const DecodedImage decoded = ImageDecoder().decodeFile(
            Test::corpusPath(QStringLiteral("real/raw/Canon_EOS_6D.dng")), MaxEdge);
        QVERIFY(decoded.accepted);
        QCOMPARE(decoded.format, ImageFormat::Raw);
        QCOMPARE(decoded.mimeType, QStringLiteral("image/x-adobe-dng"));
        QVERIFY(!decoded.picture.isNull());
        QCOMPARE(imageFormatName(decoded.format), QStringLiteral("camera RAW"));
    }

    // A RAW cut short is refused with its reason, though LibRaw may parse its header
    // (issue 12, item 7); the whole file beside them is accepted.
    void truncatedRawIsRefused_data()
    {
        QTest::addColumn<qsizetype>("length");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("DNG, first 64 KiB (LibRaw cannot open it)") << qsizetype(65536) << false;
        QTest::newRow("DNG, first 200000 bytes (header parses, preview cut)") << qsizetype(200000) << false;
        // The rule is "its preview or its raw data decodes": the preview is whole here.
        QTest::newRow("DNG, all but its last 4 KiB (preview whole)") << qsizetype(-4096) << true;
        QTest::newRow("DNG, whole") << qsizetype(-1) << true;
    }

    void truncatedRawIsRefused()
    {
        QFETCH(qsizetype, length);
        QFETCH(bool, accepted);
        QByteArray data = corpusBytes(CanonDng);
        QVERIFY(data.size() > 300000);
        if (length >= 0)
            data.truncate(length);
        else if (length < -1)
            data.chop(-length);
        const ImageDecoder decoder;
        for (const DecodedImage &decoded : { decoder.decode(data, MaxEdge), decoder.check(data) }) {
            QCOMPARE(decoded.accepted, accepted);
            if (!accepted) {
                QVERIFY2(decoded.reason.contains(QLatin1String("RAW picture data is incomplete")),
                         qPrintable(decoded.reason));
            }
        }
    }

    // Ingest tells from a file's first bytes whether it can be a picture before it reads
    // the file whole (issue 12, item 6).
    void refusesFromTheHead_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("refused");
        QTest::addColumn<QString>("because");
        const qsizetype headBytes = 256 * 1024;
        QTest::newRow("zeros (a sparse file)") << QByteArray(headBytes, '\0') << true << QStringLiteral("not a picture");
        QTest::newRow("MP4 video") << corpusBytes(QStringLiteral("bad/wrong_extension/video_mp4_named.jpg"), headBytes)
                                   << true << QStringLiteral("video");
        QTest::newRow("text") << QByteArray(headBytes, 'x') << true << QStringLiteral("not a picture");
        QTest::newRow("JPEG") << corpusBytes(QStringLiteral("real/jpeg/Canon_EOS_7D.jpg"), 4096) << false << QString();
        QTest::newRow("DNG") << corpusBytes(CanonDng, 4096) << false << QString();
        QTest::newRow("RAF (a signature of its own)")
            << corpusBytes(QStringLiteral("real/metadata_stub/exiftool_FujiFilm.raf"), 4096) << false << QString();
        QTest::newRow("HEIC") << corpusBytes(QStringLiteral("real/heif/Apple_iPhone_7.heic"), 4096) << false << QString();
    }

    void refusesFromTheHead()
    {
        QFETCH(QByteArray, head);
        QFETCH(bool, refused);
        QFETCH(QString, because);
        QVERIFY(!head.isEmpty());
        const std::optional<DecodedImage> refusal = ImageDecoder().refuseByHead(head, qint64(1) << 30);
        QCOMPARE(refusal.has_value(), refused);
        if (refusal) {
            QVERIFY(!refusal->accepted);
            QVERIFY2(refusal->reason.contains(because), qPrintable(refusal->reason));
        }
        // A head that is the whole file is left to the decoders.
        QVERIFY(!ImageDecoder().refuseByHead(head, head.size()).has_value());
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("path");
        const QStringList files = Test::corpusFiles(QStringLiteral("bad"));
        for (const QString &path : files)
            QTest::newRow(qPrintable(path)) << path;
    }

    // Hostile files: never a crash; accepted only when a picture really is there.
    void badFiles()
    {
        QFETCH(QString, path);
        const DecodedImage decoded = ImageDecoder().decodeFile(Test::corpusPath(path), MaxEdge);
        const QJsonObject truth = Test::corpusTruthFor(path);
        if (!truth.isEmpty()) {
            QCOMPARE(decoded.accepted, truth.value(QStringLiteral("decodable")).toBool());
            if (decoded.accepted)
                QCOMPARE(decoded.format, formatOf(truth.value(QStringLiteral("file_type")).toString()));
        }
        static const QStringList mustRefuse {
            QStringLiteral("bad/zero_byte/"),
            QStringLiteral("bad/truncated/trunc_2bytes_SOI_only.jpg"),
            QStringLiteral("bad/truncated/trunc_headers_only_no_scan.jpg"),
            QStringLiteral("bad/corrupt_natural/exiv2-bug1247_17bytes.jpg"),
            QStringLiteral(".webp"), QStringLiteral(".jp2"), QStringLiteral("video_mp4"),
            QStringLiteral("GHSA-hrw9"),
        };
        for (const QString &marker : mustRefuse) {
            if (path.contains(marker))
                QVERIFY2(!decoded.accepted, qPrintable(path));
        }
        if (decoded.accepted) {
            QVERIFY(!decoded.picture.isNull());
            QVERIFY(decoded.reason.isEmpty());
        } else {
            QVERIFY(!decoded.reason.isEmpty());
            QVERIFY(decoded.picture.isNull());
        }
    }

    void reasonsInPlainWords()
    {
        const ImageDecoder decoder;
        QCOMPARE(decoder.decode(QByteArray(), MaxEdge).reason, QStringLiteral("The file is empty."));
        const DecodedImage video = decoder.decodeFile(
            Test::corpusPath(QStringLiteral("bad/wrong_extension/video_mp4_named.jpg")), MaxEdge);
        QVERIFY(!video.accepted);
        QVERIFY2(video.reason.contains(QLatin1String("not a photo Keepsake accepts"))
                     && video.reason.contains(QLatin1String("video")),
                 qPrintable(video.reason));
        const DecodedImage noScan = decoder.decodeFile(
            Test::corpusPath(QStringLiteral("bad/truncated/trunc_headers_only_no_scan.jpg")), MaxEdge);
        QVERIFY(noScan.reason.startsWith(QLatin1String("The picture data is damaged")));
    }

    // Inputs the fuzzer found (tests/fuzz/regressions): CR3 files LibRaw 0.20's atom
    // parser never leaves. Before the reading budget each of these hung the hand-in.
    void rawThatSendsTheReaderInCirclesIsRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("CR3 atoms 1") << QStringLiteral("libraw-0.20-cr3-endless-atoms-1.cr3");
        QTest::newRow("CR3 atoms 2") << QStringLiteral("libraw-0.20-cr3-endless-atoms-2.cr3");
    }

    void rawThatSendsTheReaderInCirclesIsRefused()
    {
        QFETCH(QString, name);
        const QString path = QStringLiteral(KEEPSAKE_TEST_SOURCE_DIR "/tests/fuzz/regressions/") + name;
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        const ImageDecoder decoder;
        for (const DecodedImage &decoded : { decoder.decodeFile(path, MaxEdge), decoder.check(fileBytes(path)) }) {
            QVERIFY(!decoded.accepted);
            QVERIFY2(decoded.reason.contains(QLatin1String("round in circles")), qPrintable(decoded.reason));
        }
    }

    void zeroBytesRefused()
    {
        const QStringList files = Test::corpusFiles(QStringLiteral("bad/zero_byte"));
        QVERIFY(!files.isEmpty());
        for (const QString &path : files) {
            const DecodedImage decoded = ImageDecoder().decodeFile(Test::corpusPath(path), MaxEdge);
            QVERIFY(!decoded.accepted);
            QVERIFY(!decoded.reason.isEmpty());
        }
    }

    void smallPicturesAreNotUpscaled()
    {
        const DecodedImage decoded = ImageDecoder().decodeFile(
            Test::corpusPath(QStringLiteral("real/heif/Nikon_D5300_Stonehenge.heic")), 4096);
        QVERIFY(decoded.accepted);
        QCOMPARE(decoded.picture.size(), QSize(300, 200));
    }

    // Ingest decodes from several threads at once.
    void severalThreads()
    {
        QStringList files = Test::corpusFiles(QStringLiteral("real"));
        files += Test::corpusFiles(QStringLiteral("bad"));
        const QList<bool> accepted = QtConcurrent::blockingMapped(files, [](const QString &path) {
            return ImageDecoder().decodeFile(Test::corpusPath(path), MaxEdge).accepted;
        });
        for (qsizetype i = 0; i < files.size(); ++i)
            QCOMPARE(accepted.at(i), ImageDecoder().decodeFile(Test::corpusPath(files.at(i)), MaxEdge).accepted);
    }
};

QTEST_GUILESS_MAIN(TestDecoder)
#include "tst_decoder.moc"
