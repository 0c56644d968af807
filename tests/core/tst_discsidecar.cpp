// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A disc's sidecars made from a photo's bytes in memory (PhotoStaging reads each photo
// once, issue 14) are the sidecars made from its file: the photo's own metadata carried
// over, for every kind of picture the corpus holds.
#include "metadata/XmpSidecar.h"

#include "TestSupport.h"

#include <QFile>
#include <QtTest>

using namespace Keepsake;

class TestDiscSidecar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromMemoryAsFromFile_data();
    void fromMemoryAsFromFile();
    void headlessBytesStillGetTheLabsFields();
};

namespace {

const SidecarFields Fields { QStringLiteral("IMG_0001.JPG"), QStringLiteral("2024-05-01T10:00:00"), QStringLiteral("Cam"),
                             QStringLiteral("At the lake"), QStringLiteral("Summer"), QStringLiteral("2024-06-01T09:00:00Z") };

} // namespace

void TestDiscSidecar::fromMemoryAsFromFile_data()
{
    QTest::addColumn<QString>("relative");
    for (const QString &folder : { QStringLiteral("real/jpeg"), QStringLiteral("real/heif"), QStringLiteral("real/raw"),
                                   QStringLiteral("real/tiff"), QStringLiteral("real/png") }) {
        const QStringList files = Test::corpusFiles(folder);
        QVERIFY2(!files.isEmpty(), qPrintable(folder));
        QTest::newRow(qPrintable(files.first())) << files.first();
    }
}

void TestDiscSidecar::fromMemoryAsFromFile()
{
    QFETCH(QString, relative);
    const QString path = Test::corpusPath(relative);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const Result<QByteArray> fromFile = XmpSidecar::make(path, Fields);
    const Result<QByteArray> fromMemory = XmpSidecar::make(bytes, Fields);
    QVERIFY(fromFile.ok() && fromMemory.ok());
    QCOMPARE(*fromMemory, *fromFile);
    QVERIFY(fromMemory->contains("At the lake"));
    if (relative.startsWith(QLatin1String("real/jpeg")))
        QVERIFY2(fromMemory->contains("exif:"), fromMemory->constData());   // the photo's own EXIF came along
}

// Bytes exiv2 cannot read as a picture still give a sidecar with what the lab knows.
void TestDiscSidecar::headlessBytesStillGetTheLabsFields()
{
    const Result<QByteArray> made = XmpSidecar::make(QByteArray("not a picture"), Fields);
    QVERIFY(made.ok());
    QVERIFY(made->contains("IMG_0001.JPG") && made->contains("Summer"));
}

QTEST_GUILESS_MAIN(TestDiscSidecar)
#include "tst_discsidecar.moc"
