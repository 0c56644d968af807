// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "metadata/ImageDecoder.h"
#include "metadata/Thumbnailer.h"

#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QImageReader>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keepsake;

namespace {

QString sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex());
}

QSize jpegSize(const QString &path)
{
    QImageReader reader(path);
    return reader.format() == "jpeg" ? reader.size() : QSize();
}

// A 2400×1800 red picture whose EXIF carries a blue preview of the given size.
QString jpegWithPreview(const QString &folder, QSize previewSize)
{
    QImage main(2400, 1800, QImage::Format_RGB32);
    main.fill(Qt::red);
    QImage preview(previewSize, QImage::Format_RGB32);
    preview.fill(Qt::blue);
    return Test::jpegWithExifThumbnail(folder, main, preview);
}

} // namespace

class TestThumbnailer : public QObject
{
    Q_OBJECT

private slots:
    void bothSizes_data()
    {
        QTest::addColumn<QJsonObject>("truth");
        const auto records = Test::corpusTruth();
        for (const QJsonObject &record : records) {
            const QString path = record.value(QStringLiteral("path")).toString();
            const QString type = record.value(QStringLiteral("file_type")).toString();
            if (path.startsWith(QLatin1String("real/")) && record.value(QStringLiteral("decodable")).toBool()
                && QStringList { QStringLiteral("JPEG"), QStringLiteral("PNG"), QStringLiteral("TIFF"),
                                 QStringLiteral("HEIC"), QStringLiteral("HEIF") }.contains(type))
                QTest::newRow(qPrintable(path)) << record;
        }
    }

    // Both sizes, upright: EXIF orientation applied once, and never to HEIF (irot wins).
    void bothSizes()
    {
        QFETCH(QJsonObject, truth);
        QTemporaryDir cache;
        QVERIFY(cache.isValid());
        const Thumbnailer thumbnailer(cache.path());
        const QString file = Test::corpusPath(truth.value(QStringLiteral("path")).toString());
        const QString sha = truth.value(QStringLiteral("sha256")).toString();
        QVERIFY(!thumbnailer.has(sha));
        const Status made = thumbnailer.make(sha, file);
        QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message()));
        QVERIFY(thumbnailer.has(sha));

        QSize upright(truth.value(QStringLiteral("ImageWidth")).toInt(),
                      truth.value(QStringLiteral("ImageHeight")).toInt());
        const bool heif = truth.value(QStringLiteral("file_type")).toString().startsWith(QLatin1String("HEI"));
        const int rotation = truth.value(QStringLiteral("heif_rotation_deg")).toInt();
        const int orientation = truth.value(QStringLiteral("Orientation")).toInt(1);
        if (heif ? (rotation == 90 || rotation == 270) : (orientation >= 5 && orientation <= 8))
            upright.transpose();

        for (const auto size : { Thumbnailer::Size::Grid, Thumbnailer::Size::Print }) {
            const QString path = thumbnailer.path(sha, size);
            QVERIFY(path.endsWith(QStringLiteral("/%1/%2/%3.jpg").arg(sha.left(2), sha.mid(2, 2), sha)));
            const QSize thumb = jpegSize(path);
            const int edge = Thumbnailer::edge(size);
            QCOMPARE(qMax(thumb.width(), thumb.height()), qMin(edge, qMax(upright.width(), upright.height())));
            if (upright.width() != upright.height())
                QCOMPARE(thumb.width() > thumb.height(), upright.width() > upright.height());
        }
    }

    // A camera's embedded preview of print size or more is decoded instead of the
    // picture; a smaller one (the 160×120 EXIF thumbnail) is not used.
    void embeddedPreviewWhenLargeEnough_data()
    {
        QTest::addColumn<QSize>("previewSize");
        QTest::addColumn<QColor>("expected");
        QTest::newRow("640x480 preview") << QSize(640, 480) << QColor(Qt::blue);
        QTest::newRow("160x120 thumbnail") << QSize(160, 120) << QColor(Qt::red);
    }

    void embeddedPreviewWhenLargeEnough()
    {
        QFETCH(QSize, previewSize);
        QFETCH(QColor, expected);
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("exiftool")).isEmpty(),
                 "exiftool (Debian: libimage-exiftool-perl) writes the test's preview");
        QTemporaryDir folder;
        const QString photo = jpegWithPreview(folder.path(), previewSize);
        QVERIFY(!photo.isEmpty());
        const Thumbnailer thumbnailer(folder.path() + QStringLiteral("/cache"));
        const QString sha = sha256Of(photo);
        QVERIFY(thumbnailer.make(sha, photo).ok());
        const QImage print = QImageReader(thumbnailer.path(sha, Thumbnailer::Size::Print)).read();
        QCOMPARE(print.size(), QSize(Thumbnailer::PrintEdge, Thumbnailer::PrintEdge * 3 / 4));
        const QColor centre = print.pixelColor(print.width() / 2, print.height() / 2);
        QVERIFY2(qAbs(centre.red() - expected.red()) < 40 && qAbs(centre.blue() - expected.blue()) < 40,
                 qPrintable(centre.name()));
    }

    void orientationSixEndsUpPortrait()
    {
        // Stored landscape (3264×1836), EXIF orientation 6: the thumbnail stands upright.
        const QString file = Test::corpusPath(QStringLiteral("real/jpeg/BlackBerry_Z10.jpg"));
        const QImage stored = QImageReader(file).read();
        QVERIFY(stored.width() > stored.height());
        QTemporaryDir cache;
        const Thumbnailer thumbnailer(cache.path());
        const QString sha = sha256Of(file);
        const QImage print = thumbnailer.load(sha, Thumbnailer::Size::Print, file);
        QVERIFY(!print.isNull());
        QVERIFY(print.height() > print.width());
        QCOMPARE(print.height(), qMin(Thumbnailer::PrintEdge, stored.width()));
    }

    void heifIsNotTurnedTwice()
    {
        // EXIF says 6, but for HEIF the container's irot decides (here: none).
        const QString path = QStringLiteral("real/heif/Apple_iPhone_7.heic");
        const QJsonObject truth = Test::corpusTruthFor(path);
        QCOMPARE(truth.value(QStringLiteral("Orientation")).toInt(), 6);
        QTemporaryDir cache;
        const Thumbnailer thumbnailer(cache.path());
        const QImage grid = thumbnailer.load(truth.value(QStringLiteral("sha256")).toString(),
                                             Thumbnailer::Size::Grid, Test::corpusPath(path));
        QCOMPARE(grid.size(), QSize(256, 192));
    }

    void writtenAtomically()
    {
        QTemporaryDir cache;
        const Thumbnailer thumbnailer(cache.path());
        const QString file = Test::corpusPath(QStringLiteral("real/jpeg/Canon_EOS_7D.jpg"));
        const QString sha = sha256Of(file);
        QVERIFY(thumbnailer.make(sha, file).ok());
        QVERIFY(thumbnailer.has(sha));
        // Made again over the old ones: still whole files, and nothing else left behind.
        QVERIFY(thumbnailer.make(sha, file).ok());
        QStringList found;
        QDirIterator it(cache.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            found.append(it.next());
        found.sort();
        QCOMPARE(found, QStringList({ thumbnailer.path(sha, Thumbnailer::Size::Grid),
                                      thumbnailer.path(sha, Thumbnailer::Size::Print) }));
        QVERIFY(!QImageReader(found.first()).read().isNull());
    }

    void saveFromDecoded()
    {
        QTemporaryDir cache;
        const Thumbnailer thumbnailer(cache.path());
        const DecodedImage decoded = ImageDecoder().decodeFile(
            Test::corpusPath(QStringLiteral("real/jpeg/Canon_EOS_7D.jpg")), Thumbnailer::PrintEdge);
        QVERIFY(decoded.accepted);
        const QString sha(64, QLatin1Char('a'));
        QVERIFY(thumbnailer.saveFrom(sha, decoded, 8).ok());
        const QSize print = jpegSize(thumbnailer.path(sha, Thumbnailer::Size::Print));
        QCOMPARE(print, decoded.picture.size().transposed());
        QVERIFY(!thumbnailer.saveFrom(sha, DecodedImage {}, 1).ok());
        QVERIFY(!thumbnailer.make(QString(64, QLatin1Char('b')),
                                  Test::corpusPath(QStringLiteral("bad/zero_byte/empty.png"))).ok());
    }

    void applyOrientation_data()
    {
        // A 2×1 picture, red left of green, and where red lands after each orientation.
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QPoint>("red");
        QTest::newRow("1") << 1 << QSize(2, 1) << QPoint(0, 0);
        QTest::newRow("2 mirror") << 2 << QSize(2, 1) << QPoint(1, 0);
        QTest::newRow("3 half turn") << 3 << QSize(2, 1) << QPoint(1, 0);
        QTest::newRow("4 flip") << 4 << QSize(2, 1) << QPoint(0, 0);
        QTest::newRow("5 transpose") << 5 << QSize(1, 2) << QPoint(0, 0);
        QTest::newRow("6 clockwise") << 6 << QSize(1, 2) << QPoint(0, 0);
        QTest::newRow("7 transverse") << 7 << QSize(1, 2) << QPoint(0, 1);
        QTest::newRow("8 anticlockwise") << 8 << QSize(1, 2) << QPoint(0, 1);
        QTest::newRow("bogus") << 42 << QSize(2, 1) << QPoint(0, 0);
    }

    void applyOrientation()
    {
        QFETCH(int, orientation);
        QFETCH(QSize, size);
        QFETCH(QPoint, red);
        QImage image(2, 1, QImage::Format_RGB32);
        image.setPixel(0, 0, qRgb(255, 0, 0));
        image.setPixel(1, 0, qRgb(0, 255, 0));
        const QImage turned = Keepsake::applyOrientation(image, orientation);
        QCOMPARE(turned.size(), size);
        QCOMPARE(QColor(turned.pixel(red)), QColor(Qt::red));
    }
};

QTEST_GUILESS_MAIN(TestThumbnailer)
#include "tst_thumbnailer.moc"
