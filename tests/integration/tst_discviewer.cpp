// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The disc's offline viewer as a customer's browser (Debian's headless chromium) shows
// it: in the customer's language with its plurals, and a photo no browser can show as
// a tile with its name and a link to the original, never a broken image.
#include "disc/DiscManifest.h"
#include "disc/DiscViewer.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Keepsake;

class TestDiscViewer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void speaksTheCustomersLanguage();
    void photoWithoutRenditionIsNoBrokenImage();
    void photosStepForwardAndBack();

private:
    QString writeDisc(const QString &language);
    QString dom(const QString &root, const QString &fragment);

    QTemporaryDir m_dir;
};

void TestDiscViewer::initTestCase()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("chromium")).isEmpty(),
             "chromium is missing: install Debian's chromium package (README, set-up)");
    QVERIFY(m_dir.isValid());
}

// A disc root with one album: a JPEG with its thumbnail, and a RAW whose rendition
// could not be made (no thumbnail, no view).
QString TestDiscViewer::writeDisc(const QString &language)
{
    const QString root = m_dir.filePath(language.isEmpty() ? QStringLiteral("en") : language);
    QDir().mkpath(root + QStringLiteral("/Sommer/thumbs"));
    QImage picture(64, 48, QImage::Format_RGB32);
    picture.fill(Qt::darkCyan);
    picture.save(root + QStringLiteral("/Sommer/strand.jpg"));
    picture.save(root + QStringLiteral("/Sommer/thumbs/strand.jpg"));
    QFile raw(root + QStringLiteral("/Sommer/IMG_0002.CR2"));
    raw.open(QIODevice::WriteOnly);
    raw.write("II*\0 not a picture a browser shows");
    raw.close();
    DiscManifest manifest;
    manifest.discId = QStringLiteral("LAB-20261206-001");
    manifest.labName = QStringLiteral("Fotohaus");
    manifest.customerCode = QStringLiteral("C1");
    manifest.customerName = QStringLiteral("Jörg");
    ManifestAlbum album;
    album.title = QStringLiteral("Sommer");
    album.folder = QStringLiteral("Sommer");
    ManifestPhoto jpeg;
    jpeg.id = 1;
    jpeg.name = QStringLiteral("strand.jpg");
    jpeg.path = jpeg.view = QStringLiteral("Sommer/strand.jpg");
    jpeg.thumb = QStringLiteral("Sommer/thumbs/strand.jpg");
    ManifestPhoto cr2;
    cr2.id = 2;
    cr2.name = QStringLiteral("IMG_0002.CR2");
    cr2.path = QStringLiteral("Sommer/IMG_0002.CR2");
    album.photos = { jpeg, cr2 };
    album.coverPhoto = 2;   // the cover itself has no picture
    manifest.sessions.append({ 1, QStringLiteral("2026-12-06T10:00:00Z"), { album } });
    const QList<DiscViewer::File> files = DiscViewer::render(manifest, language);
    for (const DiscViewer::File &file : files) {
        QDir().mkpath(QFileInfo(root + QLatin1Char('/') + file.path).absolutePath());
        QFile out(root + QLatin1Char('/') + file.path);
        if (!out.open(QIODevice::WriteOnly) || out.write(file.bytes) != file.bytes.size())
            return {};
    }
    return root;
}

// The page's DOM after its scripts ran, opened at #fragment.
QString TestDiscViewer::dom(const QString &root, const QString &fragment)
{
    QTemporaryDir profile;
    QUrl page = QUrl::fromLocalFile(root + QStringLiteral("/index.html"));
    page.setFragment(fragment);
    QProcess chromium;
    chromium.start(QStringLiteral("chromium"),
        { QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
          QStringLiteral("--no-first-run"), QStringLiteral("--disable-background-networking"),
          QStringLiteral("--disable-component-update"), QStringLiteral("--disable-sync"),
          QStringLiteral("--user-data-dir=") + profile.path(), QStringLiteral("--dump-dom"), page.toString() });
    if (!chromium.waitForFinished(120000) || chromium.exitStatus() != QProcess::NormalExit || chromium.exitCode() != 0) {
        qWarning("chromium: %s", chromium.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(chromium.readAllStandardOutput());
}

void TestDiscViewer::speaksTheCustomersLanguage()
{
    const QString german = dom(writeDisc(QStringLiteral("de")), {});
    QVERIFY2(german.contains(QLatin1String("<html lang=\"de\">")), qPrintable(german.left(400)));
    QVERIFY2(german.contains(QStringLiteral("<small>2 Fotos</small>")), qPrintable(german));
    QVERIFY(german.contains(QStringLiteral("Alle Alben")));
    QVERIFY(!german.contains(QLatin1String("photo(s)")));
    const QString japanese = dom(writeDisc(QStringLiteral("ja")), {});
    QVERIFY(japanese.contains(QLatin1String("<html lang=\"ja\">")));
    QVERIFY2(!japanese.contains(QLatin1String("photo(s)")) && !japanese.contains(QLatin1String("All albums")), qPrintable(japanese));
    const QString english = dom(writeDisc(QStringLiteral("en")), {});
    QVERIFY(english.contains(QStringLiteral("<small>2 photos</small>")));
}

void TestDiscViewer::photoWithoutRenditionIsNoBrokenImage()
{
    const QString root = writeDisc(QStringLiteral("de"));
    // The cover without a picture is a tile, not <img src="">.
    const QString covers = dom(root, {});
    QVERIFY2(covers.contains(QLatin1String("<div class=\"nopicture\"")), qPrintable(covers));
    QVERIFY(!covers.contains(QLatin1String("<img src=\"\"")));
    // In the album, the RAW is a tile with its name; no <img> points at the original.
    const QString album = dom(root, QStringLiteral("album-0"));
    QVERIFY2(album.contains(QLatin1String("class=\"nopicture\" role=\"img\" aria-label=\"IMG_0002.CR2\">IMG_0002.CR2</div>")),
             qPrintable(album));
    QVERIFY(!album.contains(QLatin1String("src=\"Sommer/IMG_0002.CR2\"")));
    // Opened, it says why in German and links to the original.
    const QString photo = dom(root, QStringLiteral("album-0/photo-1"));
    QVERIFY2(photo.contains(QLatin1String("<a id=\"photo-original\" href=\"Sommer/IMG_0002.CR2\">")), qPrintable(photo));
    QVERIFY(photo.contains(QLatin1String("<img id=\"photo-img\" alt=\"\" hidden=\"\">")));
    QVERIFY(photo.contains(QStringLiteral("CR2")));
    QVERIFY(!photo.contains(QLatin1String("A browser cannot show")));   // German, not the source text
}

void TestDiscViewer::photosStepForwardAndBack()
{
    const QString photo = dom(writeDisc(QStringLiteral("en")), QStringLiteral("album-0/photo-0"));
    QVERIFY2(photo.contains(QLatin1String("<img id=\"photo-img\" alt=\"strand.jpg\" src=\"Sommer/strand.jpg\">")), qPrintable(photo));
    QVERIFY(photo.contains(QLatin1String("<a href=\"#album-0/photo-1\" id=\"next\" class=\"step\" title=\"Next photo\">")));
    QVERIFY(photo.contains(QLatin1String("id=\"previous\" class=\"step\" title=\"Previous photo\" hidden=\"\"")));
    QVERIFY(!photo.contains(QLatin1String("<div id=\"photo\" class=\"photo\" hidden")));
}

QTEST_GUILESS_MAIN(TestDiscViewer)
#include "tst_discviewer.moc"
