// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Phone hand-in (issue 16): the kiosk's upload address (`keepsakectl upload open`),
// opened in Chromium with a phone's screen and touch; three photos chosen (one larger
// than a piece, so it goes in several), sent, handed in; each lands in the customer's
// albums with its bytes as they were on the phone.
#include "WebTestLab.h"

#include <QImage>
#include <QRandomGenerator>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestWebUpload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_lab.setUp(); }
    void cleanupTestCase() { m_lab.tearDown(); }
    void phoneUploadLandsInAlbums();

private:
    // A camera-sized JPEG of noise: larger than one piece of 4 MiB.
    QString largePhoto() const;
    QStringList customersPhotos(const QString &customer) const;   // sha256 of each

    WebTestLab m_lab;
};

QString TestWebUpload::largePhoto() const
{
    QImage image(3000, 2000, QImage::Format_RGB32);
    QRandomGenerator random(16);
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x)
            line[x] = random.generate() | 0xff000000u;
    }
    const QString path = m_lab.folder(QStringLiteral("phone/PXL_20260501_101500000.jpg"));
    QDir().mkpath(QFileInfo(path).path());
    return image.save(path, "JPEG", 92) ? path : QString();
}

QStringList TestWebUpload::customersPhotos(const QString &customer) const
{
    QStringList hashes;
    for (const QJsonObject &album : m_lab.run({ QStringLiteral("albums"), QStringLiteral("--customer"), customer }).records()) {
        const QHash<QString, QString> photos = m_lab.photosOf(album.value(QStringLiteral("id")).toInteger());
        hashes += photos.values();
    }
    return hashes;
}

void TestWebUpload::phoneUploadLandsInAlbums()
{
    const CtlRun opened = m_lab.run({ QStringLiteral("upload"), QStringLiteral("open"), QStringLiteral("--customer"),
                                      QStringLiteral("C1") });
    QVERIFY2(opened.code == 0, qPrintable(QStringLiteral("keepsakectl upload open --customer C1 gave no upload address "
                                                         "(the kiosk's QR code): ") + opened.why()));
    const QString url = opened.first().value(QStringLiteral("url")).toString();
    QVERIFY2(url.startsWith(m_lab.pageUrl() + QStringLiteral("u/")), qPrintable(opened.why()));

    const QString large = largePhoto();
    QVERIFY(!large.isEmpty());
    QVERIFY(QFileInfo(large).size() > 4 * 1024 * 1024);
    const QStringList files { large,
                              corpusPath(QStringLiteral("real/jpeg/Kodak_DC210.jpg")),
                              corpusPath(QStringLiteral("real/jpeg/Nikon_D5000.jpg")) };
    QJsonArray paths;
    for (const QString &file : files)
        paths.append(file);
    const BrowserRun phone = m_lab.browser->run(QStringLiteral("upload.mjs"),
                                                { { QStringLiteral("WEB_UPLOAD_URL"), url },
                                                  { QStringLiteral("WEB_FILES"), WebTestLab::json(paths) } });
    QVERIFY2(phone.ok(), qPrintable(phone.why()));
    const QJsonObject r = phone.result;
    QVERIFY2(r.value(QStringLiteral("message")).isNull(), qPrintable(WebTestLab::json(r)));
    QVERIFY(r.value(QStringLiteral("forWhom")).toString().contains(QLatin1String("Anna")));
    QCOMPARE(r.value(QStringLiteral("accept")).toString(), QStringLiteral("image/*,video/*"));
    QVERIFY(r.value(QStringLiteral("multiple")).toBool());
    QCOMPARE(r.value(QStringLiteral("rows")).toInt(), 3);

    // Each file's line ends with its outcome, its bar full.
    const QJsonArray rows = r.value(QStringLiteral("files")).toArray();
    QCOMPARE(rows.size(), 3);
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        QVERIFY2(row.value(QStringLiteral("state")).toString().contains(QLatin1String("done new")), qPrintable(WebTestLab::json(row)));
        QCOMPARE(row.value(QStringLiteral("value")).toDouble(), row.value(QStringLiteral("max")).toDouble());
    }
    QVERIFY2(!r.value(QStringLiteral("summary")).toString().isEmpty(), qPrintable(WebTestLab::json(r)));

    // The large photo went in pieces of at most 4 MiB, in order, each where the last ended.
    const QString largeName = QFileInfo(large).fileName();
    constexpr qint64 Piece = 4 * 1024 * 1024;
    QList<qint64> offsets;
    for (const QJsonValue &value : r.value(QStringLiteral("pieces")).toArray()) {
        if (value.toObject().value(QStringLiteral("path")).toString() == largeName)
            offsets.append(value.toObject().value(QStringLiteral("offset")).toInteger());
    }
    const QString pieces = WebTestLab::json(r.value(QStringLiteral("pieces")));
    QVERIFY2(offsets.size() >= 2 && offsets.first() == 0, qPrintable(pieces));
    for (qsizetype i = 1; i < offsets.size(); ++i)
        QVERIFY2(offsets.at(i) > offsets.at(i - 1) && offsets.at(i) - offsets.at(i - 1) <= Piece, qPrintable(pieces));
    QVERIFY2(QFileInfo(large).size() - offsets.last() <= Piece, qPrintable(pieces));

    // In Anna's albums now, the very bytes the phone held.
    const QStringList stored = customersPhotos(QStringLiteral("C1"));
    for (const QString &file : files)
        QVERIFY2(stored.contains(WebTestLab::sha256Of(file)), qPrintable(file + QStringLiteral(" is not in C1's albums")));
    WebTestLab::checkFaults(r);
}

QTEST_MAIN(TestWebUpload)
#include "tst_webupload.moc"
